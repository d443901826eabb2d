"""Coverage (dekking) on national-scale data, against DESIGN.md's budgets.

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/dekking_bench.py [--runs 3] [--gemeente GM0363]

Generates the national set first if it is missing (``bench/national.py``). Measures, in
one process with DEBUG off:

1. full recomputation for the Netherlands: ``ontmoeting.dekking.compute.dekking_compute()``
   (what ``manage.py compute_dekking --all`` runs): load ~1 million population points,
   the places that count and their programme, compute, and store every buurt's figures,
   today's snapshot and every place's programme, in one transaction. Budget < 10 s.
   Wall time per run and the median; the first run also creates today's rows.
2. a what-if for one large gemeente: ``whatif_compute(gemeente=..., plekken=[3 places])``
   (the dashboard's what-if: today's figures and the what-if's, computed from the same
   inputs, nothing saved). Budget < 0.2 s. Median of ``--runs`` x 3 calls after one warm-up.
3. the dashboard page of that gemeente (``/gemeente/<code>/``), rendered through the test
   client as a superuser: SQL queries per page (budget: constant, compared with a small
   gemeente) and its time.

Takes about a minute (after the data exists).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_DEBUG", "0")

import national

BUDGET_FULL_S = 10.0
BUDGET_WHATIF_S = 0.2


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Coverage benchmarks on national-scale data.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gemeente", default="GM0363", help="A large gemeente (default Amsterdam).")
    parser.add_argument("--small", default="GM0088", help="A small gemeente for the query-count comparison.")
    args = parser.parse_args(argv)

    national.prepare_in_process_bench()

    from locaties.models import Bevolkingspunt, Buurt, Gemeente  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.dekking.compute import dekking_compute  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.dekking.whatif import HypothetischePlek, whatif_compute  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.models import LocatieDekking  # noqa: PLC0415 needs setup_django() first

    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {Buurt.objects.count():,} buurten, "
          f"{Bevolkingspunt.objects.count():,} population points")

    # 1. Full recomputation.
    times = []
    for run in range(args.runs):
        started = time.perf_counter()
        result = dekking_compute()
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        print(f"  full recomputation run {run + 1}: {elapsed:.2f} s ({result.buurten:,} buurten, "
              f"{result.punten:,} points, {result.locaties:,} places that count)")
    full = statistics.median(times)
    # Where the time goes: the same steps as dekking_compute, without storing.

    from locaties import dekking as calc  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.dekking import inputs  # noqa: PLC0415 needs setup_django() first

    today = timezone.localdate()
    t0 = time.perf_counter()
    table = inputs.load_buurten(None)
    population, _basis, _jaar = inputs.load_population(table)
    t1 = time.perf_counter()
    candidates = list(inputs.open_locaties(today).values_list("id", "lat", "lon", "buurt_id"))
    stats = inputs.programme([row[0] for row in candidates], today)
    counting = [row for row in candidates if stats.get(row[0], {}).get("weken", 0) >= inputs.WEEKLY_MIN_WEEKS]
    places = inputs.build_places(table, counting, stats)
    t2 = time.perf_counter()
    calc.compute(population, places, len(table.ids))
    t3 = time.perf_counter()
    print(f"  phases: population points {t1 - t0:.2f} s, places and programme {t2 - t1:.2f} s, "
          f"computation {t3 - t2:.2f} s; the rest of a run (wishes, volunteers, storing "
          f"{len(table.ids):,} results + snapshots + {len(candidates):,} place rows) about "
          f"{max(full - (t3 - t0), 0):.2f} s")
    print(f"FULL RECOMPUTATION (NL): median {full:.2f} s, budget < {BUDGET_FULL_S:.0f} s: "
          f"{national.verdict(full < BUDGET_FULL_S)}")

    # 2. What-if for one large gemeente: three hypothetical places at inhabited points of
    # its least covered buurten (fixed, so every run asks the same).
    gemeente = Gemeente.objects.get(code=args.gemeente)
    buurt_ids = list(
        Buurt.objects.filter(gemeente=gemeente, dekking__inwoners__gt=0)
        .order_by("dekking__inwoners_400", "code").values_list("id", flat=True)[:3]
    )
    punten = [Bevolkingspunt.objects.filter(buurt_id=b).order_by("sleutel").first() for b in buurt_ids]
    counting = LocatieDekking.objects.filter(telt_mee=True, locatie__buurt__gemeente=gemeente).count()
    print(f"  what-if: {gemeente.naam}, {Buurt.objects.filter(gemeente=gemeente).count()} buurten, "
          f"{counting} places that count, 3 hypothetical places")
    whatif_compute(gemeente=gemeente, plekken=[HypothetischePlek(lat=p.lat, lon=p.lon) for p in punten])
    whatif_times = []
    for _ in range(args.runs * 3):
        plekken = [HypothetischePlek(lat=p.lat, lon=p.lon) for p in punten]
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = whatif_compute(gemeente=gemeente, plekken=plekken)
        whatif_times.append(time.perf_counter() - started)
    whatif = statistics.median(whatif_times)
    print(f"  what-if changes {len(result.buurten)} buurten; 65+ within 400 m "
          f"{result.gemeente_nu['aandeel_65plus_400']}% -> {result.gemeente_straks['aandeel_65plus_400']}%; "
          f"{len(queries)} queries; min {min(whatif_times) * 1000:.0f} ms, max {max(whatif_times) * 1000:.0f} ms")
    print(f"WHAT-IF ({args.gemeente}): median {whatif * 1000:.0f} ms, budget < {BUDGET_WHATIF_S * 1000:.0f} ms: "
          f"{national.verdict(whatif < BUDGET_WHATIF_S)}")

    # 3. Dashboard page: queries per page for a large and a small gemeente.
    user, _created = get_user_model().objects.get_or_create(
        username="bench-superuser", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    counts = {}
    for code in (args.gemeente, args.small):
        url = f"/gemeente/{code}/"
        client.get(url)  # warm-up (templates, translations)
        page_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        buurten = Buurt.objects.filter(gemeente__code=code).count()
        counts[code] = len(queries)
        print(f"  dashboard {url}: {buurten} buurten, {len(queries)} queries, median "
              f"{statistics.median(page_times) * 1000:.0f} ms, {len(response.content) / 1024:.0f} KiB")
    constant = counts[args.gemeente] == counts[args.small]
    print(f"DASHBOARD QUERIES ({args.gemeente}): {counts[args.gemeente]} queries "
          f"({args.small}: {counts[args.small]}), budget: constant: {national.verdict(constant)}")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
