"""The private iCalendar feed of a volunteer's shifts: each shift with place, task, start
and end, in Europe/Amsterdam; a shift given back or whose occurrence is cancelled stays
in the feed as ``STATUS:CANCELLED``, so a calendar app that holds it drops it."""

from collections.abc import Iterable
from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from core.links import site_host
from core.timezones import AMSTERDAM

from .constants import InzetStatus
from .models import Inzet

PRODID = "-//Ontmoeting//Vrijwilligersdiensten//NL"


def inzet_cancelled(inzet: Inzet) -> bool:
    """Whether the shift no longer happens for this volunteer."""
    dienst = inzet.dienst
    return inzet.status == InzetStatus.AFGEMELD or bool(dienst.bijeenkomst_id and dienst.bijeenkomst.geannuleerd)


def inzetten_ical(inzetten: Iterable[Inzet], *, naam: str) -> bytes:
    """An iCalendar (RFC 5545) document of the volunteer's shifts. Pass assignments with
    ``dienst__locatie`` and ``dienst__bijeenkomst`` selected (``diensten_ical_list``)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", naam)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for inzet in inzetten:
        dienst = inzet.dienst
        locatie = dienst.locatie
        event = Event()
        event.add("uid", f"dienst-{dienst.pk}-{inzet.vrijwilliger_id}@{site_host()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(dienst.start, AMSTERDAM))
        event.add("dtend", timezone.localtime(dienst.eind, AMSTERDAM))
        event.add("summary", f"{dienst.get_taak_display()}: {locatie.naam}")
        parts = [dienst.omschrijving]
        if dienst.bijeenkomst_id:
            parts.append(dienst.bijeenkomst.activiteit.titel)
        beschrijving = "\n".join(part for part in parts if part)
        if beschrijving:
            event.add("description", beschrijving)
        event.add("location", f"{locatie.naam}, {locatie.adres}")
        event.add("status", "CANCELLED" if inzet_cancelled(inzet) else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
