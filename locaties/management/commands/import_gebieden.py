"""Import the CBS division into gemeenten, wijken and buurten: codes and names.

    python manage.py import_gebieden --gemeenten gemeenten_2025.csv \\
        --wijken wijken_2025.csv --buurten buurten_2025.csv [--gemeente GM0935]

The files are the CBS gebiedsindeling lists (``gemeentecode,gemeentenaam``,
``wijkcode,wijknaam``, ``buurtcode,buurtnaam``). CBS codes nest (BU + gemeente + wijk +
buurt), so a wijk's gemeente and a buurt's wijk follow from the code. Existing rows are
updated by code, so a second run changes nothing; key figures and boundaries are kept.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from locaties.importers import (
    ImportFileError,
    Progress,
    SeenOnce,
    gemeentecode_of,
    parse_code,
    parse_name,
    read_csv,
    source_name,
    wijkcode_of_buurt,
    year_from,
)
from locaties.models import Buurt, Gemeente, Wijk

KINDS = ("gemeente", "wijk", "buurt")
OPTION = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}


class Command(BaseCommand):
    help = (
        "Import CBS gemeenten, wijken and buurten (codes and names) from the CBS "
        "gebiedsindeling CSV files. Atomic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeenten", metavar="CSV", help="gemeentecode,gemeentenaam")
        parser.add_argument("--wijken", metavar="CSV", help="wijkcode,wijknaam")
        parser.add_argument("--buurten", metavar="CSV", help="buurtcode,buurtnaam")
        parser.add_argument(
            "--jaar", type=int,
            help="Year of the division (default: the year in each file name).",
        )
        parser.add_argument(
            "--gemeente", action="append", default=[], metavar="GM0000",
            help="Import only the rows of this gemeente (repeatable).",
        )

    def handle(self, *args, **options):
        files = {kind: options[OPTION[kind]] for kind in KINDS}
        if not any(files.values()):
            raise CommandError(_("Give at least one of --gemeenten, --wijken, --buurten."))
        only = {parse_code("--gemeente", None, None, code, "gemeente") for code in options["gemeente"]}
        with transaction.atomic():
            counts = {}
            for kind in KINDS:
                if files[kind]:
                    counts[kind] = self.import_kind(kind, files[kind], options["jaar"], only)
        for kind, (created, updated) in counts.items():
            self.stdout.write(
                _("%(kind)s: %(created)s created, %(updated)s updated")
                % {"kind": kind, "created": created, "updated": updated}
            )

    def import_kind(self, kind: str, path: str, jaar: int | None, only: set[str]) -> tuple[int, int]:
        source = source_name(path)
        year = year_from(path, jaar)
        code_field, name_field = f"{kind}code", f"{kind}naam"
        rows: dict[str, tuple[int, str]] = {}
        seen = SeenOnce(source)
        progress = Progress(self.stdout, source)
        for line, row in read_csv(path, required=[code_field, name_field]):
            progress.step()
            code = parse_code(source, line, code_field, row[code_field], kind)
            if only and gemeentecode_of(code) not in only:
                continue
            seen.check(code, line, code_field, _("%(code)s appears twice (first on line %(first)s)"), code=code)
            rows[code] = (line, parse_name(source, line, name_field, row[name_field]))

        model = {"gemeente": Gemeente, "wijk": Wijk, "buurt": Buurt}[kind]
        existing = set(model.objects.filter(code__in=rows).values_list("code", flat=True))
        objects = []
        if kind == "gemeente":
            objects = [Gemeente(code=code, naam=naam, jaar=year) for code, (_line, naam) in rows.items()]
            update_fields = ["naam", "jaar"]
        elif kind == "wijk":
            gemeenten = dict(Gemeente.objects.values_list("code", "id"))
            for code, (line, naam) in rows.items():
                gemeente_id = self.parent_id(gemeenten, gemeentecode_of(code), source, line, code_field, "gemeenten")
                objects.append(Wijk(code=code, naam=naam, jaar=year, gemeente_id=gemeente_id))
            update_fields = ["naam", "jaar", "gemeente"]
        else:
            wijken = dict(Wijk.objects.values_list("code", "id"))
            gemeenten = dict(Gemeente.objects.values_list("code", "id"))
            for code, (line, naam) in rows.items():
                wijk_id = self.parent_id(wijken, wijkcode_of_buurt(code), source, line, code_field, "wijken")
                gemeente_id = self.parent_id(gemeenten, gemeentecode_of(code), source, line, code_field, "gemeenten")
                objects.append(
                    Buurt(code=code, naam=naam, jaar=year, wijk_id=wijk_id, gemeente_id=gemeente_id)
                )
            update_fields = ["naam", "jaar", "wijk", "gemeente"]
        # One statement per batch instead of a query per row: the national lists hold
        # ~15,000 buurten. ON CONFLICT (code) DO UPDATE leaves other columns alone.
        model.objects.bulk_create(
            objects, batch_size=2000, update_conflicts=True, unique_fields=["code"],
            update_fields=update_fields,
        )
        return len(rows) - len(existing), len(existing)

    @staticmethod
    def parent_id(known: dict[str, int], code: str, source: str, line: int, field: str, what: str) -> int:
        try:
            return known[code]
        except KeyError:
            raise ImportFileError(
                source, line, field,
                _("%(code)s is not known; import the %(what)s first") % {"code": code, "what": what},
            ) from None
