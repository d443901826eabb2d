"""``manage.py erase_expired_contact``: the daily erasure of contact data, for cron."""

from django.core.management.base import BaseCommand

from ontmoeting.privacy import expired_contact_erase, retention_periods


class Command(BaseCommand):
    """Erase the contact data of registrations, wishes and rentals whose retention period
    has passed (AANMELDING_RETENTION_DAYS, WENS_RETENTION_DAYS, RESERVERING_RETENTION_DAYS),
    with their copies in the admin's history and the task queue.

    The task worker runs the same every night; this command is for installs that run no
    worker or prefer cron. Safe to repeat and to run beside the worker.
    """

    help = "Erase contact data of registrations, wishes and rentals past their retention period."

    def handle(self, *args, **options):
        periods = retention_periods()
        counts = expired_contact_erase()
        self.stdout.write(self.style.SUCCESS(
            f"{counts} (kept: registrations {periods.aanmelding_days} days after the occurrence, "
            f"wishes {periods.wens_days} days, rentals {periods.reservering_days} days after they end)."
        ))
