"""The resident site's pages on national-scale data, against DESIGN.md's budget.

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/site_bench.py [--runs 15] [--gemeente GM0363]

DESIGN.md: "a buurt week page ... a constant number of SQL queries whatever the result
size, median server time under 50 ms". Generates the national set first if it is missing
(``bench/national.py``). In one process with DEBUG off, through Django's test client
(anonymous, as a resident), after one warm-up request per URL:

1. the buurt week page ``/buurten/<code>`` (this week, the page's default) for the busiest
   buurt (most occurrences this week at its own places) and a quiet one (fewest, at least one);
2. the agenda ``/agenda?gemeente=<code>`` (this week) for a large gemeente (default
   GM0363) and a small one (fewest occurrences this week, at least one), each without a
   filter and with ``categorie=bewegen``.

Prints per page the occurrences shown, the median (min, max) time of ``--runs`` requests
(the whole request inside the test client: middleware, view, SQL, template), the page's
size and its SQL queries (``CaptureQueriesContext``, with their median total time as
the client sees it), the median CPU time of this process per request
(``time.process_time``: Python's share, without the database server's; on a loaded
machine it says more than the wall time), and whether the count is the same
for the busy and the quiet case. Takes well under a minute (after the data exists).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_DEBUG", "0")
# What a page costs to make, not what a kept one costs to serve (ontmoeting/site/page_cache.py).
os.environ.setdefault("SITE_CACHE_SECONDS", "0")

import national

BUDGET_MS = 50.0
FILTER = ("categorie", "bewegen")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Resident site pages on national-scale data.")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--gemeente", default="GM0363", help="A large gemeente (default Amsterdam).")
    parser.add_argument("--small", default="", help="A small gemeente (default: fewest occurrences this week).")
    args = parser.parse_args(argv)

    national.prepare_in_process_bench()

    from activiteiten.selectors import bijeenkomst_list_public  # noqa: PLC0415 needs setup_django() first
    from locaties.models import Buurt  # noqa: PLC0415 needs setup_django() first
    from locaties.selectors import locatie_list_in_and_near_buurt  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.site import params  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.site.views_buurt import NABIJ_METERS  # noqa: PLC0415 needs setup_django() first

    today = timezone.localdate()
    maandag = today - timedelta(days=today.weekday())
    zondag = maandag + timedelta(days=6)
    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; week {maandag} - {zondag}")

    # This week's occurrences (as the pages show them) per buurt of their place and per gemeente.
    week = bijeenkomst_list_public().filter(
        start__date__gte=maandag, start__date__lte=zondag
    ).order_by()
    per_buurt = list(
        week.values("activiteit__locatie__buurt__code").annotate(n=Count("pk")).order_by("n", "activiteit__locatie__buurt__code")
    )
    quiet, busy = per_buurt[0]["activiteit__locatie__buurt__code"], per_buurt[-1]["activiteit__locatie__buurt__code"]
    small = args.small
    if not small:
        per_gemeente = list(
            week.values("activiteit__locatie__buurt__gemeente__code").annotate(n=Count("pk"))
            .order_by("n", "activiteit__locatie__buurt__gemeente__code")
        )
        small = per_gemeente[0]["activiteit__locatie__buurt__gemeente__code"]

    def shown_buurt(code):
        buurt = Buurt.objects.get(code=code)
        locaties = locatie_list_in_and_near_buurt(buurt=buurt, afstand=NABIJ_METERS)
        qs = bijeenkomst_list_public().filter(activiteit__locatie__in=[loc.pk for loc in locaties])
        qs, _errors = params.filter_bijeenkomsten(qs, QueryDict(), van=maandag, tot=zondag)
        return f"{buurt.naam}, {len(locaties)} places within {NABIJ_METERS} m, {qs.count()} occurrences"

    def shown_agenda(query):
        qs, _errors = params.filter_bijeenkomsten(bijeenkomst_list_public(), QueryDict(query), van=maandag, tot=zondag)
        return f"{qs.count()} occurrences"

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}

    def measure(label, url, shown):
        client.get(url)  # warm-up (templates, translations, connection)
        times, cpu = [], []
        counts = set()
        sql = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            assert response.status_code == 200, (url, response.status_code)
            counts.add(len(queries))
            sql.append(sum(float(q["time"]) for q in queries.captured_queries))
        median = statistics.median(times) * 1000
        results[label] = (median, counts)
        count = next(iter(counts)) if len(counts) == 1 else sorted(counts)
        print(f"  {label:<28} {url:<52} {shown}; median {median:.1f} ms (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}), CPU {statistics.median(cpu) * 1000:.1f} ms (min {min(cpu) * 1000:.1f}), of it SQL {statistics.median(sql) * 1000:.1f} ms, "
              f"{len(response.content) / 1024:.0f} KiB, {count} queries")
        return median, count

    print(f"Buurt week page (busiest and quietest buurt this week), {args.runs} requests each:")
    b_busy = measure("buurt busy", f"/buurten/{busy}", shown_buurt(busy))
    b_quiet = measure("buurt quiet", f"/buurten/{quiet}", shown_buurt(quiet))
    print(f"Agenda ({args.gemeente} and {small}), without and with ?{FILTER[0]}={FILTER[1]}:")
    a_large = measure("agenda large", f"/agenda?gemeente={args.gemeente}", shown_agenda(f"gemeente={args.gemeente}"))
    a_small = measure("agenda small", f"/agenda?gemeente={small}", shown_agenda(f"gemeente={small}"))
    f = f"{FILTER[0]}={FILTER[1]}"
    af_large = measure("agenda large + filter", f"/agenda?gemeente={args.gemeente}&{f}",
                       shown_agenda(f"gemeente={args.gemeente}&{f}"))
    af_small = measure("agenda small + filter", f"/agenda?gemeente={small}&{f}", shown_agenda(f"gemeente={small}&{f}"))

    def same(a, b):
        return not isinstance(a[1], list) and a[1] == b[1]

    print(f"BUURT PAGE: median {b_busy[0]:.1f} ms busy, {b_quiet[0]:.1f} ms quiet, budget < {BUDGET_MS:.0f} ms: "
          f"{national.verdict(max(b_busy[0], b_quiet[0]) < BUDGET_MS)}")
    print(f"BUURT PAGE QUERIES: {b_busy[1]} busy, {b_quiet[1]} quiet, budget: constant: {national.verdict(same(b_busy, b_quiet))}")
    worst = max(a_large[0], a_small[0], af_large[0], af_small[0])
    print(f"AGENDA: median {a_large[0]:.1f} / {a_small[0]:.1f} ms (large / small), with filter "
          f"{af_large[0]:.1f} / {af_small[0]:.1f} ms, budget < {BUDGET_MS:.0f} ms (the buurt page's, for "
          f"comparison): {national.verdict(worst < BUDGET_MS)}")
    print(f"AGENDA QUERIES: {a_large[1]} / {a_small[1]}, with filter {af_large[1]} / {af_small[1]}, "
          f"budget: constant: {national.verdict(same(a_large, a_small) and same(af_large, af_small) and same(a_large, af_large))}")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
