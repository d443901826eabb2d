"""Host shifts for the open inloop: every coming date of an open inloop gets a host shift
over its own time, needing as many hosts as the activity says (``gastvrouwen_nodig``)."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone

from activiteiten.constants import ActiviteitSoort, ActiviteitStatus
from activiteiten.models import Activiteit, Bijeenkomst

from ..constants import Taak
from ..models import Dienst
from ._common import ACTIVE_INZET
from .vrijwilliger import dienst_create

#: How far ahead the open inloop's dates get their host shifts by themselves (the daily
#: job moves this window on); further dates are flagged on the roster until then.
INLOOP_DIENSTEN_VOORUIT = timedelta(weeks=8)


@transaction.atomic
def diensten_create_voor_inloop(*, bijeenkomsten: Iterable[Bijeenkomst], benodigd: int | None = None) -> list[Dienst]:
    """Give each of these open inloop occurrences a host shift over its own time, tied to
    it (``bijeenkomst_list_inloop_zonder_gastvrouw`` finds those without one), so the
    roster shows the gap and the public pages can say a host is present once it is filled.
    ``benodigd`` defaults to the activity's ``gastvrouwen_nodig`` (at least one)."""
    return [
        dienst_create(
            locatie=bijeenkomst.activiteit.locatie, taak=Taak.GASTVROUW, start=bijeenkomst.start,
            eind=bijeenkomst.eind, bijeenkomst=bijeenkomst,
            benodigd=benodigd or max(1, bijeenkomst.activiteit.gastvrouwen_nodig),
        )
        for bijeenkomst in bijeenkomsten
    ]


def _zonder_gastvrouw(activiteit: Activiteit, tot: datetime):
    return (
        Bijeenkomst.objects.filter(activiteit=activiteit, geannuleerd=False, start__gt=timezone.now(), start__lt=tot)
        .exclude(diensten__taak=Taak.GASTVROUW)
        .select_related("activiteit__locatie")
        .order_by("start")
    )


def _pas_benodigd_aan(activiteit: Activiteit) -> int:
    """Coming host shifts of the activity's dates take its new number of hosts; never fewer
    than the people already on them. Returns how many shifts changed."""
    diensten = (
        Dienst.objects.filter(bijeenkomst__activiteit=activiteit, taak=Taak.GASTVROUW, start__gt=timezone.now())
        .exclude(benodigd=activiteit.gastvrouwen_nodig)
        .annotate(bezet=models.Count("inzetten", filter=models.Q(inzetten__status__in=ACTIVE_INZET)))
    )
    changed = 0
    for dienst in diensten:
        benodigd = max(activiteit.gastvrouwen_nodig, dienst.bezet, 1)
        if benodigd != dienst.benodigd:
            Dienst.objects.filter(pk=dienst.pk).update(benodigd=benodigd)
            changed += 1
    return changed


@transaction.atomic
def diensten_aanvul_voor_inloop(*, activiteit: Activiteit, tot: datetime | None = None) -> list[Dienst]:
    """Give the coming dates of a published open inloop (until ``tot``, default eight
    weeks from now) the host shift they lack, and its coming host shifts the activity's
    number of hosts. Nothing for another kind of activity, a draft or a stopped one, or
    one that needs no host (``gastvrouwen_nodig`` 0). Idempotent: the activity's row is
    locked, so two runs at once make each shift once."""
    activiteit = Activiteit.objects.select_for_update().get(pk=activiteit.pk)
    if (activiteit.soort != ActiviteitSoort.OPEN_INLOOP or activiteit.status != ActiviteitStatus.GEPUBLICEERD
            or activiteit.gastvrouwen_nodig < 1):
        return []
    _pas_benodigd_aan(activiteit)
    return diensten_create_voor_inloop(
        bijeenkomsten=_zonder_gastvrouw(activiteit, tot or timezone.now() + INLOOP_DIENSTEN_VOORUIT),
        benodigd=activiteit.gastvrouwen_nodig,
    )


def diensten_aanvul_alle_inloop(*, tot: datetime | None = None) -> int:
    """The daily job: every published open inloop that needs a host gets the host shifts
    of its coming dates (``diensten_aanvul_voor_inloop``), one activity per transaction.
    Returns how many shifts were made."""
    activiteiten = Activiteit.objects.filter(
        soort=ActiviteitSoort.OPEN_INLOOP, status=ActiviteitStatus.GEPUBLICEERD, gastvrouwen_nodig__gte=1,
    ).order_by("pk")
    return sum(len(diensten_aanvul_voor_inloop(activiteit=a, tot=tot)) for a in activiteiten)
