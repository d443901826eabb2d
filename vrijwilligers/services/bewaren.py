"""Keeping volunteer data no longer than needed: a volunteer with no shift in 24 months
is asked by mail whether they want to stay on; 30 days later, without an answer, their
data are erased (``vrijwilliger_erase``). Following the link or acting on their page is
the answer (``vrijwilliger_actief``), and so is a new shift."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import InzetStatus
from ..models import Inzet, Vrijwilliger
from ._common import _coordinator_addresses, _mail_after_commit, vrijwilliger_link
from .vrijwilliger import vrijwilliger_erase

#: A volunteer without a shift for this long is asked whether they want to stay on.
ZONDER_DIENST = relativedelta(months=24)
#: Without an answer this long after the question, their data are erased.
ANTWOORD_BINNEN = timedelta(days=30)


def _zonder_recente_dienst(moment: datetime) -> QuerySet[Vrijwilliger]:
    """Volunteers not erased, known for 24 months, with no shift (coming, or begun in the
    last 24 months; called-off ones do not count) and not seen on their page since."""
    grens = moment - ZONDER_DIENST
    recent = Inzet.objects.filter(vrijwilliger=OuterRef("pk"), dienst__start__gte=grens).exclude(
        status=InzetStatus.AFGEMELD)
    return (
        Vrijwilliger.objects.filter(gewist_op__isnull=True, aangemaakt__lt=grens)
        .filter(Q(actief_op__isnull=True) | Q(actief_op__lt=grens))
        .exclude(Exists(recent))
    )


def vrijwilligers_bewaarvraag(*, moment: datetime | None = None) -> tuple[int, int]:
    """The daily retention job: mail each volunteer with no shift in 24 months, once, that
    we erase their data in 30 days unless they follow their link (those without e-mail
    are named to their coordinators, to phone); erase those asked 30 or more days ago who
    have not answered. Returns (asked, erased)."""
    moment = moment or timezone.now()
    gevraagd = 0
    for vrijwilliger in _zonder_recente_dienst(moment).filter(bewaarvraag_op__isnull=True).prefetch_related(
            "organisaties").order_by("pk"):
        with transaction.atomic():
            _vraag(vrijwilliger, moment)
        gevraagd += 1
    gewist = 0
    verlopen = _zonder_recente_dienst(moment).filter(bewaarvraag_op__lte=moment - ANTWOORD_BINNEN).order_by("pk")
    for vrijwilliger in verlopen:
        vrijwilliger_erase(vrijwilliger=vrijwilliger)
        gewist += 1
    return gevraagd, gewist


def _vraag(vrijwilliger: Vrijwilliger, moment: datetime) -> None:
    # Only a row still unasked is asked: two runs at once mail once.
    if not Vrijwilliger.objects.filter(pk=vrijwilliger.pk, bewaarvraag_op__isnull=True).update(bewaarvraag_op=moment):
        return
    values = {"naam": vrijwilliger.naam, "link": vrijwilliger_link(vrijwilliger),
              "datum": timezone.localdate(moment + ANTWOORD_BINNEN).strftime("%d-%m-%Y")}
    if vrijwilliger.email:
        _mail_after_commit(
            to=[vrijwilliger.email],
            subject=_("Do you still want to volunteer with us?"),
            body=_("Dear %(naam)s,\n\nYou have had no shift with us for two years. We only keep your data while "
                   "you volunteer. Do you want to stay on? Then open your page before %(datum)s:\n%(link)s\n\n"
                   "If you do nothing, we erase your data on %(datum)s. Thank you for all your help!\n") % values,
        )
    else:
        _mail_after_commit(
            to=_coordinator_addresses(vrijwilliger.organisaties.values_list("pk", flat=True)),
            subject=_("Please phone %(naam)s: stay on as a volunteer?") % values,
            body=_("Hello,\n\n%(naam)s (%(telefoon)s) has had no shift for two years and has no e-mail address. "
                   "Please phone them: do they want to stay on? Put them on a shift if so; otherwise their data "
                   "are erased on %(datum)s.\n") % {**values, "telefoon": vrijwilliger.telefoon},
        )
