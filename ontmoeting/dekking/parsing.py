"""Hypothetical places as the dashboard's forms give them: map points (each with the
label it was given, such as its postcode) and postcodes of six or four positions."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from core.geo import NETHERLANDS
from core.postcode import compact_postcode
from locaties.models import Bevolkingspunt, Gemeente

from .whatif import HypothetischePlek

# A place's label as the forms carry it: a postcode ("6221 AB", "6221"); nothing else,
# so a label in an address can never be more than that.
LABEL = re.compile(r"^[1-9][0-9]{3}( [A-Z]{2})?$")
PC4 = re.compile(r"^[1-9][0-9]{3}$")


def parse_punten(values: list[str]) -> list[HypothetischePlek]:
    """Points from "lat,lon" or "lat,lon,label" strings (a form's repeated ``p`` field);
    bad ones raise. A label that is not a postcode is dropped, not an error."""
    plekken = []
    for value in values:
        try:
            lat_text, lon_text, *rest = value.split(",", 2)
            lat, lon = float(lat_text), float(lon_text)
        except ValueError as error:
            raise ValidationError(_("A place on the map is given as latitude,longitude.")) from error
        if not NETHERLANDS.contains(lat, lon):
            raise ValidationError(_("That point lies outside the Netherlands."))
        label = rest[0].strip().upper() if rest else ""
        plekken.append(HypothetischePlek(lat=lat, lon=lon, label=label if LABEL.match(label) else ""))
    return plekken


def punt_text(plek: HypothetischePlek) -> str:
    """A place as ``parse_punten`` reads it back: "lat,lon" with its label, if any."""
    text = f"{plek.lat:.6f},{plek.lon:.6f}"
    return f"{text},{plek.label}" if plek.label else text


def postcode_punt(*, gemeente: Gemeente, postcode: str) -> HypothetischePlek:
    """A hypothetical place at a postcode in the gemeente: the population point of a
    6-position postcode, or for a 4-position one ("6221") the centre of its points (the
    average of their positions, as the postcode area has no point of its own)."""
    compact = compact_postcode(postcode)
    if PC4.match(compact):
        centre = Bevolkingspunt.objects.filter(sleutel__regex=rf"^{compact}[A-Z]{{2}}$", buurt__gemeente=gemeente).aggregate(
            lat=Avg("lat"), lon=Avg("lon"), n=Count("id")
        )
        if centre["n"]:
            return HypothetischePlek(lat=float(centre["lat"]), lon=float(centre["lon"]), label=compact)
    else:
        punt = (
            Bevolkingspunt.objects.filter(sleutel=compact, buurt__gemeente=gemeente)
            .select_related("buurt").first()
        )
        if punt is not None:
            return HypothetischePlek(
                lat=punt.lat, lon=punt.lon, label=f"{compact[:4]} {compact[4:]}", buurt=punt.buurt
            )
    raise ValidationError(
        _("The postcode %(postcode)s is not among the population points of %(gemeente)s.")
        % {"postcode": postcode, "gemeente": gemeente.naam}
    )
