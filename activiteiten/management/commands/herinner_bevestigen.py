"""``manage.py herinner_bevestigen``: the daily "loopt dit nog?" reminders, for cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from activiteiten.services import activiteiten_herinner


class Command(BaseCommand):
    """Mail the members of each organisation whose published activity reaches its
    confirmation deadline within ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN days, once per
    deadline, with a one-click link to confirm that it still runs.

    The task worker does the same every day at ACTIVITEIT_BEVESTIG_HERINNERING_AT; this
    command is for installs that run no worker or prefer cron. Safe to repeat and to run
    beside the worker: a deadline already reminded of gets no second mail.
    """

    help = "Remind organisations to confirm that their activities still run (once per deadline)."

    def handle(self, *args, **options):
        aantal = activiteiten_herinner()
        self.stdout.write(self.style.SUCCESS(
            f"{aantal} activities reminded of (deadline every {settings.ACTIVITEIT_BEVESTIG_WEKEN} weeks, "
            f"reminder {settings.ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN} days before)."
        ))
