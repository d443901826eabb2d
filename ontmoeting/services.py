"""Writes that compose two apps' services in one transaction (only ``ontmoeting`` may
call both): a closure of a place with the cancellation of the activities' dates in it."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from activiteiten.models import Bijeenkomst
from activiteiten.services import bijeenkomst_annuleer
from locaties.models import Locatie, Sluiting
from locaties.services import sluiting_create


@transaction.atomic
def sluiting_met_annuleringen_create(
    *, locatie: Locatie, van: date, tot: date, reden: str, annuleren: Iterable[Bijeenkomst] = ()
) -> tuple[Sluiting, list[Bijeenkomst]]:
    """Close the place from ``van`` to ``tot`` (``sluiting_create``) and cancel the dates
    in ``annuleren`` with the closure's reason as their note (``bijeenkomst_annuleer``:
    the room is freed, registrants are cancelled and mailed after commit). All or
    nothing: a date that cannot be cancelled (in the past) leaves no closure either.
    The caller decides which dates the user may cancel. Returns the closure and the
    dates cancelled."""
    sluiting = sluiting_create(locatie=locatie, van=van, tot=tot, reden=reden)
    geannuleerd = [bijeenkomst_annuleer(bijeenkomst=b, notitie=reden) for b in annuleren]
    return sluiting, geannuleerd
