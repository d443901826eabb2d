from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Domain-free plumbing; an app only for the tables of its shared counters."""

    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"
