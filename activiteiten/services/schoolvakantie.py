"""Writes on school holidays: platform staff add or correct them without a release, and
the occurrences of the activities that skip them follow."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import tasks
from ..constants import ActiviteitStatus
from ..models import Activiteit, Schoolvakantie
from ..recurrence import localise
from .bijeenkomst import SyncManyResult, SyncResult, bijeenkomsten_sync_many

SCHOOLVAKANTIE_FIELDS = frozenset({"regio", "schooljaar", "naam", "van", "tot"})


def _resync_on_commit(periods: list[tuple[str, date, date]]) -> None:
    """After the commit, re-materialise what the changed periods touch: one task per
    region (a corrected region touches two), spanning its old and new dates."""
    spans: dict[str, tuple[date, date]] = {}
    for regio, van, tot in periods:
        first, last = spans.get(regio, (van, tot))
        spans[regio] = (min(first, van), max(last, tot))
    for regio, (van, tot) in sorted(spans.items()):
        transaction.on_commit(
            lambda regio=regio, van=van, tot=tot: tasks.sync_na_schoolvakantie.enqueue(
                regio, van.isoformat(), tot.isoformat()
            )
        )


def _period(schoolvakantie: Schoolvakantie) -> tuple[str, date, date]:
    return schoolvakantie.regio, schoolvakantie.van, schoolvakantie.tot


def schoolvakantie_create(*, regio: str, schooljaar: str, naam: str, van: date, tot: date) -> Schoolvakantie:
    """Add a school holiday of a region; after the commit a background task brings the
    occurrences of the activities that skip that region's holidays in line."""
    with transaction.atomic():
        schoolvakantie = Schoolvakantie(regio=regio, schooljaar=schooljaar, naam=naam, van=van, tot=tot)
        schoolvakantie.full_clean()
        schoolvakantie.save()
        _resync_on_commit([_period(schoolvakantie)])
    return schoolvakantie


def schoolvakantie_update(*, schoolvakantie: Schoolvakantie, **fields: Any) -> Schoolvakantie:
    """Correct a school holiday (dates, name, year or region); after the commit the
    occurrences around both the old and the new dates are brought in line."""
    unknown = set(fields) - SCHOOLVAKANTIE_FIELDS
    if unknown:
        raise TypeError(f"Unknown Schoolvakantie field(s): {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = Schoolvakantie.objects.select_for_update().get(pk=schoolvakantie.pk)
        before = _period(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        _resync_on_commit([before, _period(locked)])
    for name in SCHOOLVAKANTIE_FIELDS:
        setattr(schoolvakantie, name, getattr(locked, name))
    return schoolvakantie


def schoolvakantie_delete(*, schoolvakantie: Schoolvakantie) -> None:
    """Remove a school holiday; after the commit the activities that skipped it get their
    occurrences in those days back."""
    with transaction.atomic():
        locked = Schoolvakantie.objects.select_for_update().get(pk=schoolvakantie.pk)
        before = _period(locked)
        locked.delete()
        _resync_on_commit([before])


def bijeenkomsten_resync_schoolvakantie(*, regio: str, van: date, tot: date) -> SyncManyResult:
    """Re-materialise the occurrences of the published activities that skip the school
    holidays of ``regio`` and can have dates in ``[van, tot]``: what changed, the
    activities that could not be synced with the reason (e.g. a clash with a rental) and
    how many were synced.

    A period that is over touches nothing: past occurrences are never changed.
    """
    if tot < timezone.localdate():
        return SyncManyResult(summary=SyncResult(), failed=[], activiteiten=0)
    activiteiten = Activiteit.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=van),
        status=ActiviteitStatus.GEPUBLICEERD,
        skip_schoolvakantie=regio,
        start__lte=localise(datetime.combine(tot, time.max)),
    )
    return bijeenkomsten_sync_many(activiteiten=activiteiten)
