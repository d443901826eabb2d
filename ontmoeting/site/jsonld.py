"""schema.org structured data (JSON-LD) for places and activities."""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from activiteiten.constants import AanmeldingNodig
from core.links import absolute_url


def place(locatie) -> dict:
    data = {
        "@type": "Place",
        "name": locatie.naam,
        "url": absolute_url(reverse("site:locatie", args=[locatie.slug])),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f"{locatie.straat} {locatie.huisnummer}".strip(),
            "postalCode": locatie.postcode,
            "addressLocality": locatie.plaats,
            "addressCountry": "NL",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": locatie.lat, "longitude": locatie.lon},
    }
    if not locatie.straat:
        del data["address"]["streetAddress"]
    if locatie.telefoon:
        data["telephone"] = locatie.telefoon
    return data


def event(bijeenkomst, activiteit) -> dict:
    data = {
        "@type": "Event",
        "name": activiteit.titel,
        "description": activiteit.beschrijving,
        "startDate": timezone.localtime(bijeenkomst.start).isoformat(),
        "endDate": timezone.localtime(bijeenkomst.eind).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled" if bijeenkomst.geannuleerd
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": not activiteit.kosten,
        "url": absolute_url(reverse("site:activiteit", args=[activiteit.slug])),
        "location": place(activiteit.locatie),
        "organizer": {"@type": "Organization", "name": activiteit.organisator.naam},
    }
    if activiteit.kosten:
        data["offers"] = {"@type": "Offer", "price": str(activiteit.kosten), "priceCurrency": "EUR"}
    if activiteit.aanmelding != AanmeldingNodig.GEEN and activiteit.capaciteit:
        data["maximumAttendeeCapacity"] = activiteit.capaciteit
    # Places left as every page shows them (BijeenkomstQuerySet.with_plaatsen).
    if bijeenkomst.plaatsen_vrij is not None and not bijeenkomst.geannuleerd:
        data["remainingAttendeeCapacity"] = bijeenkomst.plaatsen_vrij
    if activiteit.talen:
        data["inLanguage"] = list(activiteit.talen)
    return data


def script(data) -> str:
    """A ``<script type="application/ld+json">`` element, safe inside HTML."""
    if isinstance(data, list):
        data = {"@context": "https://schema.org", "@graph": data}
    else:
        data = {"@context": "https://schema.org", **data}
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
