"""Import CBS key figures per buurt: residents, homes and (when given) residents aged 65+.

    python manage.py import_kerncijfers kerncijfers_buurten_2025.csv [--jaar 2025]

Columns: ``buurtcode,inwoners,woningen`` with optional ``buurtnaam`` (ignored: the
division is imported separately) and ``inwoners_65plus``. CBS leaves small buurten out
or withholds figures ("." or empty): those stay empty. Without an ``inwoners_65plus``
column the stored figure is kept (``import_bevolkingspunten --buurt-65plus`` can fill it).
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from locaties.importers import (
    ImportFileError,
    Progress,
    SeenOnce,
    parse_code,
    parse_count,
    read_csv,
    source_name,
    year_from,
)
from locaties.models import Buurt


class Command(BaseCommand):
    help = (
        "Import CBS key figures per buurt (CSV buurtcode,buurtnaam,inwoners,woningen"
        "[,inwoners_65plus]). Atomic and idempotent; the buurten must exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="CSV")
        parser.add_argument("--jaar", type=int, help="Year of the figures (default: year in the file name).")
        parser.add_argument(
            "--skip-unknown", action="store_true",
            help="Skip rows of buurten that are not in the database instead of stopping.",
        )

    def handle(self, *args, path, jaar, skip_unknown, **options):
        source = source_name(path)
        year = year_from(path, jaar)
        buurten = {buurt.code: buurt for buurt in Buurt.objects.all()}
        progress = Progress(self.stdout, source)
        changed: dict[str, Buurt] = {}
        seen = SeenOnce(source)
        skipped = 0
        for line, row in read_csv(path, required=["buurtcode", "inwoners", "woningen"]):
            progress.step()
            code = parse_code(source, line, "buurtcode", row["buurtcode"], "buurt")
            seen.check(code, line, "buurtcode", _("%(code)s appears twice (first on line %(first)s)"), code=code)
            buurt = buurten.get(code)
            if buurt is None:
                if skip_unknown:
                    skipped += 1
                    continue
                raise ImportFileError(
                    source, line, "buurtcode",
                    _("buurt %(code)s is not known; import the buurten first") % {"code": code},
                )
            buurt.inwoners = parse_count(source, line, "inwoners", row["inwoners"], allow_missing=True)
            buurt.woningen = parse_count(source, line, "woningen", row["woningen"], allow_missing=True)
            if "inwoners_65plus" in row:
                buurt.inwoners_65plus = parse_count(
                    source, line, "inwoners_65plus", row["inwoners_65plus"], allow_missing=True
                )
            if (
                buurt.inwoners is not None
                and buurt.inwoners_65plus is not None
                and buurt.inwoners_65plus > buurt.inwoners
            ):
                field = "inwoners_65plus" if "inwoners_65plus" in row else "inwoners"
                raise ImportFileError(
                    source, line, field,
                    _("%(old)s residents aged 65+ is more than %(all)s residents")
                    % {"old": buurt.inwoners_65plus, "all": buurt.inwoners},
                )
            buurt.kerncijfers_jaar = year
            changed[code] = buurt

        with transaction.atomic():
            Buurt.objects.bulk_update(
                changed.values(), ["inwoners", "woningen", "inwoners_65plus", "kerncijfers_jaar"],
                batch_size=2000,
            )
        message = _("%(file)s: key figures of %(count)s buurten imported") % {"file": source, "count": len(changed)}
        if skipped:
            message += " " + _("(%(skipped)s rows of unknown buurten skipped)") % {"skipped": skipped}
        self.stdout.write(message)
