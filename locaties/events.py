"""A tiny listener registry: "something that coverage depends on changed in gemeente X".

Lower apps (locaties, activiteiten) may not import the project app that computes
coverage, so they announce changes here and the project app subscribes
(``ontmoeting.apps.OntmoetingConfig.ready``). Announcements go out after the
transaction commits, so a rolled-back change announces nothing.
"""

from collections.abc import Callable

from django.db import transaction

# callback(gemeente_id): gemeente_id None means "every gemeente" (population imports).
_listeners: list[Callable[[int | None], None]] = []


def on_change(callback: Callable[[int | None], None]) -> None:
    """Subscribe ``callback(gemeente_id)``; subscribing twice has no further effect."""
    if callback not in _listeners:
        _listeners.append(callback)


def notify(gemeente_id: int | None) -> None:
    """Tell every listener now (call it after the commit: see ``notify_after_commit``)."""
    for callback in list(_listeners):
        callback(gemeente_id)


def notify_after_commit(gemeente_id: int | None) -> None:
    """Tell the listeners once the current transaction has committed (at once outside one)."""
    transaction.on_commit(lambda: notify(gemeente_id))


def gemeente_of(locatie) -> int | None:
    """The gemeente a place counts in: its buurt's, else its manager's (a place outside
    every known buurt)."""
    return locatie.buurt.gemeente_id if locatie.buurt_id else locatie.beheerder.gemeente_id


def locatie_changed(locatie, *, gemeente_before: int | None = None) -> None:
    """A place (or its programme) changed: announce its gemeente after the commit, and
    the gemeente it counted in before (``gemeente_before``) when it moved to another."""
    for gemeente_id in {gemeente_of(locatie), gemeente_before} - {None}:
        notify_after_commit(gemeente_id)
