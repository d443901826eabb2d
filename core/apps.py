from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Domain-free plumbing; an app only for its tables: the shared counters and API tokens."""

    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"
