"""Extend the rolling horizon of occurrences; run daily (cron, systemd timer or the worker)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from activiteiten.services import SyncResult, bijeenkomsten_sync


class Command(BaseCommand):
    """Sync every published activity up to the horizon (settings.BIJEENKOMST_HORIZON_DAYS).

    Each activity is synced in its own transaction: one whose new dates clash with a room
    rental is reported and skipped, the others carry on. Exits with an error when any
    activity failed, so a scheduler notices.
    """

    help = "Materialise occurrences of every published activity up to the horizon."

    def handle(self, *args, **options):
        ids = list(
            Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD)
            .order_by("pk")
            .values_list("pk", "titel")
        )
        total = len(ids)
        summary = SyncResult()
        failed: list[str] = []
        for n, (pk, titel) in enumerate(ids, start=1):
            try:
                summary += bijeenkomsten_sync(activiteit=Activiteit(pk=pk))
            except ValidationError as error:
                failed.append(f"{titel} (#{pk}): {' '.join(error.messages)}")
                self.stderr.write(f"[{n}/{total}] {titel}: {' '.join(error.messages)}")
                continue
            if n % 100 == 0 or n == total or options["verbosity"] > 1:
                self.stdout.write(f"[{n}/{total}] {titel}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} activities synced: {summary.created} occurrences created, "
                f"{summary.updated} updated, {summary.deleted} deleted, "
                f"{len(summary.cancelled)} cancelled "
                f"({len(summary.registrations_to_notify)} registrations to notify), "
                f"{len(failed)} failed."
            )
        )
        if failed:
            raise CommandError(f"{len(failed)} activities could not be synced:\n" + "\n".join(failed))
