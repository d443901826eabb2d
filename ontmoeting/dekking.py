"""Coverage (dekking): what counts, loading it, storing the results, and the what-if.

The arithmetic is ``locaties.dekking`` (pure numpy/scipy); this module composes the
apps it needs (places, programme, wishes, volunteers) and keeps the results.

Definitions (DESIGN.md "Coverage"):

* A place **counts** when it is published, open today (``open_sinds`` not in the
  future, ``gesloten_sinds`` empty or in the future) and hosts something at least
  weekly: published, not cancelled occurrences in at least 3 of the coming 4 weeks
  (one week off for a public or school holiday still counts as weekly).
* **Activities per week** of a place: its published, not cancelled occurrences in the
  coming 4 weeks divided by 4, in total and per audience (an activity for two
  audiences counts for both). **Open inloop hours per week**: the hours of its
  ``open_inloop`` occurrences in those weeks divided by 4.
* Per buurt, "within 400 m / 800 m" (hemelsbreed) means: within that distance of at
  least one inhabited population point of the buurt. Shares of residents use each
  point's own nearest place.
* **Open wishes**: approved wishes not yet marked "not feasible".
* **Active volunteers**: volunteers living in the buurt, not erased, with a shift
  (not called off) from 90 days ago to 28 days ahead.
* **Basis**: the population points where the gemeente has any, otherwise the buurt
  totals (CBS key figures) spread over a 100 m grid inside the buurt boundary.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import numpy as np
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten.constants import ActiviteitSoort, ActiviteitStatus, Doelgroep, WensStatus
from activiteiten.models import Activiteit, Bijeenkomst, Wens
from locaties import dekking as calc
from locaties.geo import BuurtIndex
from locaties.models import Bevolkingspunt, Buurt, Gemeente, Locatie
from vrijwilligers.constants import InzetStatus
from vrijwilligers.models import Vrijwilliger

from .models import BuurtDekking, DekkingBasis, DekkingSnapshot, LocatieDekking, Scenario

logger = logging.getLogger(__name__)

DOELGROEPEN = list(Doelgroep.values)
WINDOW_WEEKS = 4
WEEKLY_MIN_WEEKS = 3
VOLUNTEER_PAST_DAYS, VOLUNTEER_AHEAD_DAYS = 90, 28
# Places just across a gemeente border serve its residents too: 800 m in degrees, with
# room to spare (a degree of longitude is about 68 km at 52° N).
BORDER_MARGIN_DEG = 0.013


# --- loading ----------------------------------------------------------------------------


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


def _buurten(gemeente_ids: list[int] | None) -> BuurtTable:
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


def _population(table: BuurtTable) -> tuple[calc.Population, dict[int, str], dict[int, int | None]]:
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


def _bbox_filter(gemeente_ids: list[int] | None) -> Q:
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
    return Locatie.objects.published().open_op(today).filter(_bbox_filter(gemeente_ids))


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
        f"AND a.locatie_id = ANY(%s) GROUP BY a.locatie_id"
    )
    params = [start, ActiviteitSoort.OPEN_INLOOP, *DOELGROEPEN, ActiviteitStatus.GEPUBLICEERD, start, end,
              list(locatie_ids)]
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for locatie_id, total, weeks, inloop_seconds, *audiences in cursor.fetchall():
            result[locatie_id] = {
                "weken": int(weeks),
                "activiteiten": total / WINDOW_WEEKS,
                "inloop_uren": float(inloop_seconds) / 3600 / WINDOW_WEEKS,
                "per_doelgroep": {d: n / WINDOW_WEEKS for d, n in zip(DOELGROEPEN, audiences) if n},
            }
    return result


def _places(table: BuurtTable, locaties: list[tuple], stats: dict[int, dict]) -> calc.Places:
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


def _wishes_and_volunteers(table: BuurtTable, today) -> tuple[dict[int, int], dict[int, int]]:
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


# --- computing and storing ----------------------------------------------------------------


@dataclass
class ComputeResult:
    buurten: int
    punten: int
    locaties: int
    seconds: float


def _audiences(row: np.ndarray) -> dict[str, float]:
    return {d: round(float(v), 2) for d, v in zip(DOELGROEPEN, row) if v}


def dekking_compute(*, gemeente: Gemeente | None = None, today=None) -> ComputeResult:
    """Recompute and store the coverage of one gemeente's buurten, or of every buurt.

    Stores each buurt's figures (replacing the previous ones), today's snapshot for the
    trend (replacing an earlier one of the same day) and each nearby place's programme.
    Atomic: readers see the old figures or the new, never half.
    """
    started = timezone.now()
    today = today or timezone.localdate()
    gemeente_ids = None if gemeente is None else [gemeente.pk]
    table = _buurten(gemeente_ids)
    population, basis, bron_jaar = _population(table)
    candidates = list(open_locaties(today, gemeente_ids).values_list("id", "lat", "lon", "buurt_id"))
    stats = programme([row[0] for row in candidates], today)
    counting = [row for row in candidates if stats.get(row[0], {}).get("weken", 0) >= WEEKLY_MIN_WEEKS]
    places = _places(table, counting, stats)
    coverage = calc.compute(population, places, len(table.ids))
    wensen, vrijwilligers = _wishes_and_volunteers(table, today)

    place_ids = places.ids if len(places) else np.zeros(0, dtype=np.int64)
    near = coverage.pair_distance <= calc.NEAR + calc.SLACK
    order = np.lexsort((coverage.pair_distance, coverage.pair_buurt))
    within_400: dict[int, list[int]] = {}
    within_800: dict[int, list[int]] = {}
    for b, p, is_near in zip(coverage.pair_buurt[order].tolist(), place_ids[coverage.pair_place[order]].tolist(),
                             near[order].tolist()):
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
        _upsert(cursor, BuurtDekking, _BUURT_COLUMNS, rows, conflict=("buurt_id",))
        _upsert(cursor, DekkingSnapshot, _SNAPSHOT_COLUMNS, snapshots, conflict=("buurt_id", "datum"))
        # Places that stopped counting (closed, unpublished) lose their row in this area.
        stale = LocatieDekking.objects.exclude(locatie_id__in=[row[0] for row in candidates])
        if gemeente_ids is not None:
            stale = stale.filter(_bbox_filter_for_locatie(gemeente_ids))
        stale.delete()
        _upsert(cursor, LocatieDekking, _LOCATIE_COLUMNS, locatie_rows, conflict=("locatie_id",))
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


def _upsert(cursor, model, columns: tuple[str, ...], rows: list[tuple], *, conflict: tuple[str, ...]) -> None:
    """Insert ``rows`` into the model's table, updating the rows whose ``conflict`` key
    exists: one COPY into a temporary table and one ``INSERT ... ON CONFLICT DO UPDATE``
    (what ``bulk_create(update_conflicts=True)`` does, without compiling every row into
    SQL in Python). New rows get their ids in the order given. Call inside a transaction."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    temp = qn(f"upsert_{model._meta.db_table}")
    names = ", ".join(qn(c) for c in columns)
    # Same column types as the table, no constraints; gone at commit (and dropped below, so
    # two calls in one outer transaction do not collide).
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{temp}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS "
        f"SELECT {names}, 0::integer AS upsert_order FROM {table} WITH NO DATA"
    )
    # The raw psycopg cursor: Django's wrapper has no copy().
    with cursor.cursor.copy(f"COPY {temp} ({names}, upsert_order) FROM STDIN") as copy:
        for order, row in enumerate(rows):
            copy.write_row((*row, order))
    updates = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in columns if c not in conflict)
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {temp} ORDER BY upsert_order "
        f"ON CONFLICT ({', '.join(qn(c) for c in conflict)}) DO UPDATE SET {updates}"
    )
    cursor.execute(f"DROP TABLE {temp}")


def _bbox_filter_for_locatie(gemeente_ids):
    return Q(locatie__buurt__gemeente_id__in=gemeente_ids) | Q(
        locatie__buurt__isnull=True, locatie__beheerder__gemeente_id__in=gemeente_ids
    )


# --- what-if ------------------------------------------------------------------------------


@dataclass
class HypothetischePlek:
    lat: float
    lon: float
    label: str = ""
    buurt: Buurt | None = None


def parse_punten(values: list[str]) -> list[HypothetischePlek]:
    """Points from "lat,lon" strings (a form's repeated ``p`` field); bad ones raise."""
    plekken = []
    for value in values:
        try:
            lat_text, lon_text = value.split(",", 1)
            lat, lon = float(lat_text), float(lon_text)
        except ValueError as error:
            raise ValidationError(_("A place on the map is given as latitude,longitude.")) from error
        if not (50.7 <= lat <= 53.6 and 3.3 <= lon <= 7.3):
            raise ValidationError(_("That point lies outside the Netherlands."))
        plekken.append(HypothetischePlek(lat=lat, lon=lon))
    return plekken


def postcode_punt(*, gemeente: Gemeente, postcode: str) -> HypothetischePlek:
    """A hypothetical place at the population point of a 6-position postcode in the gemeente."""
    compact = postcode.replace(" ", "").upper()
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
    table = _buurten([gemeente.pk])
    population, _basis, _jaar = _population(table)
    existing = list(
        LocatieDekking.objects.filter(telt_mee=True)
        .filter(_bbox_filter_for_dekking([gemeente.pk]))
        .values_list("locatie_id", "locatie__lat", "locatie__lon", "locatie__buurt_id")
    )
    places = _places(table, existing, {})
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


def _bbox_filter_for_dekking(gemeente_ids):
    """LocatieDekking rows of places near these gemeenten (the same box as ``open_locaties``)."""
    box = _bbox_filter(gemeente_ids)
    return Q(locatie__in=Locatie.objects.filter(box).values("id"))


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


@transaction.atomic
def drempelwaarden_set(*, gemeente: Gemeente, min_aandeel_65plus_400, min_locaties_per_10000, min_jongeren_800):
    """Set the gemeente's own thresholds (creates its row the first time)."""
    from .models import Drempelwaarden

    drempels = Drempelwaarden.objects.select_for_update().filter(gemeente=gemeente).first() or Drempelwaarden(
        gemeente=gemeente
    )
    drempels.min_aandeel_65plus_400 = min_aandeel_65plus_400
    drempels.min_locaties_per_10000 = min_locaties_per_10000
    drempels.min_jongeren_800 = min_jongeren_800
    drempels.full_clean()
    drempels.save()
    return drempels
