from django.apps import AppConfig


class OntmoetingConfig(AppConfig):
    name = "ontmoeting"
    verbose_name = "Ontmoeting"

    def ready(self):
        # Lower apps announce changes through locaties.events (they may not import this
        # app); coverage is recomputed in the background after their commit.
        from locaties import events

        from .tasks import enqueue_recompute

        events.on_change(enqueue_recompute)

        from django.db.models.signals import post_migrate

        from .api_cache import install_change_triggers

        post_migrate.connect(install_change_triggers, sender=self)
