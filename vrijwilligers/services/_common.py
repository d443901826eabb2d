"""Helpers the vrijwilligers services share: their constants, mail after the commit,
a shift's time in words, the coordinators' addresses and the volunteer's personal link."""

from collections.abc import Iterable
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from core.links import absolute_url
from core.privacy import ERASED
from core.timezones import AMSTERDAM
from locaties.constants import Rol
from locaties.models import Lidmaatschap

from ..constants import InzetStatus
from ..models import Dienst, Vrijwilliger
from ..tokens import vrijwilliger_token

ERASED_NAME = ERASED


ACTIVE_INZET = [InzetStatus.INGEPLAND, InzetStatus.BEVESTIGD, InzetStatus.GEWERKT]


#: A volunteer who calls off closer to the start than this is flagged to the coordinator.
LATE_AFMELDING = timedelta(hours=24)


#: How many weeks a weekly repeating shift may be made for at once.
MAX_HERHAAL_WEKEN = 26


#: How far ahead an unfilled shift is told to the coordinators.
ONVERVULD_VOORUIT = timedelta(days=7)


def _mail_after_commit(*, to: Iterable[str], subject: str, body: str) -> None:
    # A rolled-back transaction must not have told anyone anything.
    recipients = sorted({address for address in to if address})
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def _wanneer(dienst: Dienst) -> str:
    """"Tuesday 9 December 10:00–13:00" in Amsterdam time."""
    start, eind = timezone.localtime(dienst.start, AMSTERDAM), timezone.localtime(dienst.eind, AMSTERDAM)
    return f"{date_format(start, 'l j F')} {start:%H:%M}–{eind:%H:%M}"


def _coordinator_addresses(organisatie_ids: Iterable[int]) -> list[str]:
    return list(
        Lidmaatschap.objects.filter(organisatie_id__in=list(organisatie_ids), rol=Rol.COORDINATOR)
        .values_list("user__email", flat=True)
    )


def vrijwilliger_link(vrijwilliger: Vrijwilliger) -> str:
    """The volunteer's personal page, as mailed (the page belongs to the site)."""
    return absolute_url(f"/vrijwilliger/{vrijwilliger_token(vrijwilliger)}")
