"""Recompute the coverage (dekking) of meeting places and store it.

    python manage.py compute_dekking --gemeente GM0935
    python manage.py compute_dekking --all

``--all`` computes every buurt of the country in one pass (one KD-tree), which is
faster than gemeente by gemeente and counts places across gemeente borders alike.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from locaties.models import Gemeente
from ontmoeting.dekking.compute import dekking_compute


class Command(BaseCommand):
    help = "Recompute the coverage of meeting places for one gemeente (--gemeente GM0935) or all (--all)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--gemeente", metavar="GM####", help="Gemeente code, e.g. GM0935.")
        target.add_argument("--all", action="store_true", help="Every buurt of every gemeente.")

    def handle(self, *args, gemeente=None, all=False, **options):
        if all:
            self.stdout.write(_("Computing coverage for every gemeente…"))
            result = dekking_compute()
        else:
            found = Gemeente.objects.filter(code=gemeente.strip().upper()).first()
            if found is None:
                raise CommandError(_("Unknown gemeente code: %(code)s") % {"code": gemeente})
            self.stdout.write(_("Computing coverage for %(naam)s…") % {"naam": found.naam})
            result = dekking_compute(gemeente=found)
        self.stdout.write(
            _("%(buurten)s buurten, %(punten)s population points, %(locaties)s places that count; "
              "%(seconds).2f s")
            % {"buurten": result.buurten, "punten": result.punten, "locaties": result.locaties,
               "seconds": result.seconds}
        )
