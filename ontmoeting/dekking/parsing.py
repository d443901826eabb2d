"""Hypothetical places as the dashboard's forms give them: map points and postcodes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.geo import NETHERLANDS
from core.postcode import compact_postcode
from locaties.models import Bevolkingspunt, Gemeente

from .whatif import HypothetischePlek


def parse_punten(values: list[str]) -> list[HypothetischePlek]:
    """Points from "lat,lon" strings (a form's repeated ``p`` field); bad ones raise."""
    plekken = []
    for value in values:
        try:
            lat_text, lon_text = value.split(",", 1)
            lat, lon = float(lat_text), float(lon_text)
        except ValueError as error:
            raise ValidationError(_("A place on the map is given as latitude,longitude.")) from error
        if not NETHERLANDS.contains(lat, lon):
            raise ValidationError(_("That point lies outside the Netherlands."))
        plekken.append(HypothetischePlek(lat=lat, lon=lon))
    return plekken


def postcode_punt(*, gemeente: Gemeente, postcode: str) -> HypothetischePlek:
    """A hypothetical place at the population point of a 6-position postcode in the gemeente."""
    compact = compact_postcode(postcode)
    punt = (
        Bevolkingspunt.objects.filter(sleutel=compact, buurt__gemeente=gemeente)
        .select_related("buurt").first()
    )
    if punt is None:
        raise ValidationError(
            _("The postcode %(postcode)s is not among the population points of %(gemeente)s.")
            % {"postcode": postcode, "gemeente": gemeente.naam}
        )
    return HypothetischePlek(lat=punt.lat, lon=punt.lon, label=f"{compact[:4]} {compact[4:]}", buurt=punt.buurt)
