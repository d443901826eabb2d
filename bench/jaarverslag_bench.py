"""The annual report, against issue 15's budgets.

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/jaarverslag_bench.py [--runs 10]

On the national set (``national.py``, generated first when missing), in one process with
DEBUG off, through Django's test client, after one warm-up request, it prints the median
(min, max) of ``--runs`` requests and the SQL queries of:

1. a board's report (``/beheer/<org>/jaarverslag/``) for one place with five years of
   data: a place of the national set is moved to its own organisation
   (``bench-jaarverslag``) and its weekly activities get 260 past weeks of occurrences
   with attendance (bulk SQL, once); the report for those five years and for last year,
   whose query counts must be the same (constant queries). Budget: median < 500 ms.
2. the gemeente's overview (``/gemeente/GM0363/jaarverslag/``, Amsterdam, every published
   place with its unique coverage, the coverage computed once first) for the year of the
   national occurrences. Budget: median < 2 s.
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
os.environ.setdefault("EMBEDDED_DB_NAME", "bench_nl")

import national  # noqa: E402  (after the environment above)

PLACE_BUDGET_MS, GEMEENTE_BUDGET_MS = 500.0, 2000.0
SLUG, AMSTERDAM_CODE, PAST_WEEKS = "bench-jaarverslag", "GM0363", 260


def make_data() -> None:
    """The place with five years of past occurrences, its board member and an official
    of Amsterdam (idempotent)."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 Django is set up in main() first
    from django.db import connection, transaction  # noqa: PLC0415 idem

    from activiteiten.models import Activiteit, Bijeenkomst  # noqa: PLC0415 idem
    from locaties.constants import Rol  # noqa: PLC0415 idem
    from locaties.models import Gemeente, Gemeentemedewerker, Lidmaatschap, Locatie, Organisatie  # noqa: PLC0415 idem
    from ontmoeting.dekking.compute import dekking_compute  # noqa: PLC0415 idem
    from ontmoeting.models import LocatieDekking  # noqa: PLC0415 idem

    users = get_user_model().objects
    amsterdam = Gemeente.objects.get(code=AMSTERDAM_CODE)
    official, _created = users.get_or_create(username="bench-ambtenaar@example.nl")
    Gemeentemedewerker.objects.get_or_create(user=official, gemeente=amsterdam)
    if not LocatieDekking.objects.filter(locatie__buurt__gemeente=amsterdam).exists():
        print(f"coverage of Amsterdam: {dekking_compute(gemeente=amsterdam).seconds:.1f} s")
    if Organisatie.objects.filter(slug=SLUG).exists():
        return
    with transaction.atomic():
        organisatie = Organisatie.objects.create(naam="Bench Jaarverslag", slug=SLUG, soort="stichting")
        bestuur, _created = users.get_or_create(username="bench-jaarverslag@example.nl")
        Lidmaatschap.objects.create(user=bestuur, organisatie=organisatie, rol=Rol.BESTUUR)
        plek = Locatie.objects.filter(gepubliceerd=True, activiteiten__isnull=False).order_by("pk").first()
        Locatie.objects.filter(pk=plek.pk).update(beheerder=organisatie)
        Activiteit.objects.filter(locatie=plek).update(organisator=organisatie)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Bijeenkomst._meta.db_table} (activiteit_id, origineel_start, start, eind, verplaatst, "
                "geannuleerd, ruimte_id, ruimte_afwijkend, reservering_id, notitie, aanwezigen) "
                "SELECT a.id, s.t, s.t, s.t + a.duur, false, random() < 0.02, a.ruimte_id, false, NULL, '', "
                "CASE WHEN random() < 0.1 THEN NULL ELSE (random() * 30)::int END "
                f"FROM {Activiteit._meta.db_table} a CROSS JOIN generate_series(1, %s) k "
                "CROSS JOIN LATERAL (SELECT ((a.start AT TIME ZONE 'Europe/Amsterdam') - k * interval '7 days') "
                "AT TIME ZONE 'Europe/Amsterdam' AS t) s WHERE a.locatie_id = %s",
                [PAST_WEEKS, plek.pk],
            )
            print(f"{cursor.rowcount:,} past occurrences for {plek.naam}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The annual report of a place and of Amsterdam.")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)

    national.setup_django()
    from django.conf import settings  # noqa: PLC0415 after django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 idem
    from django.core.management import call_command  # noqa: PLC0415 idem
    from django.db import connection  # noqa: PLC0415 idem
    from django.test import Client  # noqa: PLC0415 idem
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 idem
    from django.utils import timezone  # noqa: PLC0415 idem

    from activiteiten.models import Bijeenkomst  # noqa: PLC0415 idem
    from locaties.models import Locatie  # noqa: PLC0415 idem

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if not Locatie.objects.exists():
        national.main([])
    make_data()
    today = timezone.localdate()
    n = Bijeenkomst.objects.filter(activiteit__locatie__beheerder__slug=SLUG).count()
    print(f"DEBUG={settings.DEBUG}, database {connection.settings_dict['NAME']}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {SLUG}: {n:,} occurrences")

    def measure(client, label, url):
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
        print(f"  {label:<24} {url:<72} median {median:.1f} ms (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}), {len(response.content) / 1024:.0f} KiB, {count} queries")
        return median, count

    board = Client(HTTP_HOST="127.0.0.1")
    board.force_login(get_user_model().objects.get(username="bench-jaarverslag@example.nl"))
    vijf = f"/beheer/{SLUG}/jaarverslag/?van={today - timedelta(days=5 * 365)}&tot={today - timedelta(days=1)}"
    lang = measure(board, "five years", vijf)
    kort = measure(board, "last year", f"/beheer/{SLUG}/jaarverslag/?jaar={today.year - 1}")
    worst = max(lang[0], kort[0])
    print(f"JAARVERSLAG PLACE: worst median {worst:.1f} ms, budget < {PLACE_BUDGET_MS:.0f} ms: "
          f"{national.verdict(worst < PLACE_BUDGET_MS)}")
    print(f"JAARVERSLAG PLACE QUERIES: {lang[1]} five years, {kort[1]} last year, budget: constant: "
          f"{national.verdict(lang[1] == kort[1])}")

    official = Client(HTTP_HOST="127.0.0.1")
    official.force_login(get_user_model().objects.get(username="bench-ambtenaar@example.nl"))
    plekken = Locatie.objects.published().filter(buurt__gemeente__code=AMSTERDAM_CODE).count()
    print(f"Amsterdam: {plekken} published places")
    url = f"/gemeente/{AMSTERDAM_CODE}/jaarverslag/?van={today - timedelta(days=7)}&tot={today + timedelta(days=358)}"
    gemeente = measure(official, "Amsterdam, a year", url)
    print(f"JAARVERSLAG GEMEENTE: median {gemeente[0]:.1f} ms, budget < {GEMEENTE_BUDGET_MS:.0f} ms: "
          f"{national.verdict(gemeente[0] < GEMEENTE_BUDGET_MS)}")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
