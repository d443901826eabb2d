"""National-scale data for the benchmarks, generated with bulk SQL (COPY and
INSERT ... SELECT generate_series), never through services or model saves.

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/national.py          # generate once
    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/national.py --fresh  # rebuild

Idempotent: when the database already holds the national set it says so and stops.
Runs ``migrate`` first. Refuses the default database (``ontmoeting``): the national
set lives in its own database on the embedded server (``EMBEDDED_DB_NAME``, default
``bench_nl`` for these scripts).

What it makes (real codes and names, synthetic everything else):

* every gemeente, wijk and buurt of 2025 (``shared/data/nl/*_2025.csv``);
* residents and boundaries from ``wijken_2024.geojson``: each wijk's residents, with its
  65+ share, are spread over random points inside its polygon, one point per about 18
  residents (about 1 million ``Bevolkingspunt`` rows, soort ``vierkant``).
  **Simplification:** CBS buurt boundaries are not in the shared data, so each wijk
  polygon is cut into vertical strips (west to east), one per buurt of that wijk, each
  holding an equal share of the wijk's points; a buurt's boundary is its strip of the
  wijk polygon and its residents are the points in it. Wijken of 2025 missing from the
  2024 file (a few dozen, after boundary changes) get buurten without boundary or points.
* one organisation per gemeente; about 10,000 published places (plus 300 unpublished)
  at population points drawn in proportion to residents, each with one room;
* about 50,000 weekly activities (Poisson(5) per published place), published, each
  with 52 occurrences from last week on (about 2.6 million ``Bijeenkomst`` rows; 1%
  cancelled), in Amsterdam wall-clock time.

Takes about 2-4 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import django
import numpy as np
import shapely
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("BENCH_DATA_DIR", ROOT.parent / "shared" / "data" / "nl"))
SEED = 20250101
RESIDENTS_PER_POINT = 18
PUBLISHED_PLACES = 10_000
UNPUBLISHED_PLACES = 300
ACTIVITIES_PER_PLACE = 5  # Poisson mean: about 50,000 activities
WEEKS = 52
YEAR = 2025


def setup_django() -> None:
    """Settings for the bench database; call before importing models."""
    os.environ.setdefault("EMBEDDED_DB_NAME", "bench_nl")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings.dev")
    if os.environ["EMBEDDED_DB_NAME"] == "ontmoeting":
        sys.exit("Refusing to use the default database 'ontmoeting': set EMBEDDED_DB_NAME=bench_nl.")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    django.setup()


def _log(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:6.1f} s] {message}", flush=True)


def is_generated() -> bool:
    from activiteiten.models import Bijeenkomst  # noqa: PLC0415 needs setup_django() first
    from locaties.models import Bevolkingspunt, Gemeente  # noqa: PLC0415 needs setup_django() first

    return (
        Gemeente.objects.count() >= 300
        and Bevolkingspunt.objects.filter(soort="vierkant", sleutel__startswith="NL").exists()
        and Bijeenkomst.objects.order_by().exists()
    )


def verdict(ok: bool) -> str:
    return "within budget" if ok else "OVER BUDGET"


def time_requests(client, url: str, runs: int):
    """One warm-up request, then ``runs`` timed ones through the test client: their
    times (s), the set of their SQL query counts, and the last response (a 200)."""
    from django.db import connection  # noqa: PLC0415 needs setup_django() first
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.get(url)  # warm-up (templates, translations, connection)
    times, counts = [], set()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        counts.add(len(queries))
    return times, counts, response


def prepare_in_process_bench() -> None:
    """Django set up with DEBUG off for a bench that renders pages in-process, with the
    national data generated first when it is missing."""
    setup_django()

    # DEBUG off without collectstatic: plain static URLs instead of the manifest's.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    if not is_generated():
        print("National data missing: generating it first (bench/national.py).")
        main([])


def _read_csv(name: str) -> list[list[str]]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[1:]


def _model_defaults(table: str, columns: list[str]) -> tuple[list[str], tuple]:
    """The NOT NULL columns of ``table``'s model that ``columns`` leaves out and that have
    a default in the model (not in the database): their names and values, so that a field
    added to a model later does not break the bulk copy."""
    from django.apps import apps  # noqa: PLC0415 needs setup_django() first

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    extra = [f for f in model._meta.concrete_fields
             if f.column not in columns and not f.null and f.has_default()]
    return [f.column for f in extra], tuple(f.get_default() for f in extra)


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    extra_columns, extra_values = _model_defaults(table, columns)
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join([*columns, *extra_columns])}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row((*row, *extra_values))
            n += 1
    return n


def _polygonal(geometry):
    """Only the areas of a geometry (an intersection can leave lines and points too)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def generate(started: float) -> None:
    from activiteiten.models import Activiteit, Bijeenkomst  # noqa: PLC0415 needs setup_django() first
    from core.geo import NETHERLANDS  # noqa: PLC0415 needs setup_django() first
    from locaties.models import (  # noqa: PLC0415 needs setup_django() first
        Bevolkingspunt,
        Buurt,
        Gemeente,
        Locatie,
        Organisatie,
        Ruimte,
        Wijk,
    )

    rng = np.random.default_rng(SEED)
    now = datetime.now().astimezone()

    gemeenten = _read_csv("gemeenten_2025.csv")
    wijken = _read_csv("wijken_2025.csv")
    buurten = _read_csv("buurten_2025.csv")
    gemeente_id = {code: i + 1 for i, (code, _naam) in enumerate(gemeenten)}
    gemeente_naam = dict(gemeenten)
    wijken = [w for w in wijken if "GM" + w[0][2:6] in gemeente_id]
    wijk_id = {code: i + 1 for i, (code, _naam) in enumerate(wijken)}
    buurten = [b for b in buurten if "WK" + b[0][2:8] in wijk_id]
    buurten_of_wijk: dict[str, list[int]] = {}
    for index, (code, _naam) in enumerate(buurten):
        buurten_of_wijk.setdefault("WK" + code[2:8], []).append(index)

    with open(DATA / "wijken_2024.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    _log(f"read {len(gemeenten)} gemeenten, {len(wijken)} wijken, {len(buurten)} buurten, "
         f"{len(features)} wijk polygons", started)

    # --- population points per wijk, and buurt strips --------------------------------------
    n_buurten = len(buurten)
    grens: list[str | None] = [None] * n_buurten
    bbox = np.full((n_buurten, 4), np.nan)
    point_parts = []  # (lon, lat, inwoners, inwoners_65plus, buurt_index)
    strip_polys, strip_boxes, strip_buurten = [], [], []
    for feature in features:
        props = feature["properties"]
        members = buurten_of_wijk.get(props["wijkcode"])
        inwoners = props.get("aantal_inwoners") or 0
        if not members or inwoners <= 0:
            continue
        share_65 = (props.get("65plus") or 0) / 100.0
        polygon = shapely.geometry.shape(feature["geometry"])
        if not polygon.is_valid:
            polygon = _polygonal(shapely.make_valid(polygon))
        if polygon.is_empty:
            continue
        shapely.prepare(polygon)
        n_points = max(len(members), round(inwoners / RESIDENTS_PER_POINT))
        min_x, min_y, max_x, max_y = polygon.bounds
        fill = max(polygon.area / max((max_x - min_x) * (max_y - min_y), 1e-12), 0.02)
        lon = np.empty(0)
        lat = np.empty(0)
        while len(lon) < n_points:
            want = int((n_points - len(lon)) / fill * 1.2) + 16
            cx = rng.uniform(min_x, max_x, want)
            cy = rng.uniform(min_y, max_y, want)
            inside = shapely.contains_xy(polygon, cx, cy)
            lon = np.concatenate([lon, cx[inside]])
            lat = np.concatenate([lat, cy[inside]])
        lon, lat = lon[:n_points], lat[:n_points]
        # Residents: an even share each (the remainder one by one), 65+ drawn per point.
        per_point = np.full(n_points, inwoners // n_points, dtype=np.int64)
        per_point[: inwoners % n_points] += 1
        old = rng.binomial(per_point, share_65)
        # Strips of equal point count, west to east, one per buurt.
        order = np.argsort(lon, kind="stable")
        k = len(members)
        strip_of_rank = (np.arange(n_points) * k) // n_points
        strip = np.empty(n_points, dtype=np.int64)
        strip[order] = strip_of_rank
        cuts = [min_x - 1e-6]
        for s in range(1, k):
            first = order[np.searchsorted(strip_of_rank, s)]
            previous = order[np.searchsorted(strip_of_rank, s) - 1]
            cuts.append((lon[first] + lon[previous]) / 2)
        cuts.append(max_x + 1e-6)
        for s, member in enumerate(members):
            strip_polys.append(polygon)
            strip_boxes.append(shapely.box(cuts[s], min_y - 1e-6, cuts[s + 1], max_y + 1e-6))
            strip_buurten.append(member)
        point_parts.append((lon, lat, per_point, old, np.asarray(members, dtype=np.int64)[strip]))
    pieces = shapely.intersection(np.array(strip_polys, dtype=object), np.array(strip_boxes, dtype=object))
    for member, piece, whole in zip(strip_buurten, pieces, strip_polys, strict=True):
        geometry = _polygonal(piece) if not piece.is_empty else whole
        if geometry.is_empty:
            geometry = whole
        grens[member] = shapely.to_geojson(geometry)
        bbox[member] = geometry.bounds
    lon = np.concatenate([p[0] for p in point_parts])
    lat = np.concatenate([p[1] for p in point_parts])
    inw = np.concatenate([p[2] for p in point_parts])
    inw65 = np.concatenate([p[3] for p in point_parts])
    pb = np.concatenate([p[4] for p in point_parts])
    # Points on the coast of a wijk polygon can fall a hair outside the database check.
    keep = NETHERLANDS.contains(lat, lon)
    lon, lat, inw, inw65, pb = lon[keep], lat[keep], inw[keep], inw65[keep], pb[keep]
    woningen = np.rint(inw / 2.1).astype(np.int64)
    buurt_inw = np.bincount(pb, weights=inw, minlength=n_buurten).astype(np.int64)
    buurt_65 = np.bincount(pb, weights=inw65, minlength=n_buurten).astype(np.int64)
    buurt_won = np.bincount(pb, weights=woningen, minlength=n_buurten).astype(np.int64)
    _log(f"{len(lon):,} population points, {int(inw.sum()):,} residents", started)

    # --- places ----------------------------------------------------------------------------
    n_places = PUBLISHED_PLACES + UNPUBLISHED_PLACES
    chosen = rng.choice(len(lon), size=n_places, replace=False, p=inw / inw.sum())
    place_lon = lon[chosen] + rng.uniform(-0.0004, 0.0004, n_places)
    place_lat = lat[chosen] + rng.uniform(-0.0003, 0.0003, n_places)
    place_buurt = pb[chosen]
    published = np.arange(n_places) < PUBLISHED_PLACES
    soorten = ["buurthuis", "huiskamer", "gemeenschapshuis", "dorpshuis", "mfa", "wijkcentrum", "bibliotheek"]
    place_soort = rng.choice(len(soorten), n_places)
    activities_per_place = np.where(published, rng.poisson(ACTIVITIES_PER_PLACE, n_places), 0)

    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor: copy()
        cursor.execute("SET LOCAL synchronous_commit TO off")
        tables = [m._meta.db_table for m in (Gemeente, Organisatie)]
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        _copy(cursor, Gemeente._meta.db_table, ["id", "code", "naam", "jaar"],
              ((gemeente_id[c], c, n, YEAR) for c, n in gemeenten))
        _copy(cursor, Wijk._meta.db_table, ["id", "code", "naam", "jaar", "gemeente_id"],
              ((wijk_id[c], c, n, YEAR, gemeente_id["GM" + c[2:6]]) for c, n in wijken))

        def buurt_rows():
            for i, (code, naam) in enumerate(buurten):
                has = grens[i] is not None
                yield (
                    i + 1, code, naam, YEAR, wijk_id["WK" + code[2:8]], gemeente_id["GM" + code[2:6]],
                    int(buurt_inw[i]) if has else None, int(buurt_65[i]) if has else None,
                    int(buurt_won[i]) if has else None, 2024 if has else None, grens[i],
                    *(float(v) if has else None for v in bbox[i]),
                )

        _copy(cursor, Buurt._meta.db_table,
              ["id", "code", "naam", "jaar", "wijk_id", "gemeente_id", "inwoners", "inwoners_65plus",
               "woningen", "kerncijfers_jaar", "grens", "bbox_min_lon", "bbox_min_lat", "bbox_max_lon",
               "bbox_max_lat"], buurt_rows())
        _log(f"{len(gemeenten)} gemeenten, {len(wijken)} wijken, {n_buurten} buurten copied", started)

        # Population points: text COPY written by numpy-formatted lines (faster than rows).
        buffer = io.StringIO()
        ids = np.arange(1, len(lon) + 1)
        for start in range(0, len(lon), 200_000):
            end = start + 200_000
            lines = [
                f"vierkant\tNL{i:07d}\t{a}\t{b}\t{c}\t{y:.6f}\t{x:.6f}\t{bu}\t2024\n"
                for i, a, b, c, y, x, bu in zip(
                    ids[start:end].tolist(), inw[start:end].tolist(), inw65[start:end].tolist(),
                    woningen[start:end].tolist(), lat[start:end].tolist(), lon[start:end].tolist(),
                    (pb[start:end] + 1).tolist(), strict=True,
                )
            ]
            buffer.write("".join(lines))
        with cursor.copy(
            f"COPY {Bevolkingspunt._meta.db_table} (soort, sleutel, inwoners, inwoners_65plus, woningen, "
            f"lat, lon, buurt_id, jaar) FROM STDIN"
        ) as copy:
            copy.write(buffer.getvalue())
        _log(f"{len(lon):,} population points copied", started)

        _copy(cursor, Organisatie._meta.db_table,
              ["id", "naam", "slug", "soort", "gemeente_id", "email", "telefoon", "website"],
              ((gemeente_id[c], f"Welzijn {n}", f"welzijn-{c.lower()}", "welzijnsorganisatie",
                gemeente_id[c], "", "", "") for c, n in gemeenten))
        gemeente_of_buurt = [gemeente_id["GM" + code[2:6]] for code, _n in buurten]
        toegankelijk = ["rolstoel", "invalidentoilet", "ringleiding"]

        def place_rows():
            for i in range(n_places):
                b = int(place_buurt[i])
                soort = soorten[int(place_soort[i])]
                gm = gemeente_of_buurt[b]
                yield (
                    i + 1, f"{soort.capitalize()} {buurten[b][1]} {i + 1}", f"plek-{i + 1}", soort,
                    "Dorpsstraat", str(1 + i % 200), "", gemeente_naam[gemeenten[gm - 1][0]],
                    float(place_lat[i]), float(place_lon[i]), b + 1, gm, "", "", "", "",
                    toegankelijk[: i % 4], [], i % 20 == 0, bool(published[i]), None, None, 24, now, now,
                )

        _copy(cursor, Locatie._meta.db_table,
              ["id", "naam", "slug", "soort", "straat", "huisnummer", "postcode", "plaats", "lat", "lon",
               "buurt_id", "beheerder_id", "beschrijving", "email", "telefoon", "website",
               "toegankelijkheid", "faciliteiten", "noodsteunpunt", "gepubliceerd", "open_sinds",
               "gesloten_sinds", "annuleren_tot_uren", "aangemaakt", "bijgewerkt"], place_rows())
        _copy(cursor, Ruimte._meta.db_table,
              ["id", "locatie_id", "naam", "capaciteit", "oppervlakte_m2", "faciliteiten", "verhuurbaar",
               "wisseltijd_minuten"],
              ((i + 1, i + 1, "Grote zaal", 40, None, [], False, 0) for i in range(n_places)))
        _log(f"{n_places:,} places with a room copied ({PUBLISHED_PLACES:,} published)", started)

        # Activities: weekly, first occurrence in the week before today, at a whole hour.
        soorten_act = ["activiteit", "open_inloop", "maaltijd", "cursus", "spreekuur"]
        categorieen = ["eten_drinken", "creatief", "bewegen", "taal", "digitaal", "zorg_welzijn", "spel",
                       "muziek_cultuur", "informatie", "klussen"]
        doelgroepen = ["iedereen", "kinderen", "jongeren", "jonge_gezinnen", "ouderen", "dementie",
                       "anderstaligen", "werkenden", "mannen", "vrouwen"]
        dagen = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        today = now.date()
        monday = today - timedelta(days=today.weekday() + 7)
        place_of_activity = np.repeat(np.arange(n_places), activities_per_place)
        n_act = len(place_of_activity)
        day = rng.integers(0, 7, n_act)
        hour = rng.integers(9, 21, n_act)
        soort_i = rng.choice(len(soorten_act), n_act, p=[0.5, 0.2, 0.1, 0.1, 0.1])
        cat_i = rng.integers(0, len(categorieen), (n_act, 2))
        dg_i = rng.integers(0, len(doelgroepen), (n_act, 2))
        registration = rng.random(n_act) < 0.2

        def activity_rows():
            for i in range(n_act):
                p = int(place_of_activity[i])
                naive = datetime.combine(monday + timedelta(days=int(day[i])), datetime.min.time()).replace(
                    hour=int(hour[i]))
                verplicht = bool(registration[i])
                yield (
                    i + 1, f"{soorten_act[int(soort_i[i])].capitalize()} {i + 1}", f"activiteit-{i + 1}", "",
                    soorten_act[int(soort_i[i])], sorted({categorieen[c] for c in cat_i[i]}),
                    sorted({doelgroepen[d] for d in dg_i[i]}), p + 1, p + 1, gemeente_of_buurt[int(place_buurt[p])],
                    "0.00" if i % 3 else "2.50", "", "verplicht" if verplicht else "geen",
                    20 if verplicht else None, ["nl"], "", "", "", "", "", "", "gepubliceerd", None,
                    naive.strftime("%Y-%m-%d %H:%M:%S") + " Europe/Amsterdam", timedelta(hours=2),
                    f"FREQ=WEEKLY;BYDAY={dagen[int(day[i])]}", None, False, "", now, now,
                )

        _copy(cursor, Activiteit._meta.db_table,
              ["id", "titel", "slug", "beschrijving", "soort", "categorieen", "doelgroepen", "locatie_id",
               "ruimte_id", "organisator_id", "kosten", "kosten_toelichting", "aanmelding", "capaciteit",
               "talen", "toegankelijkheid_toelichting", "contact_naam", "contact_email", "contact_telefoon",
               "afbeelding", "afbeelding_alt", "status", "laatst_bevestigd", "start", "duur", "rrule",
               "einddatum", "skip_feestdagen", "skip_schoolvakantie", "aangemaakt", "bijgewerkt"],
              activity_rows())
        _log(f"{n_act:,} weekly activities copied", started)

        b_table = Bijeenkomst._meta.db_table
        cursor.execute(
            f"INSERT INTO {b_table} (activiteit_id, origineel_start, start, eind, verplaatst, geannuleerd, "
            f"ruimte_id, ruimte_afwijkend, reservering_id, notitie, aanwezigen) "
            f"SELECT a.id, s.t, s.t, s.t + a.duur, false, random() < 0.01, a.ruimte_id, false, NULL, '', NULL "
            f"FROM {Activiteit._meta.db_table} a CROSS JOIN generate_series(0, {WEEKS - 1}) k "
            f"CROSS JOIN LATERAL (SELECT ((a.start AT TIME ZONE 'Europe/Amsterdam') + k * interval '7 days') "
            f"AT TIME ZONE 'Europe/Amsterdam' AS t) s ORDER BY s.t"
        )
        _log(f"{cursor.rowcount:,} occurrences inserted", started)
        for model in (Gemeente, Wijk, Buurt, Bevolkingspunt, Organisatie, Locatie, Ruimte, Activiteit, Bijeenkomst):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}"
            )
    with connection.cursor() as cursor:
        for model in (Buurt, Bevolkingspunt, Locatie, Activiteit, Bijeenkomst):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    _log("committed and analysed", started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="Delete the national set and generate it again.")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    setup_django()

    call_command("migrate", verbosity=0)
    if is_generated() and not args.fresh:
        _log("national data already generated (use --fresh to rebuild)", started)
        return 0
    generate(started)
    _log("done", started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
