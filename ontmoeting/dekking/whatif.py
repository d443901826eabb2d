"""The what-if: the gemeente's coverage with hypothetical places added, saving nothing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Q
from django.utils import timezone

from locaties import dekking as calc
from locaties.geo import BuurtIndex
from locaties.models import Buurt, Gemeente, Locatie

from ..models import LocatieDekking
from .inputs import DOELGROEPEN, bbox_filter, build_places, load_buurten, load_population


@dataclass
class HypothetischePlek:
    lat: float
    lon: float
    label: str = ""
    buurt: Buurt | None = None


@dataclass
class WhatIf:
    """Today's figures and the what-if's, per affected buurt and for the gemeente."""

    plekken: list[HypothetischePlek]
    buurten: list[dict]  # affected buurten: {"buurt", "nu": {...}, "straks": {...}}
    gemeente_nu: dict
    gemeente_straks: dict


def _figures(coverage: calc.Coverage, i=None) -> dict:
    def total(name):
        values = getattr(coverage, name)
        return float(values.sum() if i is None else values[i])

    figures = {name: int(round(total(name))) for name in (
        "inwoners", "inwoners_65plus", "woningen", "inwoners_400", "inwoners_800",
        "inwoners_65plus_400", "inwoners_65plus_800", "locaties_in_buurt",
    )}
    figures["aandeel_400"] = _pct(figures["inwoners_400"], figures["inwoners"])
    figures["aandeel_800"] = _pct(figures["inwoners_800"], figures["inwoners"])
    figures["aandeel_65plus_400"] = _pct(figures["inwoners_65plus_400"], figures["inwoners_65plus"])
    figures["aandeel_65plus_800"] = _pct(figures["inwoners_65plus_800"], figures["inwoners_65plus"])
    figures["niet_gedekt_65plus_400"] = figures["inwoners_65plus"] - figures["inwoners_65plus_400"]
    figures["locaties_per_10000_inwoners"] = (
        None if not figures["inwoners"] else round(10000 * figures["locaties_in_buurt"] / figures["inwoners"], 2)
    )
    return figures


def _pct(part, whole):
    return None if not whole else round(100.0 * part / whole, 1)


def whatif_compute(*, gemeente: Gemeente, plekken: list[HypothetischePlek], today=None) -> WhatIf:
    """Coverage of the gemeente today and with hypothetical places added; saves nothing.

    Today's figures are computed here from the same inputs as the what-if (not read
    from the stored results), so the two columns differ only by the added places. The
    places that count come from the last stored computation (``LocatieDekking``); a
    hypothetical place counts as a meeting place hosting something weekly, with no
    programme of its own yet.
    """
    today = today or timezone.localdate()
    table, population, places = _today(gemeente)
    if plekken:
        index = BuurtIndex(Buurt.objects.filter(gemeente=gemeente, grens__isnull=False).only("id", "code", "grens"))
        for plek in plekken:
            plek.buurt = plek.buurt or index.buurt_for_point(plek.lat, plek.lon)
        x, y = calc.to_metric([p.lat for p in plekken], [p.lon for p in plekken])
        extra = calc.Places.build(
            x, y, table.index_of([p.buurt.pk if p.buurt else -1 for p in plekken]),
            n_doelgroepen=len(DOELGROEPEN),
        )
        with_extra = places.plus(extra)
    else:
        with_extra = places
    # Only residents within reach and places per buurt are compared: no (buurt, place) pairs.
    nu = calc.compute(population, places, len(table.ids), pairs=False)
    straks = calc.compute(population, with_extra, len(table.ids), pairs=False) if plekken else nu
    changed = np.flatnonzero(
        (nu.inwoners_400 != straks.inwoners_400) | (nu.inwoners_800 != straks.inwoners_800)
        | (nu.locaties_in_buurt != straks.locaties_in_buurt)
    )
    names = Buurt.objects.in_bulk(table.ids[changed].tolist())
    buurten = [
        {"buurt": names[int(table.ids[i])], "nu": _figures(nu, i), "straks": _figures(straks, i)}
        for i in changed.tolist()
    ]
    buurten.sort(key=lambda row: row["buurt"].code)
    return WhatIf(plekken=plekken, buurten=buurten, gemeente_nu=_figures(nu), gemeente_straks=_figures(straks))


def uniek_bereik_per_locatie(*, gemeente: Gemeente) -> dict[int, tuple[int, int]]:
    """Per place that counts for coverage near the gemeente (the last stored computation,
    as the what-if), the gemeente's residents and 65+ within 400 m of it and of no other
    counting place (hemelsbreed): whom it alone covers. A place that does not count
    (unpublished, closed, nothing weekly) is not in the answer."""
    _table, population, places = _today(gemeente)
    inwoners, ouderen = calc.unique_coverage(population, places)
    return {
        int(pk): (int(round(float(inwoners[i]))), int(round(float(ouderen[i]))))
        for i, pk in enumerate(places.ids.tolist() if len(places) else [])
    }


def _today(gemeente: Gemeente):
    """The gemeente's buurten, its residents and the places that count near it (as the
    last stored computation says)."""
    table = load_buurten([gemeente.pk])
    population, _basis, _jaar = load_population(table)
    existing = list(
        LocatieDekking.objects.filter(telt_mee=True)
        .filter(_bbox_filter_for_dekking([gemeente.pk]))
        .values_list("locatie_id", "locatie__lat", "locatie__lon", "locatie__buurt_id")
    )
    places = build_places(table, existing, {})
    return table, population, places


def _bbox_filter_for_dekking(gemeente_ids):
    """LocatieDekking rows of places near these gemeenten (the same box as ``open_locaties``)."""
    box = bbox_filter(gemeente_ids)
    return Q(locatie__in=Locatie.objects.filter(box).values("id"))
