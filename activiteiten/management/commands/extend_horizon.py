"""Extend the rolling horizon of occurrences; run daily (cron, systemd timer or the worker)."""

from django.core.management.base import BaseCommand, CommandError

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from activiteiten.services import bijeenkomsten_sync_many


class Command(BaseCommand):
    """Sync every published activity up to the horizon (settings.BIJEENKOMST_HORIZON_DAYS).

    Each activity is synced in its own transaction: one whose new dates clash with a room
    rental is reported and skipped, the others carry on. Exits with an error when any
    activity failed, so a scheduler notices. It also runs the database checks of the
    activiteiten app first: this is the command that runs every day, so a warning that
    the school holidays run out before the horizon reaches whoever reads its output.
    """

    help = "Materialise occurrences of every published activity up to the horizon."

    def handle(self, *args, **options):
        self.check(tags=["schoolvakanties"], databases=["default"])

        def progress(n, total, titel):
            if n % 100 == 0 or n == total or options["verbosity"] > 1:
                self.stdout.write(f"[{n}/{total}] {titel}")

        summary, failed, activiteiten = bijeenkomsten_sync_many(
            activiteiten=Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD),
            on_progress=progress,
        )
        for failure in failed:
            self.stderr.write(failure)
        self.stdout.write(
            self.style.SUCCESS(
                f"{activiteiten} activities synced: "
                f"{summary.created} occurrences created, "
                f"{summary.updated} updated, {summary.deleted} deleted, "
                f"{len(summary.cancelled)} cancelled "
                f"({len(summary.registrations_to_notify)} registrations to notify), "
                f"{len(failed)} failed."
            )
        )
        if failed:
            raise CommandError(f"{len(failed)} activities could not be synced:\n" + "\n".join(failed))
