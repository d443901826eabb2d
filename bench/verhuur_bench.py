"""The occupancy calendar of a place, against the issue's budget.

    .venv/bin/python bench/verhuur_bench.py [--runs 15] [--fresh]

Issue 13: "the calendar week for a place with 6 rooms and a year of rentals and
occurrences uses a constant number of queries, with a median under 100 ms". In its own
database on the embedded server (``EMBEDDED_DB_NAME``, default ``bench_verhuur``; the
default database is refused) it makes, once, in bulk: an organisation with a place of 6
rooms, each with two confirmed rentals and two activities' uses a day for a year from
last month on (about 17,500 reservations), and a small place with 1 room and one week.
Then, in one process with DEBUG off, through Django's test client as a board member,
after a warm-up, it prints the median (min, max) of ``--runs`` requests of the week and
the month pages of both places (the month as a grid per room and its day list), their
SQL queries, and whether the counts are the same.
Making the data takes a few seconds; measuring well under a minute.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("EMBEDDED_DB_NAME", "bench_verhuur")

import national  # noqa: E402  (after the environment above)

BUDGET_MS = 100.0
ORG = "bench-verhuur"
GROOT, KLEIN = "bench-verhuur-groot", "bench-verhuur-klein"


def make_data(*, fresh: bool) -> None:
    """The organisation and its two places (idempotent unless ``fresh``)."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 Django is set up in main() first
    from django.core.management import call_command  # noqa: PLC0415 idem
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange  # noqa: PLC0415 idem
    from django.utils import timezone  # noqa: PLC0415 idem

    from core.timezones import AMSTERDAM  # noqa: PLC0415 idem
    from locaties.constants import ReserveringSoort, ReserveringStatus, Rol  # noqa: PLC0415 idem
    from locaties.models import Lidmaatschap, Locatie, Openingstijd, Organisatie, Reservering, Ruimte  # noqa: PLC0415 idem

    call_command("migrate", verbosity=0)
    if fresh:
        Locatie.objects.filter(slug__in=[GROOT, KLEIN]).delete()
        Organisatie.objects.filter(slug=ORG).delete()
    if Organisatie.objects.filter(slug=ORG).exists():
        return
    started = time.perf_counter()
    user, _created = get_user_model().objects.get_or_create(username="bench-verhuur@example.nl")
    organisatie = Organisatie.objects.create(naam="Bench Verhuur", slug=ORG, soort="stichting")
    Lidmaatschap.objects.create(user=user, organisatie=organisatie, rol=Rol.BESTUUR)
    first = timezone.localdate() - timedelta(days=30)
    for slug, rooms, days in ((GROOT, 6, 365), (KLEIN, 1, 7)):
        locatie = Locatie.objects.create(naam=slug, slug=slug, soort="gemeenschapshuis", beheerder=organisatie,
                                         straat="Markt", plaats="Utrecht", lat=52.09, lon=5.12, gepubliceerd=True)
        Openingstijd.objects.bulk_create(
            Openingstijd(locatie=locatie, weekdag=d, van=datetime.min.time().replace(hour=9),
                         tot=datetime.min.time().replace(hour=23)) for d in range(7))
        rows = []
        for n in range(rooms):
            ruimte = Ruimte.objects.create(locatie=locatie, naam=f"Zaal {n}", capaciteit=40, verhuurbaar=True,
                                           wisseltijd_minuten=15)
            for day in range(days):
                date = first + timedelta(days=day)
                for k, (hour, soort) in enumerate(((10, "b"), (13, "v"), (16, "b"), (19, "v"))):
                    start = datetime(date.year, date.month, date.day, hour, tzinfo=AMSTERDAM)
                    eind = start + timedelta(hours=2)
                    rows.append(Reservering(
                        ruimte=ruimte, periode=DateTimeTZRange(start, eind, "[)"),
                        bezet=DateTimeTZRange(start, eind + timedelta(minutes=15), "[)"),
                        status=ReserveringStatus.BEVESTIGD,
                        soort=ReserveringSoort.VERHUUR if soort == "v" else ReserveringSoort.BIJEENKOMST,
                        huurder_naam=f"Huurder {k}" if soort == "v" else f"Activiteit {k}",
                        huurder_categorie="maatschappelijk" if soort == "v" else "",
                    ))
        Reservering.objects.bulk_create(rows, batch_size=2000)
    print(f"Data made in {time.perf_counter() - started:.0f} s.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The occupancy calendar of a place.")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="Make the data again.")
    args = parser.parse_args(argv)

    national.setup_django()
    from django.conf import settings  # noqa: PLC0415 after django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 idem
    from django.db import connection  # noqa: PLC0415 idem
    from django.test import Client  # noqa: PLC0415 idem
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 idem
    from django.utils import timezone  # noqa: PLC0415 idem

    from locaties.models import Reservering  # noqa: PLC0415 idem

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["*"]
    make_data(fresh=args.fresh)
    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {GROOT}: "
          f"{Reservering.objects.filter(ruimte__locatie__slug=GROOT).count()} reservations in 6 rooms")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench-verhuur@example.nl"))
    week = timezone.localdate().isoformat()
    maand = timezone.localdate().strftime("%Y-%m")

    def measure(label, url):
        client.get(url)  # warm-up (templates, translations, connection, session)
        times, counts = [], set()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            counts.add(len(queries))
        median = statistics.median(times) * 1000
        count = next(iter(counts)) if len(counts) == 1 else sorted(counts)
        print(f"  {label:<14} {url:<70} median {median:.1f} ms (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}), {len(response.content) / 1024:.0f} KiB, {count} queries")
        return median, count

    rows = {}
    for slug in (GROOT, KLEIN):
        rows[slug, "week"] = measure("week", f"/beheer/{ORG}/plekken/{slug}/bezetting?week={week}")
        rows[slug, "maand"] = measure("month", f"/beheer/{ORG}/plekken/{slug}/bezetting?maand={maand}")
    worst = rows[GROOT, "week"][0]
    print(f"OCCUPANCY WEEK: median {worst:.1f} ms, budget < {BUDGET_MS:.0f} ms: {national.verdict(worst < BUDGET_MS)}")
    # The month grid (rooms × days) and its day list: the boards' pages' budget applies too.
    month = rows[GROOT, "maand"][0]
    print(f"OCCUPANCY MONTH: median {month:.1f} ms, budget < {BUDGET_MS:.0f} ms: {national.verdict(month < BUDGET_MS)}")
    for page in ("week", "maand"):
        big, small = rows[GROOT, page][1], rows[KLEIN, page][1]
        same = not isinstance(big, list) and big == small
        print(f"OCCUPANCY {page.upper()} QUERIES: {big} large, {small} small, budget: constant: {national.verdict(same)}")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
