"""Import population points (where residents live) and assign each to its buurt.

    python manage.py import_bevolkingspunten postcodes_pc6_2021.csv [--jaar 2021] [--buurt-65plus]

Columns: a key, ``inwoners,inwoners_65plus,woningen,lat,lon`` (WGS84). The key column
says what a point is: ``pc6`` (a 6-position postcode, e.g. CBS "Gegevens per postcode"),
``vierkant`` (a CBS 100 m grid square) or ``adres``. The buurt of each point follows
from the buurt boundaries by point-in-polygon; points outside every known buurt keep no
buurt and are counted. Points are created or updated by (kind, key): a second run
changes nothing.
"""

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from locaties import events
from locaties.constants import BevolkingspuntSoort
from locaties.geo import BuurtIndex
from locaties.importers import (
    ImportFileError,
    Progress,
    SeenOnce,
    csv_header,
    parse_coordinate,
    parse_count,
    parse_postcode,
    read_csv,
    source_name,
    year_from,
)
from locaties.models import Bevolkingspunt, Buurt

KEY_COLUMNS = {
    "pc6": BevolkingspuntSoort.POSTCODE,
    "vierkant": BevolkingspuntSoort.VIERKANT,
    "adres": BevolkingspuntSoort.ADRES,
}
BATCH = 2000
#: Up to this many gemeenten touched, each is recomputed; more, and all are at once.
RECOMPUTE_EACH_UP_TO = 20


class Command(BaseCommand):
    help = (
        "Import population points (CSV pc6|vierkant|adres,inwoners,inwoners_65plus,woningen,"
        "lat,lon) and assign each its buurt. Atomic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="CSV")
        parser.add_argument("--jaar", type=int, help="Year of the figures (default: year in the file name).")
        parser.add_argument(
            "--buurt-65plus", action="store_true",
            help=(
                "Afterwards set each buurt's residents aged 65+ to the sum over its points "
                "(at most its number of residents), for key figures that lack it."
            ),
        )

    def handle(self, *args, path, jaar, buurt_65plus, **options):
        source = source_name(path)
        year = year_from(path, jaar)
        header = csv_header(path)
        key_column = next((name for name in KEY_COLUMNS if name in header), "pc6")
        soort = KEY_COLUMNS[key_column]
        required = [key_column, "inwoners", "inwoners_65plus", "woningen", "lat", "lon"]

        index = BuurtIndex()
        progress = Progress(self.stdout, source)
        points: dict[str, Bevolkingspunt] = {}
        seen = SeenOnce(source)
        for line, row in read_csv(path, required=required):
            progress.step()
            if soort == BevolkingspuntSoort.POSTCODE:
                key = parse_postcode(source, line, key_column, row[key_column], spaced=False)
            else:
                key = row[key_column].strip()
                if not key or len(key) > 40:
                    raise ImportFileError(source, line, key_column, _("a key of 1 to 40 characters is needed"))
            seen.check(key, line, key_column, _("%(key)s appears twice (first on line %(first)s)"), key=key)
            inwoners = parse_count(source, line, "inwoners", row["inwoners"])
            inwoners_65plus = parse_count(source, line, "inwoners_65plus", row["inwoners_65plus"])
            woningen = parse_count(source, line, "woningen", row["woningen"])
            if inwoners_65plus > inwoners:
                raise ImportFileError(
                    source, line, "inwoners_65plus",
                    _("%(old)s residents aged 65+ is more than %(all)s residents")
                    % {"old": inwoners_65plus, "all": inwoners},
                )
            lat = parse_coordinate(source, line, "lat", row["lat"], latitude=True)
            lon = parse_coordinate(source, line, "lon", row["lon"], latitude=False)
            buurt = index.buurt_for_point(lat, lon)
            points[key] = Bevolkingspunt(
                soort=soort, sleutel=key, inwoners=inwoners, inwoners_65plus=inwoners_65plus,
                woningen=woningen, lat=lat, lon=lon, buurt_id=buurt.id if buurt else None, jaar=year,
            )

        stored = Bevolkingspunt.objects.filter(soort=soort, sleutel__in=list(points))
        existing = stored.count()
        # Coverage changes where the points are now and where they were before.
        buurt_ids = {point.buurt_id for point in points.values()} - {None}
        gemeente_ids = set(
            Buurt.objects.filter(Q(id__in=buurt_ids) | Q(id__in=stored.values("buurt_id")))
            .values_list("gemeente_id", flat=True).distinct()
        )
        with transaction.atomic():
            # ON CONFLICT (soort, sleutel) DO UPDATE in batches: a national file holds
            # about a million points, a query per row would take hours.
            Bevolkingspunt.objects.bulk_create(
                points.values(), batch_size=BATCH, update_conflicts=True,
                unique_fields=["soort", "sleutel"],
                update_fields=["inwoners", "inwoners_65plus", "woningen", "lat", "lon", "buurt", "jaar"],
            )
            if buurt_65plus:
                filled = self.fill_buurt_65plus({point.buurt_id for point in points.values()} - {None})
            # Coverage recomputed after the commit: per gemeente, or all at once for many.
            for gemeente_id in gemeente_ids if len(gemeente_ids) <= RECOMPUTE_EACH_UP_TO else [None]:
                events.notify_after_commit(gemeente_id)
        outside = sum(1 for point in points.values() if point.buurt_id is None)
        self.stdout.write(
            _("%(file)s: %(created)s points created, %(updated)s updated; %(outside)s outside every known buurt")
            % {"file": source, "created": len(points) - existing, "updated": existing, "outside": outside}
        )
        if buurt_65plus:
            self.stdout.write(_("Residents aged 65+ set for %(count)s buurten from their points") % {"count": filled})

    @staticmethod
    def fill_buurt_65plus(buurt_ids: set[int]) -> int:
        """Each buurt's 65+ as the sum over its points, capped at the buurt's residents.

        The cap keeps the check constraint: points and key figures may come from
        different years, so the sum can exceed a smaller, newer resident count.
        """
        sums = defaultdict(int)
        for row in (
            Bevolkingspunt.objects.filter(buurt_id__in=buurt_ids)
            .values("buurt_id")
            .annotate(total=Sum("inwoners_65plus"), n=Count("id"))
        ):
            sums[row["buurt_id"]] = row["total"] or 0
        buurten = list(Buurt.objects.filter(id__in=sums))
        for buurt in buurten:
            total = sums[buurt.id]
            buurt.inwoners_65plus = min(total, buurt.inwoners) if buurt.inwoners is not None else total
        Buurt.objects.bulk_update(buurten, ["inwoners_65plus"])
        return len(buurten)
