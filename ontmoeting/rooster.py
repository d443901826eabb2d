"""The roster following the programme: writes that combine the activiteiten services with
the vrijwilligers ones (activiteiten may not import vrijwilligers, so they meet here).

The workspace (/beheer/) and the API call these, so a date cancelled or moved either way
takes its shifts along and tells the volunteers on them.
"""

from datetime import datetime

from django.db import transaction

from activiteiten.models import Activiteit, Bijeenkomst
from activiteiten.services import (
    SyncResult,
    activiteit_create,
    activiteit_update,
    bijeenkomst_annuleer,
    bijeenkomst_verplaats,
)
from locaties.models import Ruimte
from vrijwilligers.services import diensten_aanvul_voor_inloop, diensten_volg_bijeenkomst


@transaction.atomic
def bijeenkomst_annuleer_met_diensten(*, bijeenkomst: Bijeenkomst, notitie: str | None = None) -> Bijeenkomst:
    """Cancel one date (``bijeenkomst_annuleer``: room freed, registrants mailed) and mark
    its shifts cancelled, mailing the volunteers on them (``diensten_volg_bijeenkomst``).
    All or nothing: a refusal leaves the date and its shifts as they were."""
    geannuleerd = bijeenkomst_annuleer(bijeenkomst=bijeenkomst, notitie=notitie)
    diensten_volg_bijeenkomst(bijeenkomst=geannuleerd, oude_start=geannuleerd.start, oude_eind=geannuleerd.eind)
    return geannuleerd


@transaction.atomic
def bijeenkomst_verplaats_met_diensten(
    *, bijeenkomst: Bijeenkomst, start: datetime, eind: datetime, ruimte: Ruimte | None = None
) -> Bijeenkomst:
    """Move one date (``bijeenkomst_verplaats``) and its shifts with it, mailing the
    volunteers on them. All or nothing: a room clash leaves the shifts where they were."""
    oud = Bijeenkomst.objects.only("start", "eind").get(pk=bijeenkomst.pk)
    verplaatst = bijeenkomst_verplaats(bijeenkomst=bijeenkomst, start=start, eind=eind, ruimte=ruimte)
    diensten_volg_bijeenkomst(bijeenkomst=verplaatst, oude_start=oud.start, oude_eind=oud.eind)
    return verplaatst


@transaction.atomic
def activiteit_create_met_diensten(**fields) -> Activiteit:
    """Create an activity (``activiteit_create``, which makes its dates); an open inloop's
    dates get their host shifts (``diensten_aanvul_voor_inloop``)."""
    activiteit = activiteit_create(**fields)
    diensten_aanvul_voor_inloop(activiteit=activiteit)
    return activiteit


@transaction.atomic
def activiteit_update_met_diensten(*, activiteit: Activiteit, **fields) -> SyncResult:
    """Save an activity (``activiteit_update``, which brings its dates in line), let the
    shifts of the dates it cancelled follow (their volunteers are mailed), and give the
    dates of an open inloop the host shifts they lack (``diensten_aanvul_voor_inloop``)."""
    result = activiteit_update(activiteit=activiteit, **fields)
    for bijeenkomst in result.cancelled:
        diensten_volg_bijeenkomst(bijeenkomst=bijeenkomst, oude_start=bijeenkomst.start, oude_eind=bijeenkomst.eind)
    diensten_aanvul_voor_inloop(activiteit=activiteit)
    return result
