"""Recomputing and storing the coverage of a gemeente, or of the whole country."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from locaties import dekking as calc
from locaties.models import Gemeente

from ..models import BuurtDekking, DekkingSnapshot, LocatieDekking
from .inputs import (
    DOELGROEPEN,
    WEEKLY_MIN_WEEKS,
    build_places,
    count_wishes_and_volunteers,
    load_buurten,
    load_population,
    open_locaties,
    programme,
)
from .upsert import upsert


@dataclass
class ComputeResult:
    buurten: int
    punten: int
    locaties: int
    seconds: float


def _audiences(row: np.ndarray) -> dict[str, float]:
    return {d: round(float(v), 2) for d, v in zip(DOELGROEPEN, row, strict=True) if v}


def dekking_compute(*, gemeente: Gemeente | None = None, today=None) -> ComputeResult:
    """Recompute and store the coverage of one gemeente's buurten, or of every buurt.

    Stores each buurt's figures (replacing the previous ones), today's snapshot for the
    trend (replacing an earlier one of the same day) and each nearby place's programme.
    Atomic: readers see the old figures or the new, never half.
    """
    started = timezone.now()
    today = today or timezone.localdate()
    gemeente_ids = None if gemeente is None else [gemeente.pk]
    table = load_buurten(gemeente_ids)
    population, basis, bron_jaar = load_population(table)
    candidates = list(open_locaties(today, gemeente_ids).values_list("id", "lat", "lon", "buurt_id"))
    stats = programme([row[0] for row in candidates], today)
    counting = [row for row in candidates if stats.get(row[0], {}).get("weken", 0) >= WEEKLY_MIN_WEEKS]
    places = build_places(table, counting, stats)
    coverage = calc.compute(population, places, len(table.ids))
    wensen, vrijwilligers = count_wishes_and_volunteers(table, today)

    place_ids = places.ids if len(places) else np.zeros(0, dtype=np.int64)
    near = coverage.pair_distance <= calc.NEAR + calc.SLACK
    order = np.lexsort((coverage.pair_distance, coverage.pair_buurt))
    within_400: dict[int, list[int]] = {}
    within_800: dict[int, list[int]] = {}
    for b, p, is_near in zip(coverage.pair_buurt[order].tolist(), place_ids[coverage.pair_place[order]].tolist(),
                             near[order].tolist(), strict=True):
        # Pairs, not points: a few per buurt.
        within_800.setdefault(b, []).append(p)
        if is_near:
            within_400.setdefault(b, []).append(p)

    rounded = {name: np.rint(getattr(coverage, name)).astype(np.int64).tolist() for name in _COUNTS}
    rows, snapshots = [], []
    for i, buurt_id in enumerate(table.ids.tolist()):
        counts = tuple(values[i] for values in rounded.values())
        rows.append((
            buurt_id, started, str(basis[buurt_id]), bron_jaar[buurt_id],
            within_400.get(i, []), within_800.get(i, []),
            round(float(coverage.inloop_uren_400[i]), 2),
            round(float(coverage.activiteiten_800[i]), 2),
            json.dumps(_audiences(coverage.per_doelgroep_800[i])),
            round(float(coverage.activiteiten_in_buurt[i]), 2),
            json.dumps(_audiences(coverage.in_buurt_per_doelgroep[i])),
            wensen.get(buurt_id, 0), vrijwilligers.get(buurt_id, 0),
            *counts,
        ))
        snapshots.append((buurt_id, today, str(basis[buurt_id]), *counts))
    counting_ids = {row[0] for row in counting}
    locatie_rows = []
    for row in candidates:
        stat = stats.get(row[0], {})
        locatie_rows.append((
            row[0], started, row[0] in counting_ids, stat.get("weken", 0),
            round(stat.get("activiteiten", 0.0), 2),
            json.dumps({d: round(v, 2) for d, v in stat.get("per_doelgroep", {}).items()}),
            round(stat.get("inloop_uren", 0.0), 2),
        ))
    with transaction.atomic(), connection.cursor() as cursor:
        upsert(cursor, BuurtDekking, _BUURT_COLUMNS, rows, conflict=("buurt_id",))
        upsert(cursor, DekkingSnapshot, _SNAPSHOT_COLUMNS, snapshots, conflict=("buurt_id", "datum"))
        # Places that stopped counting (closed, unpublished) lose their row in this area.
        stale = LocatieDekking.objects.exclude(locatie_id__in=[row[0] for row in candidates])
        if gemeente_ids is not None:
            stale = stale.filter(_bbox_filter_for_locatie(gemeente_ids))
        stale.delete()
        upsert(cursor, LocatieDekking, _LOCATIE_COLUMNS, locatie_rows, conflict=("locatie_id",))
    return ComputeResult(
        buurten=len(table.ids), punten=len(population.x), locaties=len(counting),
        seconds=(timezone.now() - started).total_seconds(),
    )


# Stored columns, in the order the rows above are built.
_COUNTS = (
    "inwoners", "inwoners_65plus", "woningen", "inwoners_400", "inwoners_800",
    "inwoners_65plus_400", "inwoners_65plus_800", "locaties_in_buurt",
)


_BUURT_COLUMNS = (
    "buurt_id", "berekend_op", "basis", "bron_jaar", "locaties_400", "locaties_800",
    "inloop_uren_400", "activiteiten_800", "activiteiten_800_per_doelgroep",
    "activiteiten_in_buurt", "activiteiten_in_buurt_per_doelgroep", "wensen_open",
    "vrijwilligers_actief", *_COUNTS,
)


_SNAPSHOT_COLUMNS = ("buurt_id", "datum", "basis", *_COUNTS)


_LOCATIE_COLUMNS = (
    "locatie_id", "berekend_op", "telt_mee", "weken_met_activiteit", "activiteiten_per_week",
    "per_doelgroep", "inloop_uren_per_week",
)


def _bbox_filter_for_locatie(gemeente_ids):
    return Q(locatie__buurt__gemeente_id__in=gemeente_ids) | Q(
        locatie__buurt__isnull=True, locatie__beheerder__gemeente_id__in=gemeente_ids
    )
