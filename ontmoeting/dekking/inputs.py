"""What a coverage computation reads: buurten, population points (one binary COPY),
the places that may count and their programme, wishes and volunteers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import numpy as np
from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from activiteiten.constants import ActiviteitSoort, ActiviteitStatus, Doelgroep, WensStatus
from activiteiten.models import Activiteit, Bijeenkomst, Wens
from locaties import dekking as calc
from locaties.models import Bevolkingspunt, Buurt, Locatie
from vrijwilligers.constants import InzetStatus
from vrijwilligers.models import Vrijwilliger

from ..models import DekkingBasis

DOELGROEPEN = list(Doelgroep.values)


WINDOW_WEEKS = 4


WEEKLY_MIN_WEEKS = 3


VOLUNTEER_PAST_DAYS, VOLUNTEER_AHEAD_DAYS = 90, 28


# Places just across a gemeente border serve its residents too: 800 m in degrees, with
# room to spare (a degree of longitude is about 68 km at 52° N).
BORDER_MARGIN_DEG = 0.013


@dataclass
class BuurtTable:
    """The buurten of one computation, in index order (sorted by id)."""

    ids: np.ndarray
    gemeente_ids: np.ndarray
    rows: list[tuple]  # (id, gemeente_id, inwoners, inwoners_65plus, woningen, kerncijfers_jaar)

    def index_of(self, buurt_ids: np.ndarray) -> np.ndarray:
        """Index of each buurt id; -1 for ids not in the table (or missing)."""
        buurt_ids = np.asarray(buurt_ids, dtype=np.int64)
        if len(self.ids) == 0:
            return np.full(len(buurt_ids), -1, dtype=np.int64)
        position = np.clip(np.searchsorted(self.ids, buurt_ids), 0, len(self.ids) - 1)
        return np.where(self.ids[position] == buurt_ids, position, -1)


def load_buurten(gemeente_ids: list[int] | None) -> BuurtTable:
    buurten = Buurt.objects.order_by("id")
    if gemeente_ids is not None:
        buurten = buurten.filter(gemeente_id__in=gemeente_ids)
    rows = list(buurten.values_list(
        "id", "gemeente_id", "inwoners", "inwoners_65plus", "woningen", "kerncijfers_jaar"
    ))
    return BuurtTable(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        gemeente_ids=np.array([r[1] for r in rows], dtype=np.int64),
        rows=rows,
    )


# One row of the binary COPY below: field count, then (length, value) per column.
_POINT_ROW = np.dtype([
    ("n", ">i2"),
    ("l1", ">i4"), ("lat", ">f8"), ("l2", ">i4"), ("lon", ">f8"),
    ("l3", ">i4"), ("inwoners", ">i4"), ("l4", ">i4"), ("inwoners_65plus", ">i4"),
    ("l5", ">i4"), ("woningen", ">i4"), ("l6", ">i4"), ("jaar", ">i2"),
    ("l7", ">i4"), ("buurt_id", ">i8"),
])


_COPY_HEADER = 19  # signature (11), flags (4), header extension length (4, zero)


def _load_points(gemeente_ids: list[int] | None) -> dict[str, np.ndarray]:
    """The population points (with a buurt) as arrays, read with one binary COPY:
    a million points in a fraction of a second, where model instances take many."""
    punt, buurt = Bevolkingspunt._meta.db_table, Buurt._meta.db_table
    where = "p.buurt_id IS NOT NULL"
    params: list = []
    if gemeente_ids is not None:
        where += " AND b.gemeente_id = ANY(%s)"
        params.append(list(gemeente_ids))
    sql = (
        f"COPY (SELECT p.lat, p.lon, p.inwoners, p.inwoners_65plus, p.woningen, p.jaar, p.buurt_id "
        f"FROM {punt} p JOIN {buurt} b ON b.id = p.buurt_id WHERE {where}) TO STDOUT (FORMAT BINARY)"
    )
    buffer = io.BytesIO()
    connection.ensure_connection()
    # The raw psycopg cursor: its copy() binds parameters, Django's wrapper does not.
    with connection.cursor() as cursor, cursor.cursor.copy(sql, params or None) as copy:
        for chunk in copy:
            buffer.write(chunk)
    data = buffer.getbuffer()[_COPY_HEADER:-2]  # minus the trailer (-1 as int16)
    rows = np.frombuffer(data, dtype=_POINT_ROW)
    return {name: rows[name].astype(np.int64 if name in ("buurt_id", "jaar") else float)
            for name in ("lat", "lon", "inwoners", "inwoners_65plus", "woningen", "jaar", "buurt_id")}


def load_population(table: BuurtTable) -> tuple[calc.Population, dict[int, str], dict[int, int | None]]:
    """Population points of these buurten, with the basis and source year per buurt id.

    A gemeente with population points uses them for all its buurten; a gemeente without
    spreads each buurt's key figures over its area (``locaties.dekking.spread_over_buurt``).
    """
    gemeente_ids = sorted(set(table.gemeente_ids.tolist()))
    points = _load_points(gemeente_ids if gemeente_ids else [])
    index = table.index_of(points["buurt_id"])
    known = index >= 0
    x, y = calc.to_metric(points["lat"][known], points["lon"][known])
    index = index[known]
    from_points = calc.Population(
        x=x, y=y, inwoners=points["inwoners"][known], inwoners_65plus=points["inwoners_65plus"][known],
        woningen=points["woningen"][known], buurt=index,
    )
    year = np.zeros(len(table.ids), dtype=np.int64)
    np.maximum.at(year, index, points["jaar"][known])
    with_points = set(table.gemeente_ids[np.unique(index)].tolist()) if len(index) else set()

    basis: dict[int, str] = {}
    bron_jaar: dict[int, int | None] = {}
    spread: list[calc.Population] = []
    fallback_ids = [row[0] for row in table.rows if row[1] not in with_points]
    grenzen = dict(Buurt.objects.filter(id__in=fallback_ids).values_list("id", "grens")) if fallback_ids else {}
    for position, (buurt_id, gemeente_id, inwoners, inwoners_65plus, woningen, jaar) in enumerate(table.rows):
        if gemeente_id in with_points:
            basis[buurt_id] = DekkingBasis.PUNTEN
            bron_jaar[buurt_id] = int(year[position]) or None
            continue
        # One buurt at a time (a gemeente has tens), each spread vectorised.
        part = calc.spread_over_buurt(
            grenzen.get(buurt_id), buurt_index=position, inwoners=inwoners or 0,
            inwoners_65plus=inwoners_65plus or 0, woningen=woningen or 0,
        )
        basis[buurt_id] = DekkingBasis.BUURTTOTALEN if len(part.x) else DekkingBasis.GEEN
        bron_jaar[buurt_id] = jaar if len(part.x) else None
        spread.append(part)
    return calc.Population.concat([from_points, *spread]), basis, bron_jaar


def bbox_filter(gemeente_ids: list[int] | None) -> Q:
    """Places inside the gemeenten's bounding box plus a border margin."""
    if gemeente_ids is None:
        return Q()
    box = Buurt.objects.filter(gemeente_id__in=gemeente_ids, grens__isnull=False).aggregate(
        min_lon=Min("bbox_min_lon"), min_lat=Min("bbox_min_lat"),
        max_lon=Max("bbox_max_lon"), max_lat=Max("bbox_max_lat"),
    )
    if box["min_lon"] is None:
        return Q(buurt__gemeente_id__in=gemeente_ids)
    m = BORDER_MARGIN_DEG
    return Q(
        lon__gte=box["min_lon"] - m, lon__lte=box["max_lon"] + m,
        lat__gte=box["min_lat"] - m, lat__lte=box["max_lat"] + m,
    ) | Q(buurt__gemeente_id__in=gemeente_ids)


def open_locaties(today, gemeente_ids: list[int] | None = None):
    """Published places open on ``today`` (near these gemeenten, or all)."""
    return Locatie.objects.published().open_op(today).filter(bbox_filter(gemeente_ids))


def window(today) -> tuple[datetime, datetime]:
    """The coming four weeks, from the start of ``today`` in Amsterdam time."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    return start, start + timedelta(weeks=WINDOW_WEEKS)


def programme(locatie_ids: list[int], today) -> dict[int, dict]:
    """Per place: weeks with something on, activities per week (total, per audience)
    and open inloop hours per week, over the coming four weeks. One aggregate query."""
    if not locatie_ids:
        return {}
    start, end = window(today)
    # Activities long not confirmed as still running count no more: the one rule, as SQL.
    actueel_sql, actueel_params = Activiteit.objects.actueel(today).values("pk").query.sql_with_params()
    per_doelgroep = ", ".join(
        "count(*) FILTER (WHERE %s = ANY(a.doelgroepen))" for _ in DOELGROEPEN
    )
    sql = (
        f"SELECT a.locatie_id, count(*), "
        f"count(DISTINCT floor(extract(epoch FROM b.start - %s) / 604800)), "
        f"coalesce(sum(extract(epoch FROM b.eind - b.start)) FILTER (WHERE a.soort = %s), 0), "
        f"{per_doelgroep} "
        f"FROM {Bijeenkomst._meta.db_table} b JOIN {Activiteit._meta.db_table} a ON a.id = b.activiteit_id "
        f"WHERE a.status = %s AND NOT b.geannuleerd AND b.start >= %s AND b.start < %s "
        f"AND a.locatie_id = ANY(%s) AND a.id IN ({actueel_sql}) GROUP BY a.locatie_id"
    )
    params = [start, ActiviteitSoort.OPEN_INLOOP, *DOELGROEPEN, ActiviteitStatus.GEPUBLICEERD, start, end,
              list(locatie_ids), *actueel_params]
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for locatie_id, total, weeks, inloop_seconds, *audiences in cursor.fetchall():
            result[locatie_id] = {
                "weken": int(weeks),
                "activiteiten": total / WINDOW_WEEKS,
                "inloop_uren": float(inloop_seconds) / 3600 / WINDOW_WEEKS,
                "per_doelgroep": {d: n / WINDOW_WEEKS for d, n in zip(DOELGROEPEN, audiences, strict=True) if n},
            }
    return result


def build_places(table: BuurtTable, locaties: list[tuple], stats: dict[int, dict]) -> calc.Places:
    """The places that count, as arrays (``locaties``: (id, lat, lon, buurt_id))."""
    if not locaties:
        return calc.Places.build([], [], [], n_doelgroepen=len(DOELGROEPEN))
    ids = np.array([row[0] for row in locaties], dtype=np.int64)
    lat = np.array([row[1] for row in locaties], dtype=float)
    lon = np.array([row[2] for row in locaties], dtype=float)
    buurt_ids = np.array([row[3] if row[3] is not None else -1 for row in locaties], dtype=np.int64)
    x, y = calc.to_metric(lat, lon)
    per_doelgroep = np.array(
        [[stats.get(i, {}).get("per_doelgroep", {}).get(d, 0.0) for d in DOELGROEPEN] for i in ids.tolist()]
    )
    return calc.Places.build(
        x, y, table.index_of(buurt_ids), ids=ids,
        activiteiten=[stats.get(i, {}).get("activiteiten", 0.0) for i in ids.tolist()],
        per_doelgroep=per_doelgroep,
        inloop_uren=[stats.get(i, {}).get("inloop_uren", 0.0) for i in ids.tolist()],
        n_doelgroepen=len(DOELGROEPEN),
    )


def count_wishes_and_volunteers(table: BuurtTable, today) -> tuple[dict[int, int], dict[int, int]]:
    ids = table.ids.tolist()
    wensen = dict(
        Wens.objects.filter(buurt_id__in=ids, goedgekeurd=True)
        .exclude(status=WensStatus.NIET_HAALBAAR)
        .values("buurt_id").annotate(n=Count("id")).values_list("buurt_id", "n")
    )
    start, _end = window(today)
    vrijwilligers = dict(
        Vrijwilliger.objects.filter(
            buurt_id__in=ids, gewist_op__isnull=True,
            inzetten__dienst__start__gte=start - timedelta(days=VOLUNTEER_PAST_DAYS),
            inzetten__dienst__start__lt=start + timedelta(days=VOLUNTEER_AHEAD_DAYS),
        )
        .exclude(inzetten__status=InzetStatus.AFGEMELD)
        .values("buurt_id").annotate(n=Count("id", distinct=True)).values_list("buurt_id", "n")
    )
    return wensen, vrijwilligers
