"""``manage.py vrijwilligers_herinner``: the daily mails of the roster. Run once a day
(cron or a scheduler): each volunteer is reminded of tomorrow's shifts, and each
organisation's coordinators hear which shifts of the coming seven days still need people."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from vrijwilligers.services import diensten_onvervuld_meld, inzetten_herinner


class Command(BaseCommand):
    """Send tomorrow's shift reminders (``inzetten_herinner``) and the unfilled-shift
    notices (``diensten_onvervuld_meld``)."""

    help = "Remind volunteers of tomorrow's shifts and tell coordinators of unfilled shifts."

    def handle(self, *args, **options):
        herinnerd = inzetten_herinner(dag=timezone.localdate() + timedelta(days=1))
        gemeld = diensten_onvervuld_meld()
        self.stdout.write(f"{herinnerd} reminders, {gemeld} organisations told of unfilled shifts.")
