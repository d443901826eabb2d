"""The gemeente dashboard of a large gemeente on national-scale data (issue 16, goal 5).

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/dashboard_bench.py [--runs 15] [--gemeente GM0363] [--profile]

Budget: the page under 150 ms and under 250 KiB. Generates the national set first if it is
missing (``bench/national.py``) and computes the gemeente's coverage if it has none. In one
process with DEBUG off, through Django's test client as a superuser, after one warm-up
request per URL, ``--runs`` requests each (median, min, max; size; SQL queries):

1. the dashboard ``/gemeente/<code>/`` (the table grouped per wijk, each wijk's buurten
   loaded when it is opened);
2. its map data ``/gemeente/<code>/kaart.json`` (a separate request, kept per process);
3. the buurten of the gemeente's largest wijk, as the page loads them into an opened wijk
   (``/gemeente/<code>/wijk/<wijkcode>/?deel=1``).

``--profile`` prints the 25 most expensive functions (cumulative) of one dashboard request.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_DEBUG", "0")

import national

BUDGET_MS = 150.0
BUDGET_KIB = 250.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The gemeente dashboard on national-scale data.")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--gemeente", default="GM0363", help="A large gemeente (default Amsterdam).")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    national.prepare_in_process_bench()

    from locaties.models import Buurt, Wijk  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.dekking.compute import dekking_compute  # noqa: PLC0415 needs setup_django() first
    from ontmoeting.models import BuurtDekking  # noqa: PLC0415 needs setup_django() first

    code = args.gemeente
    if not BuurtDekking.objects.filter(buurt__gemeente__code=code).exists():
        print(f"Computing the coverage of {code} first.")
        dekking_compute(gemeente=Buurt.objects.filter(gemeente__code=code).first().gemeente)
    wijk = Wijk.objects.filter(buurten__gemeente__code=code).annotate(n=Count("buurten")).order_by("-n").first()
    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {Buurt.objects.filter(gemeente__code=code).count()} buurten")

    user, _created = get_user_model().objects.get_or_create(
        username="bench-superuser", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def measure(label, url):
        times, counts, response = national.time_requests(client, url, args.runs)
        median = statistics.median(times) * 1000
        size = len(response.content) / 1024
        print(f"  {label:<22} {url:<44} median {median:.1f} ms (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}), {size:.0f} KiB, {sorted(counts)} queries")
        return median, size

    page_ms, page_kib = measure("dashboard", f"/gemeente/{code}/")
    measure("map data", f"/gemeente/{code}/kaart.json")
    measure(f"wijk {wijk.code} ({wijk.n} b.)", f"/gemeente/{code}/wijk/{wijk.code}/?deel=1")
    print(f"DASHBOARD: median {page_ms:.1f} ms, {page_kib:.0f} KiB, budget < {BUDGET_MS:.0f} ms and "
          f"< {BUDGET_KIB:.0f} KiB: {national.verdict(page_ms < BUDGET_MS and page_kib < BUDGET_KIB)}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(client.get, f"/gemeente/{code}/")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
