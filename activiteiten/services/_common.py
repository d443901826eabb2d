"""Helpers the activiteiten services share (private to the services package): locking an
occurrence, its active registrations, and mail to registrants after the commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from ..constants import AanmeldingStatus
from ..models import Aanmelding, Bijeenkomst

ACTIVE_REGISTRATION = (AanmeldingStatus.BEVESTIGD, AanmeldingStatus.WACHTLIJST)


def lock_bijeenkomst(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    """The occurrence, locked for this transaction, with its activity, reservation and room."""
    return (
        Bijeenkomst.objects.select_for_update(of=("self",))
        .select_related("activiteit__organisator", "reservering", "ruimte")
        .get(pk=bijeenkomst.pk)
    )


def active_registrations(bijeenkomst_ids: Iterable[int]) -> dict[int, list[Aanmelding]]:
    """Confirmed and waiting registrations per occurrence, in order of registration."""
    grouped: dict[int, list[Aanmelding]] = defaultdict(list)
    for aanmelding in Aanmelding.objects.filter(
        bijeenkomst_id__in=list(bijeenkomst_ids), status__in=ACTIVE_REGISTRATION
    ).order_by("aangemaakt", "pk"):
        grouped[aanmelding.bijeenkomst_id].append(aanmelding)
    return grouped


def notify_on_commit(task_obj, aanmeldingen: Iterable[Aanmelding]) -> None:
    """Queue ``task_obj`` for the registrants who left an e-mail address, after the commit."""
    ids = [a.pk for a in aanmeldingen if a.email]
    if ids:
        transaction.on_commit(lambda: task_obj.enqueue(ids))
