from django.apps import AppConfig
from django.db.models.signals import post_migrate

from locaties import events

from .api_cache import install_change_triggers


class OntmoetingConfig(AppConfig):
    name = "ontmoeting"
    verbose_name = "Ontmoeting"

    def ready(self):
        # Lower apps announce changes through locaties.events (they may not import this
        # app); coverage is recomputed in the background after their commit.
        from .tasks import enqueue_recompute  # noqa: PLC0415 AppConfig.ready: tasks import models

        events.on_change(enqueue_recompute)
        post_migrate.connect(install_change_triggers, sender=self)
