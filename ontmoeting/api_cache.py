"""Which apps' tables empty the per-process cache of public API answers
(``core.api.response_cache``) when they change, and the ``post_migrate`` receiver that
gives each of their tables the NOTIFY trigger."""

from core.api import response_cache

#: Apps whose tables the public API shows; a change to any of their tables empties it.
APPS_SHOWN = ("locaties", "activiteiten", "vrijwilligers", "ontmoeting")
#: Apps with tables the API does not show: core's throttle counters change with every
#: counted request, and a trigger there would empty the cache on each.
APPS_NOT_SHOWN = ("core",)


def install_change_triggers(sender=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: the NOTIFY trigger on every table of ``APPS_SHOWN``."""
    response_cache.install_change_triggers(APPS_SHOWN, using=using)
