"""Saved what-ifs (scenarios) of a gemeente."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from locaties.models import Gemeente

from ..models import Scenario
from .whatif import HypothetischePlek


@transaction.atomic
def scenario_create(*, gemeente: Gemeente, naam: str, plekken: list[HypothetischePlek], user=None) -> Scenario:
    """Save a what-if as a named scenario of the gemeente (a second one by that name replaces it)."""
    if not plekken:
        raise ValidationError(_("Add at least one hypothetical place before saving."))
    punten = [{"lat": round(p.lat, 6), "lon": round(p.lon, 6), "label": p.label} for p in plekken]
    scenario = Scenario.objects.filter(gemeente=gemeente, naam=naam.strip()).first() or Scenario(
        gemeente=gemeente, naam=naam.strip()
    )
    scenario.punten = punten
    scenario.aangemaakt_door = user if user is not None and user.is_authenticated else None
    scenario.full_clean()
    scenario.save()
    return scenario


def scenario_plekken(scenario: Scenario) -> list[HypothetischePlek]:
    """The hypothetical places of a saved scenario."""
    return [HypothetischePlek(lat=p["lat"], lon=p["lon"], label=p.get("label", "")) for p in scenario.punten]
