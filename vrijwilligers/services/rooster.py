"""The roster's mails: tomorrow's reminders, the coordinators' notice of unfilled
shifts, and shifts that follow their occurrence when it is moved or cancelled."""

from datetime import date, datetime, time, timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten.models import Bijeenkomst
from core.timezones import AMSTERDAM

from ..constants import InzetStatus
from ..models import Dienst, Inzet
from ._common import (
    ACTIVE_INZET,
    ONVERVULD_VOORUIT,
    _coordinator_addresses,
    _mail_after_commit,
    _wanneer,
    vrijwilliger_link,
)


def inzetten_herinner(*, dag: date) -> int:
    """Remind every volunteer with an e-mail address of their shifts on ``dag`` (run the
    day before, once a day), with their personal link. Returns how many mails were queued."""
    inzetten = (
        Inzet.objects.filter(status__in=[InzetStatus.INGEPLAND, InzetStatus.BEVESTIGD],
                             dienst__start__gte=datetime.combine(dag, time.min, tzinfo=AMSTERDAM),
                             dienst__start__lt=datetime.combine(dag + timedelta(days=1), time.min, tzinfo=AMSTERDAM))
        .exclude(vrijwilliger__email="")
        .exclude(dienst__bijeenkomst__geannuleerd=True)
        .select_related("dienst__locatie", "vrijwilliger")
        .order_by("dienst__start")
    )
    count = 0
    with transaction.atomic():
        for inzet in inzetten:
            dienst = inzet.dienst
            values = {"naam": inzet.vrijwilliger.naam, "taak": dienst.get_taak_display(), "locatie": dienst.locatie.naam,
                      "adres": dienst.locatie.adres, "wanneer": _wanneer(dienst), "link": vrijwilliger_link(inzet.vrijwilliger)}
            _mail_after_commit(
                to=[inzet.vrijwilliger.email],
                subject=_("Reminder: %(taak)s, %(wanneer)s") % values,
                body=_(
                    "Dear %(naam)s,\n\nTomorrow you have a shift: %(taak)s at %(locatie)s (%(adres)s), %(wanneer)s.\n"
                    "Cannot come after all? Give it back on your page, so the coordinator can find someone else:\n"
                    "%(link)s\n"
                ) % values,
            )
            count += 1
    return count


def diensten_onvervuld_meld(*, moment: datetime | None = None) -> int:
    """Tell each organisation's coordinators which of its shifts in the coming seven days
    still need people (run once a day). Returns how many organisations were told."""
    moment = moment or timezone.now()
    per_org: dict[int, list[Dienst]] = {}
    diensten = (
        Dienst.objects.filter(start__gt=moment, start__lt=moment + ONVERVULD_VOORUIT)
        .exclude(bijeenkomst__geannuleerd=True)
        .select_related("locatie")
        .order_by("start")
    )
    bezet = dict(
        Inzet.objects.filter(dienst__in=diensten, status__in=ACTIVE_INZET)
        .values_list("dienst_id").annotate(n=models.Count("pk")).values_list("dienst_id", "n")
    )
    for dienst in diensten:
        if bezet.get(dienst.pk, 0) < dienst.benodigd:
            per_org.setdefault(dienst.locatie.beheerder_id, []).append(dienst)
    with transaction.atomic():
        for organisatie_id, open_diensten in per_org.items():
            regels = "\n".join(f"- {d.get_taak_display()}, {d.locatie.naam}: {_wanneer(d)}" for d in open_diensten)
            _mail_after_commit(
                to=_coordinator_addresses([organisatie_id]),
                subject=_("Shifts in the coming week that still need people"),
                body=_("Hello,\n\nThese shifts in the coming seven days still need people:\n%(regels)s\n")
                % {"regels": regels},
            )
    return len(per_org)


@transaction.atomic
def diensten_volg_bijeenkomst(*, bijeenkomst: Bijeenkomst, oude_start: datetime, oude_eind: datetime) -> list[Dienst]:
    """After an occurrence was cancelled or moved, its shifts follow: a moved one's shifts
    move with it (a shift over the whole occurrence takes its new times, another keeps its
    distance to the start), and the volunteers on them are mailed either way. The cancelled
    shift stays in the roster, marked, and leaves the volunteer's open shifts."""
    diensten = list(Dienst.objects.select_for_update().filter(bijeenkomst=bijeenkomst).select_related("locatie"))
    delta = bijeenkomst.start - oude_start
    if not bijeenkomst.geannuleerd and delta == timedelta(0) and bijeenkomst.eind == oude_eind:
        return diensten
    for dienst in diensten:
        was = _wanneer(dienst)
        if not bijeenkomst.geannuleerd:
            if dienst.start == oude_start and dienst.eind == oude_eind:
                dienst.start, dienst.eind = bijeenkomst.start, bijeenkomst.eind
            else:
                dienst.start, dienst.eind = dienst.start + delta, dienst.eind + delta
            dienst.full_clean()
            dienst.save(update_fields=["start", "eind"])
        inzetten = dienst.inzetten.filter(status__in=[InzetStatus.INGEPLAND, InzetStatus.BEVESTIGD]).select_related(
            "vrijwilliger")
        for inzet in inzetten:
            values = {"naam": inzet.vrijwilliger.naam, "taak": dienst.get_taak_display(), "locatie": dienst.locatie.naam,
                      "was": was, "wanneer": _wanneer(dienst), "link": vrijwilliger_link(inzet.vrijwilliger)}
            if bijeenkomst.geannuleerd:
                subject = _("Your shift is off: %(taak)s, %(was)s") % values
                body = _("Dear %(naam)s,\n\nThe date of your shift %(taak)s at %(locatie)s on %(was)s is cancelled. "
                         "You need not come.\n\nYour shifts: %(link)s\n") % values
            else:
                subject = _("Your shift has moved: %(taak)s, now %(wanneer)s") % values
                body = _("Dear %(naam)s,\n\nYour shift %(taak)s at %(locatie)s has moved from %(was)s to %(wanneer)s.\n"
                         "Cannot come then? Give it back on your page:\n%(link)s\n") % values
            _mail_after_commit(to=[inzet.vrijwilliger.email], subject=subject, body=body)
    return diensten
