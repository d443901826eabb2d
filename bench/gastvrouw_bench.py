"""What "gastvrouw aanwezig" costs the occurrences API's cold path.

    .venv/bin/python bench/gastvrouw_bench.py [--runs 30] [--places 100] [--fresh]

Issue 14 puts ``gastvrouwAanwezig`` and ``gastvrouwVoornaam`` on every occurrence of
``/api/v1/bijeenkomsten``: two correlated subqueries in the list's one SQL query
(``vrijwilligers.selectors.bijeenkomsten_with_gastvrouw``), evaluated only for an open
inloop that is running. In its own database on the embedded server (``EMBEDDED_DB_NAME``,
default ``bench_gastvrouw``; the default database is refused) it makes through the
services, once: ``--places`` places, each with a daily open inloop from 09:00 to 17:00
with a filled host shift on today's date (written directly: the services make no date
that has begun; run it during the day, so it is running) and on its dates of the coming
week, and a weekly activity. The page measured starts with today's running inloops. Then, with DEBUG off and the API's answer
cache off (``API_CACHE_SECONDS=0``), through Django's test client after a warm-up, it
prints the median time and query count of ``--runs`` requests of a 100-occurrence page,
with the project's viewset (the roster joined in) and with the annotation left out, and
their ratio.
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
os.environ.setdefault("EMBEDDED_DB_NAME", "bench_gastvrouw")
os.environ["API_CACHE_SECONDS"] = "0"

import national  # noqa: E402  (after the environment above)

SLUG = "bench-gastvrouw"
URL = "/api/v1/bijeenkomsten?pageSize=100"


def make_data(*, places: int, fresh: bool) -> None:
    """The organisation, its places, activities, host shifts and volunteers (idempotent
    unless ``fresh``)."""
    from django.core.management import call_command  # noqa: PLC0415 Django is set up in main() first
    from django.utils import timezone  # noqa: PLC0415 idem

    from activiteiten.models import Activiteit, Bijeenkomst  # noqa: PLC0415 idem
    from activiteiten.recurrence import localise  # noqa: PLC0415 idem
    from activiteiten.services import activiteit_create  # noqa: PLC0415 idem
    from locaties.models import Locatie, Organisatie  # noqa: PLC0415 idem
    from vrijwilligers.models import Vrijwilliger  # noqa: PLC0415 idem
    from vrijwilligers.services import (  # noqa: PLC0415 idem
        diensten_aanvul_voor_inloop,
        diensten_create_voor_inloop,
        inzet_create,
        vrijwilliger_create,
    )

    call_command("migrate", verbosity=0)
    if fresh:  # activities and places are protected: they go first
        Activiteit.objects.filter(organisator__slug=SLUG).delete()
        Locatie.objects.filter(beheerder__slug=SLUG).delete()
        Vrijwilliger.objects.filter(organisaties__slug=SLUG).delete()
        Organisatie.objects.filter(slug=SLUG).delete()
    if Organisatie.objects.filter(slug=SLUG).exists():
        return
    today = timezone.localdate()
    organisatie = Organisatie.objects.create(naam=SLUG, slug=SLUG, soort="stichting")
    vrijwilliger = vrijwilliger_create(naam="Mien Jansen", email="mien@example.nl", toestemming_op=today,
                                       organisaties=[organisatie], voornaam_tonen=True)
    nine = localise(datetime.combine(today, datetime.min.time())) + timedelta(hours=9)
    for n in range(places):
        locatie = Locatie.objects.create(naam=f"Plek {n}", slug=f"{SLUG}-{n}", soort="buurthuis", beheerder=organisatie,
                                         straat="Markt", plaats="Utrecht", lat=52.0 + n / 1000, lon=5.1,
                                         gepubliceerd=True)
        common = {"locatie": locatie, "organisator": organisatie, "status": "gepubliceerd"}
        inloop = activiteit_create(titel=f"Open inloop {n}", soort="open_inloop", start=nine - timedelta(days=1),
                                   duur=timedelta(hours=8), rrule="FREQ=DAILY", **common)
        activiteit_create(titel=f"Taalcafé {n}", soort="activiteit", start=nine + timedelta(hours=5),
                          duur=timedelta(hours=2), rrule="FREQ=WEEKLY", **common)
        # Today's date has begun, so the services made none: written directly, as national.py does.
        vandaag = Bijeenkomst.objects.create(activiteit=inloop, origineel_start=nine, start=nine,
                                             eind=nine + timedelta(hours=8))
        diensten = diensten_create_voor_inloop(bijeenkomsten=[vandaag]) + diensten_aanvul_voor_inloop(
            activiteit=inloop, tot=nine + timedelta(days=7))
        for dienst in diensten:
            inzet_create(dienst=dienst, vrijwilliger=vrijwilliger)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="Make the data again.")
    args = parser.parse_args(argv)

    national.setup_django()
    from django.conf import settings  # noqa: PLC0415 after django.setup()
    from django.db import connection  # noqa: PLC0415 idem
    from django.test import Client  # noqa: PLC0415 idem
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 idem

    from ontmoeting.api_rooster import BijeenkomstMetRoosterViewSet  # noqa: PLC0415 idem

    settings.ALLOWED_HOSTS = ["*"]
    make_data(places=args.places, fresh=args.fresh)
    print(f"DEBUG={settings.DEBUG}, API_CACHE_SECONDS={settings.API_CACHE_SECONDS}, database "
          f"{connection.settings_dict['NAME']}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    client = Client(HTTP_HOST="127.0.0.1")

    def measure(label):
        client.get(URL)  # warm-up
        times, counts = [], set()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(URL)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            counts.add(len(queries))
        rows = response.json()["resultaten"]
        present = sum(1 for row in rows if row["gastvrouwAanwezig"])
        median = statistics.median(times) * 1000
        print(f"  {label:<28} median {median:.1f} ms (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}), "
              f"{len(rows)} occurrences, {present} with a host present, queries {sorted(counts)}")
        return median

    with_host = measure("with gastvrouwAanwezig")
    original = BijeenkomstMetRoosterViewSet.with_extras
    BijeenkomstMetRoosterViewSet.with_extras = lambda self, bijeenkomsten: bijeenkomsten
    try:
        without = measure("annotation left out")
    finally:
        BijeenkomstMetRoosterViewSet.with_extras = original
    print(f"GASTVROUW COST: {with_host:.1f} ms against {without:.1f} ms: ratio {with_host / without:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
