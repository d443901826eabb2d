"""The workspace's start page and activity list, against DESIGN.md's budget.

    .venv/bin/python bench/beheer_bench.py [--runs 15] [--fresh]

DESIGN.md: "the boards' pages under 100 ms", and every list "a constant number of SQL
queries whatever the result size". In its own database on the embedded server
(``EMBEDDED_DB_NAME``, default ``bench_beheer``; the default database is refused), it
makes through the services, once: an organisation with 3 places, 50 weekly activities
(a fifth with registration and a few registrations on each of their dates) and about
2,000 occurrences, and a small organisation with 1 place and 2 activities to compare
query counts with. Then, in one process with DEBUG off, through Django's test client as
a board member, after one warm-up request per URL, it prints per page the median (min,
max) time of ``--runs`` requests, the SQL queries and their time, and whether the query
count is the same for the large and the small organisation:

1. the start page ``/beheer/<organisation>/`` ("Mijn plek": this week per place);
2. the activity list ``/beheer/<organisation>/activiteiten/``, without a filter, on its
   second page, and filtered to "not confirmed recently".

Making the data takes about a minute; measuring well under one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("EMBEDDED_DB_NAME", "bench_beheer")

import national  # noqa: E402  (after the environment above)

BUDGET_MS = 100.0
PLACES, ACTIVITIES, WEEKS = 3, 50, 40  # 50 weekly activities x 40 weeks = 2,000 occurrences
LARGE, SMALL = "bench-beheer-groot", "bench-beheer-klein"


def make_data(*, fresh: bool) -> None:
    """The two organisations, through the services (idempotent unless ``fresh``)."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 Django is set up in main() first
    from django.core.management import call_command  # noqa: PLC0415 idem
    from django.utils import timezone  # noqa: PLC0415 idem

    from activiteiten.constants import AanmeldingNodig, ActiviteitSoort, ActiviteitStatus  # noqa: PLC0415 idem
    from activiteiten.recurrence import WEEKDAY_CODES, localise  # noqa: PLC0415 idem
    from activiteiten.services import aanmelding_create, activiteit_create  # noqa: PLC0415 idem
    from core.timezones import AMSTERDAM  # noqa: PLC0415 idem
    from locaties.constants import Rol  # noqa: PLC0415 idem
    from locaties.models import Lidmaatschap, Locatie, Organisatie  # noqa: PLC0415 idem

    call_command("migrate", verbosity=0)
    if fresh:
        for slug in (LARGE, SMALL):
            for organisatie in Organisatie.objects.filter(slug=slug):
                organisatie.activiteiten.all().delete()
                Locatie.objects.filter(beheerder=organisatie).delete()
                organisatie.delete()
    if Organisatie.objects.filter(slug=LARGE).exists():
        return
    started = time.perf_counter()
    user, _created = get_user_model().objects.get_or_create(username="bench-bestuur@example.nl")
    today = timezone.localtime(timezone.now(), AMSTERDAM).date()
    monday = today - timedelta(days=today.weekday())
    for slug, places, activities in ((LARGE, PLACES, ACTIVITIES), (SMALL, 1, 2)):
        organisatie = Organisatie.objects.create(naam=slug.replace("-", " ").title(), slug=slug, soort="stichting")
        Lidmaatschap.objects.create(user=user, organisatie=organisatie, rol=Rol.BESTUUR)
        locaties = [
            Locatie.objects.create(naam=f"{organisatie.naam} plek {n}", slug=f"{slug}-plek-{n}", soort="buurthuis",
                                   beheerder=organisatie, straat="Markt", plaats="Utrecht",
                                   lat=52.09 + n / 100, lon=5.12, gepubliceerd=True)
            for n in range(places)
        ]
        for n in range(activities):
            weekday = n % 7
            day = monday + timedelta(days=weekday)
            met_aanmelding = n % 5 == 0
            activiteit = activiteit_create(
                locatie=locaties[n % places], organisator=organisatie, titel=f"Activiteit {n:02}",
                soort=ActiviteitSoort.ACTIVITEIT, start=localise(timezone.datetime(day.year, day.month, day.day,
                                                                                     9 + n % 10, 0)),
                duur=timedelta(hours=2), rrule=f"FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[weekday]};COUNT={WEEKS}",
                status=ActiviteitStatus.GEPUBLICEERD,
                aanmelding=AanmeldingNodig.VERPLICHT if met_aanmelding else AanmeldingNodig.GEEN,
                capaciteit=12 if met_aanmelding else None,
            )
            if met_aanmelding:
                for bijeenkomst in activiteit.bijeenkomsten.filter(start__gt=timezone.now())[:10]:
                    for k in range(3):
                        aanmelding_create(bijeenkomst=bijeenkomst, naam=f"Bewoner {k}", telefoon="0612345678")
    print(f"Data made in {time.perf_counter() - started:.0f} s.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The workspace's start page and activity list.")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="Make the data again.")
    args = parser.parse_args(argv)

    national.setup_django()
    from django.conf import settings  # noqa: PLC0415 after django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 idem
    from django.db import connection  # noqa: PLC0415 idem
    from django.test import Client  # noqa: PLC0415 idem
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 idem

    from activiteiten.models import Activiteit, Bijeenkomst  # noqa: PLC0415 idem

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["*"]
    make_data(fresh=args.fresh)
    large = Activiteit.objects.filter(organisator__slug=LARGE)
    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {LARGE}: {large.count()} activities, "
          f"{Bijeenkomst.objects.filter(activiteit__in=large).count()} occurrences")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench-bestuur@example.nl"))

    def measure(label, url):
        client.get(url)  # warm-up (templates, translations, connection, session)
        times, counts, sql = [], set(), []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            counts.add(len(queries))
            sql.append(sum(float(q["time"]) for q in queries.captured_queries))
        median = statistics.median(times) * 1000
        count = next(iter(counts)) if len(counts) == 1 else sorted(counts)
        print(f"  {label:<26} {url:<58} median {median:.1f} ms (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}), of it SQL {statistics.median(sql) * 1000:.1f} ms, "
              f"{len(response.content) / 1024:.0f} KiB, {count} queries")
        return median, count

    rows = {}
    for slug in (LARGE, SMALL):
        print(f"{slug}, {args.runs} requests each:")
        rows[slug, "start"] = measure("start page", f"/beheer/{slug}/")
        rows[slug, "list"] = measure("activity list", f"/beheer/{slug}/activiteiten/")
        rows[slug, "unconfirmed"] = measure("list, not confirmed", f"/beheer/{slug}/activiteiten/?niet_bevestigd=on")
    rows[LARGE, "page2"] = measure("list, page 2", f"/beheer/{LARGE}/activiteiten/?pagina=2")

    worst = max(median for median, _count in rows.values())
    print(f"BEHEER PAGES: worst median {worst:.1f} ms, budget < {BUDGET_MS:.0f} ms: {national.verdict(worst < BUDGET_MS)}")
    for page in ("start", "list", "unconfirmed"):
        big, small = rows[LARGE, page][1], rows[SMALL, page][1]
        same = not isinstance(big, list) and big == small
        print(f"BEHEER {page.upper()} QUERIES: {big} large, {small} small, budget: constant: {national.verdict(same)}")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
