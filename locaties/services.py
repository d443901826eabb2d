"""Writes of the locaties app."""

from datetime import datetime, timedelta

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet

from .constants import ReserveringStatus
from .models import Reservering, Ruimte


def occupied_range(*, ruimte: Ruimte, start: datetime, eind: datetime) -> DateTimeTZRange:
    """The time a use of the room blocks it: the use itself plus the room's changeover time."""
    return DateTimeTZRange(start, eind + timedelta(minutes=ruimte.wisseltijd_minuten), "[)")


def reservering_conflicts(
    *, ruimte: Ruimte, start: datetime, eind: datetime, exclude_ids=()
) -> QuerySet[Reservering]:
    """Confirmed reservations of the room that a use from start to eind would clash with."""
    return (
        Reservering.objects.filter(
            ruimte=ruimte,
            status=ReserveringStatus.BEVESTIGD,
            bezet__overlap=occupied_range(ruimte=ruimte, start=start, eind=eind),
        )
        .exclude(pk__in=exclude_ids)
        .order_by("periode")
    )
