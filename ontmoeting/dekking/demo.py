"""The demo's what-if scenario (Maastricht)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from locaties.models import Bevolkingspunt, Buurt, Gemeente

from ..models import Scenario
from .scenarios import scenario_create
from .whatif import HypothetischePlek

DEMO_SCENARIO = "Wensen van bewoners: Hazendans, Randwyck, Wyckerpoort"


def demo_scenario_ensure(*, gemeente: Gemeente, buurt_codes: list[str], naam: str = DEMO_SCENARIO) -> Scenario:
    """The demo's what-if: a small meeting place in each of these buurten, at the inhabited
    postcode point nearest the buurt's middle (the data has no addresses; the label says so)."""
    plekken = []
    for buurt in Buurt.objects.filter(gemeente=gemeente, code__in=buurt_codes).order_by("code"):
        punten = list(Bevolkingspunt.objects.filter(buurt=buurt, inwoners__gt=0).values_list("sleutel", "lat", "lon"))
        if not punten:
            continue
        mid_lat = (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2
        mid_lon = (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2
        sleutel, lat, lon = min(punten, key=lambda p: (p[1] - mid_lat) ** 2 + ((p[2] - mid_lon) * 0.62) ** 2)
        plekken.append(HypothetischePlek(
            lat=lat, lon=lon, label=_("%(buurt)s (at postcode %(pc)s)") % {"buurt": buurt.naam, "pc": sleutel},
        ))
    return scenario_create(gemeente=gemeente, naam=naam, plekken=plekken)
