"""The roster's daily job on the task queue (``ontmoeting.tasks.vrijwilligers_dagtaak``):
planned once a day by the worker, like the daily erasure, and doing the day's work on a
frozen clock: host shifts, tomorrow's reminders, unfilled shifts, retention."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult

from locaties.constants import Rol
from ontmoeting.tasks import next_daily_run, vrijwilligers_dagtaak, vrijwilligers_dagtaak_schedule_next
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import LidmaatschapFactory, LocatieFactory
from tests.moments import parse_moment
from tests.vrijwilligers.factories import VrijwilligerFactory
from vrijwilligers.constants import Taak
from vrijwilligers.models import Dienst
from vrijwilligers.services import inzet_create

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_the_worker_keeps_one_daily_round_planned(settings):
    settings.TASKS = DATABASE_TASKS
    settings.VRIJWILLIGERS_DAGTAAK_AT = "07:00"
    assert vrijwilligers_dagtaak_schedule_next() is not None
    assert vrijwilligers_dagtaak_schedule_next() is None  # a second worker plans no second round
    planned = DBTaskResult.objects.get(task_path=vrijwilligers_dagtaak.module_path)
    assert planned.status == "READY" and planned.run_after == next_daily_run(timezone.now(), "07:00")
    assert timezone.localtime(planned.run_after).strftime("%H:%M") == "07:00"


def test_the_worker_plans_it_when_it_starts(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(library.Command, "handle", lambda self, *args, **options: None)
    call_command("db_worker", "--batch")
    assert DBTaskResult.objects.filter(task_path=vrijwilligers_dagtaak.module_path, status="READY").count() == 1


@pytest.mark.frozen_at("2026-12-01 07:00")
def test_the_days_work_host_shifts_then_reminders_and_gaps(django_capture_on_commit_callbacks):
    locatie = LocatieFactory(naam="Buurthuis Wyck")
    coordinator = LidmaatschapFactory(organisatie=locatie.beheerder, rol=Rol.COORDINATOR).user
    # An open inloop on Wednesdays from tomorrow: its host shifts are made first.
    activiteit = make_activiteit(locatie=locatie, titel="Open inloop", soort="open_inloop",
                                 start=parse_moment("2026-12-02 10:00"), rrule="FREQ=WEEKLY;BYDAY=WE")
    assert not Dienst.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        vrijwilligers_dagtaak.call()
    diensten = Dienst.objects.filter(bijeenkomst__activiteit=activiteit, taak=Taak.GASTVROUW).order_by("start")
    assert diensten.count() == 8
    (gaten,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert "10:00" in gaten.body  # tomorrow's new host shift still needs someone
    mail.outbox.clear()
    mien = VrijwilligerFactory(email="mien@example.nl", organisaties=[locatie.beheerder])
    inzet_create(dienst=diensten[0], vrijwilliger=mien)
    with django_capture_on_commit_callbacks(execute=True):
        vrijwilligers_dagtaak.call()
    assert Dienst.objects.count() == 8  # no second round of shifts
    (herinnering,) = [m for m in mail.outbox if m.to == ["mien@example.nl"]]
    assert "Buurthuis Wyck" in herinnering.body and "10:00" in herinnering.body


def test_the_command_for_cron_runs_the_same(capsys):
    call_command("vrijwilligers_herinner")
    out = capsys.readouterr().out
    assert "0 host shifts made, 0 reminders, 0 organisations" in out and "0 erased" in out


def test_a_later_day_reminds_of_that_days_morrow(frozen_clock, django_capture_on_commit_callbacks):
    locatie = LocatieFactory()
    make_activiteit(locatie=locatie, soort="open_inloop", start=parse_moment("2026-12-09 10:00"),
                    rrule="FREQ=WEEKLY;BYDAY=WE")
    vrijwilligers_dagtaak.call()
    dienst = Dienst.objects.order_by("start").first()
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(email="a@example.nl",
                                                                 organisaties=[locatie.beheerder]))
    with django_capture_on_commit_callbacks(execute=True):
        vrijwilligers_dagtaak.call()
    assert not [m for m in mail.outbox if m.to == ["a@example.nl"]]  # a week ahead: not yet
    frozen_clock.move_to(dienst.start - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        vrijwilligers_dagtaak.call()
    assert [m for m in mail.outbox if m.to == ["a@example.nl"]]
