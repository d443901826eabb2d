"""``manage.py vrijwilligers_herinner``: the roster's daily job, for cron where no task
worker runs (the worker schedules it itself: ``ontmoeting.tasks.vrijwilligers_dagtaak``).
The open inloop's coming dates get their host shifts, each volunteer is reminded of
tomorrow's shifts, each organisation's coordinators hear which shifts of the coming seven
days still need people, and volunteers with no shift in 24 months are asked to stay on
(and erased 30 days later without an answer)."""

from django.core.management.base import BaseCommand

from vrijwilligers.services import vrijwilligers_dagelijks


class Command(BaseCommand):
    """Run ``vrijwilligers_dagelijks`` once."""

    help = "The roster's daily job: host shifts, reminders, unfilled shifts, retention."

    def handle(self, *args, **options):
        self.stdout.write(f"{vrijwilligers_dagelijks()}.")
