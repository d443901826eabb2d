"""The roster's week grid, against the issue's budget.

    .venv/bin/python bench/rooster_bench.py [--runs 15] [--fresh]

Issue 14: "the roster week for a place with 10 shifts a day and 40 volunteers has a
median under 100 ms", and every list "a constant number of SQL queries". In its own
database on the embedded server (``EMBEDDED_DB_NAME``, default ``bench_rooster``; the
default database is refused), it makes through the services, once: an organisation with
one place, 40 volunteers and a week of 70 shifts (10 a day, 2 places each, most filled),
and a small organisation with one shift to compare query counts with. Then, with DEBUG
off, through Django's test client as a coordinator, after one warm-up request, it prints
the median (min, max) time of ``--runs`` requests of ``/beheer/<org>/rooster/<place>/``
and its query count. Making the data takes a few seconds.
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
os.environ.setdefault("EMBEDDED_DB_NAME", "bench_rooster")

import national  # noqa: E402  (after the environment above)

BUDGET_MS = 100.0
LARGE, SMALL = "bench-rooster-groot", "bench-rooster-klein"
USER = "bench-coordinator@example.nl"


def make_data(*, fresh: bool):
    """The two organisations, through the services (idempotent unless ``fresh``); the
    Monday of the week measured."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 Django is set up in main() first
    from django.core.management import call_command  # noqa: PLC0415 idem
    from django.utils import timezone  # noqa: PLC0415 idem

    from activiteiten.recurrence import localise  # noqa: PLC0415 idem
    from locaties.constants import Rol  # noqa: PLC0415 idem
    from locaties.models import Lidmaatschap, Locatie, Organisatie  # noqa: PLC0415 idem
    from vrijwilligers.constants import Taak  # noqa: PLC0415 idem
    from vrijwilligers.services import dienst_create, inzet_create, vrijwilliger_create  # noqa: PLC0415 idem

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    maandag = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    if fresh:
        Organisatie.objects.filter(slug__in=[LARGE, SMALL]).delete()
    user, _ = get_user_model().objects.get_or_create(username=USER, defaults={"email": USER})
    for slug, days, per_day, people in ((LARGE, 7, 10, 40), (SMALL, 1, 1, 1)):
        if Organisatie.objects.filter(slug=slug).exists():
            continue
        organisatie = Organisatie.objects.create(naam=slug, slug=slug, soort="stichting")
        Lidmaatschap.objects.create(user=user, organisatie=organisatie, rol=Rol.COORDINATOR)
        locatie = Locatie.objects.create(naam=f"Plek {slug}", slug=f"plek-{slug}", soort="buurthuis", beheerder=organisatie,
                                         straat="Markt", plaats="Utrecht", lat=52.09, lon=5.12, gepubliceerd=True)
        vrijwilligers = [vrijwilliger_create(naam=f"Vrijwilliger {n}", email=f"v{n}-{slug}@example.nl",
                                             toestemming_op=today, organisaties=[organisatie]) for n in range(people)]
        turn = 0
        for day in range(days):
            for slot in range(per_day):
                start = localise(datetime.combine(maandag + timedelta(days=day), datetime.min.time())) + timedelta(
                    hours=8 + slot)
                dienst = dienst_create(locatie=locatie, taak=list(Taak.values)[slot % len(Taak.values)],
                                       start=start, eind=start + timedelta(hours=1), benodigd=2)
                for _place in range(1 if slot % 3 == 0 else 2):
                    inzet_create(dienst=dienst, vrijwilliger=vrijwilligers[turn % people])
                    turn += 1
    return maandag


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="Make the data again.")
    args = parser.parse_args(argv)

    national.setup_django()
    from django.conf import settings  # noqa: PLC0415 after django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 idem
    from django.db import connection  # noqa: PLC0415 idem
    from django.test import Client  # noqa: PLC0415 idem
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 idem

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["*"]
    maandag = make_data(fresh=args.fresh)
    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=USER))

    def measure(slug):
        url = f"/beheer/{slug}/rooster/plek-{slug}/?week={maandag.isoformat()}"
        client.get(url)  # warm-up
        times, counts = [], set()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            counts.add(len(queries))
        median = statistics.median(times) * 1000
        print(f"  {slug:<22} median {median:.1f} ms (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}), "
              f"{len(response.content) / 1024:.0f} KiB, queries {sorted(counts)}")
        return median, sorted(counts)

    big, small = measure(LARGE), measure(SMALL)
    print(f"ROSTER WEEK: median {big[0]:.1f} ms, budget < {BUDGET_MS:.0f} ms: {national.verdict(big[0] < BUDGET_MS)}")
    print(f"ROSTER QUERIES: {big[1]} large, {small[1]} small, budget: constant: {national.verdict(big[1] == small[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
