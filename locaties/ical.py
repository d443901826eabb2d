"""A room's private iCalendar feed: its confirmed and requested uses (rentals with the
tenant's name, activities' occurrences), for boards who keep their own agenda. Times in
Europe/Amsterdam with its VTIMEZONE; a UID per reservation, so a calendar app updates an
event instead of adding a copy; requested uses are TENTATIVE."""

from collections.abc import Iterable
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.links import site_host
from core.timezones import AMSTERDAM

from .constants import ReserveringSoort, ReserveringStatus
from .models import Reservering, Ruimte

PRODID = "-//Ontmoeting//Ruimtes//NL"


def ruimte_ical(ruimte: Ruimte, reserveringen: Iterable[Reservering]) -> bytes:
    """An iCalendar (RFC 5545) document of the room's reservations."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(ruimte))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for reservering in reserveringen:
        event = Event()
        event.add("uid", f"reservering-{reservering.pk}@{site_host()}")
        event.add("dtstamp", reservering.bijgewerkt.astimezone(UTC))
        event.add("last-modified", reservering.bijgewerkt.astimezone(UTC))
        event.add("dtstart", timezone.localtime(reservering.periode.lower, AMSTERDAM))
        event.add("dtend", timezone.localtime(reservering.periode.upper, AMSTERDAM))
        if reservering.soort == ReserveringSoort.VERHUUR:
            summary = _("Rental: %(who)s") % {"who": reservering.huurder_naam}
            details = [reservering.doel, reservering.huurder_telefoon, reservering.huurder_email]
        else:
            summary = reservering.huurder_naam or _("Activity")
            details = [reservering.opmerking]
        if reservering.status == ReserveringStatus.AANGEVRAAGD:
            summary = _("Requested: %(what)s") % {"what": summary}
        event.add("summary", summary)
        beschrijving = "\n".join(part for part in details if part)
        if beschrijving:
            event.add("description", beschrijving)
        event.add("location", f"{ruimte.naam}, {ruimte.locatie.naam}")
        event.add("status", "CONFIRMED" if reservering.status == ReserveringStatus.BEVESTIGD else "TENTATIVE")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
