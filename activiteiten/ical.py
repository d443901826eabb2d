"""One iCalendar builder for occurrences, used by the API (``Accept: text/calendar``)
and the site's feeds.

- times in Europe/Amsterdam with its VTIMEZONE, so a calendar app shows the wall-clock
  time the organiser meant, across daylight-saving changes;
- a UID from the occurrence's identity (activity, original start), so it stays the same
  when the occurrence is moved or the feed is fetched again, and a calendar app updates
  the event instead of adding a copy;
- cancelled occurrences stay in the feed with ``STATUS:CANCELLED``: a calendar that
  already holds them then removes or strikes them;
- ``DTSTAMP``/``LAST-MODIFIED`` from the activity's last change, not from "now", so the
  same data gives the same bytes (and the same ETag);
- ``URL`` back to the activity's page;
- an occurrence on a day whose school holidays are not known yet, of an activity that
  skips them (``onder_voorbehoud``, see ``selectors.bijeenkomsten_met_voorbehoud``), is
  ``STATUS:TENTATIVE`` and says so first in its description.
"""

from collections.abc import Callable, Iterable
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from core.links import absolute_url, site_host
from core.timezones import AMSTERDAM

from .constants import Categorie
from .models import Bijeenkomst

PRODID = "-//Ontmoeting//Buurtactiviteiten//NL"
VOORBEHOUD = gettext_lazy("Provisional: school holidays not yet known")
CATEGORIE_LABELS = dict(Categorie.choices)


def voorbehoud(bijeenkomst: Bijeenkomst) -> bool:
    """Whether the occurrence is provisional (``bijeenkomsten_met_voorbehoud``; False
    where the occurrences were not annotated)."""
    return getattr(bijeenkomst, "onder_voorbehoud", False)


def activiteit_url(activiteit) -> str:
    """The public page of an activity on the site."""
    return absolute_url(f"/activiteiten/{activiteit.slug}")


def bijeenkomst_uid(bijeenkomst: Bijeenkomst) -> str:
    """A UID that depends only on the occurrence's identity (activity, original start)."""
    origineel = bijeenkomst.origineel_start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"bijeenkomst-{bijeenkomst.activiteit_id}-{origineel}@{site_host()}"


def bijeenkomsten_ical(
    bijeenkomsten: Iterable[Bijeenkomst],
    *,
    naam: str = "",
    url_for: Callable = activiteit_url,
) -> bytes:
    """An iCalendar (RFC 5545) document of the occurrences.

    Pass occurrences with ``activiteit__locatie`` selected (``bijeenkomst_list_public``
    does), or every event costs queries; annotated by ``bijeenkomsten_met_voorbehoud`` to
    mark the provisional ones.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if naam:
        calendar.add("x-wr-calname", naam)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for bijeenkomst in bijeenkomsten:
        activiteit = bijeenkomst.activiteit
        locatie = activiteit.locatie
        event = Event()
        event.add("uid", bijeenkomst_uid(bijeenkomst))
        event.add("dtstamp", activiteit.bijgewerkt.astimezone(UTC))
        event.add("last-modified", activiteit.bijgewerkt.astimezone(UTC))
        event.add("dtstart", timezone.localtime(bijeenkomst.start, AMSTERDAM))
        event.add("dtend", timezone.localtime(bijeenkomst.eind, AMSTERDAM))
        event.add("summary", activiteit.titel)
        voorlopig = voorbehoud(bijeenkomst)
        parts = (str(VOORBEHOUD) if voorlopig else "", bijeenkomst.notitie, activiteit.beschrijving)
        beschrijving = "\n\n".join(part for part in parts if part)
        if beschrijving:
            event.add("description", beschrijving)
        event.add("location", f"{locatie.naam}, {locatie.adres}")
        event.add("geo", (locatie.lat, locatie.lon))
        event.add("url", url_for(activiteit))
        event.add("status", "CANCELLED" if bijeenkomst.geannuleerd else "TENTATIVE" if voorlopig else "CONFIRMED")
        if activiteit.categorieen:
            # In the people's words, as a calendar app shows them.
            event.add("categories", [str(CATEGORIE_LABELS.get(code, code)) for code in activiteit.categorieen])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
