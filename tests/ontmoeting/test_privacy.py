"""Erasure leaves no copy anywhere: every text column of every table is searched.

Also the daily erasure of expired contact data (``ontmoeting.privacy``), its command
for cron and the task the worker keeps planning for itself (``ontmoeting.tasks``).
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from activiteiten.models import Aanmelding, Wens
from activiteiten.services import aanmelding_create, wens_create
from locaties.models import Reservering
from ontmoeting.privacy import expired_contact_erase
from ontmoeting.tasks import next_daily_run, privacy_erase_expired, privacy_schedule_next
from tests.activiteiten.factories import BuurtFactory, make_activiteit_met_aanmelding
from tests.locaties.factories import ReserveringFactory, UserFactory
from tests.ontmoeting.worker_tasks import echo
from tests.vrijwilligers.factories import DienstFactory, InzetFactory, VrijwilligerFactory
from vrijwilligers.models import Vrijwilliger
from vrijwilligers.services import vrijwilliger_erase

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# One person in each role, with values no factory would make up.
VRIJWILLIGER = ("Marijke Zwanenburg", "marijke.zwanenburg@example.nl", "0687654321")
REGISTRANT = ("Kees Brouwersgracht", "kees.brouwersgracht@example.nl", "0611223344")
WENSER = ("Fatima Ouderkerk", "fatima.ouderkerk@example.nl")
HUURDER = ("Koor De Heerlijkheid", "secretaris.heerlijkheid@example.nl", "0433219876")
EVERYONE = VRIJWILLIGER + REGISTRANT + WENSER + HUURDER


def text_columns() -> list[tuple[str, str]]:
    """Every column of every table that can hold text: (var)char, text, JSON and arrays of text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
            "AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') "
            "     OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar'))) "
            "ORDER BY 1, 2"
        )
        return cursor.fetchall()


def dump_hits(values) -> dict[str, list[str]]:
    """Which value is found in which ``table.column``, reading every row of every text column."""
    hits: dict[str, list[str]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in text_columns():
            for value in values:
                cursor.execute(
                    f"SELECT count(*) FROM {quote(table)} WHERE {quote(column)}::text ILIKE %s",
                    [f"%{value}%"],
                )
                if cursor.fetchone()[0]:
                    hits.setdefault(value, []).append(f"{table}.{column}")
    return hits


def _log_as_admin(obj, message="[]"):
    """What the admin writes when staff changes ``obj``: its name as it is, the message."""
    request = RequestFactory().post("/admin/")
    request.user = UserFactory(username="beheer-platform", is_staff=True, is_superuser=True)
    admin.site._registry[type(obj)].log_change(request, obj, message)


def _people(settings):
    """Each person, with the copies a real platform makes of them: the admin's history and
    the task queue (a queued mail carrying the address, a failed one's traceback)."""
    settings.TASKS = DATABASE_TASKS
    naam, email, telefoon = VRIJWILLIGER
    user = UserFactory(username=email, email=email, first_name="Marijke", last_name="Zwanenburg")
    vrijwilliger = VrijwilligerFactory(naam=naam, email=email, telefoon=telefoon, user=user)
    verleden = DienstFactory(start=timezone.now() - timedelta(days=7), eind=timezone.now() - timedelta(days=7, hours=-2))
    InzetFactory(vrijwilliger=vrijwilliger, dienst=verleden)
    InzetFactory(vrijwilliger=vrijwilliger)  # a future shift
    _log_as_admin(vrijwilliger, f'[{{"changed": {{"fields": ["telefoon"]}}}}, "was 06-{telefoon[2:]}, now {telefoon}"]')
    _log_as_admin(vrijwilliger.inzetten.first())

    bijeenkomst = make_activiteit_met_aanmelding(capaciteit=5).bijeenkomsten.order_by("start").first()
    naam, email, telefoon = REGISTRANT
    aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, naam=naam, email=email, telefoon=telefoon)
    _log_as_admin(aanmelding)

    wens_create(buurt=BuurtFactory(), tekst="Een moestuin", contact_naam=WENSER[0], contact_email=WENSER[1])

    naam, email, telefoon = HUURDER
    reservering = ReserveringFactory(
        huurder_naam=naam, huurder_email=email, huurder_telefoon=telefoon,
        opmerking=f"Bel {naam} op {telefoon}",
    )
    _log_as_admin(reservering, f"Tenant {naam} asked to move it")

    for value in (VRIJWILLIGER[1], REGISTRANT[1], WENSER[1], HUURDER[1]):
        echo.enqueue(value)  # a mail still to go out: the address in its arguments
    DBTaskResult.objects.create(
        status="FAILED", args_kwargs={"args": [aanmelding.pk], "kwargs": {}}, task_path="x.mail",
        queue_name="default", backend_name="default", exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback=f"SMTPRecipientsRefused: {{'{REGISTRANT[1]}': (550, b'{REGISTRANT[0]} unknown')}}",
    )
    return vrijwilliger


def test_after_erasure_no_text_column_of_any_table_holds_a_name_an_address_or_a_phone(settings, frozen_clock):
    vrijwilliger = _people(settings)
    before = dump_hits(EVERYONE)
    # The search finds every value while it is there, or its silence would prove nothing.
    assert set(before) == set(EVERYONE), set(EVERYONE) - set(before)
    assert "django_admin_log.object_repr" in before[VRIJWILLIGER[0]]
    assert "django_admin_log.change_message" in before[VRIJWILLIGER[2]]
    assert "django_tasks_database_dbtaskresult.args_kwargs" in before[REGISTRANT[1]]
    assert "django_tasks_database_dbtaskresult.traceback" in before[REGISTRANT[0]]
    assert "auth_user.username" in before[VRIJWILLIGER[1]]

    vrijwilliger_erase(vrijwilliger=vrijwilliger)
    frozen_clock.shift(timedelta(days=max(
        settings.AANMELDING_RETENTION_DAYS, settings.WENS_RETENTION_DAYS, settings.RESERVERING_RETENTION_DAYS,
    ) + 30))
    call_command("erase_expired_contact", stdout=open("/dev/null", "w"))

    columns = text_columns()
    tables = {table for table, _ in columns}
    print(f"\nerasure dump: {len(columns)} text columns in {len(tables)} tables searched "
          f"for {len(EVERYONE)} values; found before erasure: {sum(map(len, before.values()))} "
          "value-column hits")
    assert dump_hits(EVERYONE) == {}
    assert len(tables) >= 30 and {"django_admin_log", "django_tasks_database_dbtaskresult", "auth_user"} <= tables
    # What must stay, stays: the rows themselves, for hours and figures.
    assert Vrijwilliger.objects.filter(pk=vrijwilliger.pk, gewist_op__isnull=False).exists()
    assert Aanmelding.objects.filter(contact_gewist_op__isnull=False).count() == 1
    assert Wens.objects.get().tekst == "Een moestuin"
    assert Reservering.objects.filter(soort="verhuur").get().prijs is not None
    assert LogEntry.objects.count() == 4


@pytest.mark.awkward_moments
def test_the_daily_erasure_keeps_each_period_of_its_own_setting(settings, frozen_clock):
    settings.AANMELDING_RETENTION_DAYS, settings.WENS_RETENTION_DAYS, settings.RESERVERING_RETENTION_DAYS = 10, 20, 30
    bijeenkomst = make_activiteit_met_aanmelding(capaciteit=5).bijeenkomsten.order_by("start").first()
    aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, naam="Kees", email="kees@example.nl")
    wens = wens_create(buurt=BuurtFactory(), tekst="Een moestuin", contact_email="f@example.nl")
    reservering = ReserveringFactory(start=bijeenkomst.eind, eind=bijeenkomst.eind + timedelta(hours=2))

    deadlines = sorted([
        (bijeenkomst.eind + timedelta(days=10), aanmelding),
        (wens.aangemaakt + timedelta(days=20), wens),
        (reservering.periode.upper + timedelta(days=30), reservering),
    ], key=lambda deadline: deadline[0])
    for deadline, row in deadlines:
        frozen_clock.move_to(deadline - timedelta(minutes=1))
        expired_contact_erase()
        row.refresh_from_db()
        assert row.contact_gewist_op is None, type(row)
        frozen_clock.move_to(deadline + timedelta(minutes=1))
        expired_contact_erase()
        row.refresh_from_db()
        assert row.contact_gewist_op is not None, type(row)
    for row in (aanmelding, wens, reservering):
        row.refresh_from_db()
    assert (aanmelding.naam, aanmelding.email) == ("", "")
    assert (wens.contact_email, wens.tekst) == ("", "Een moestuin")
    assert (reservering.huurder_naam, reservering.huurder_email, reservering.opmerking) == ("[gewist]", "", "")


def test_the_command_reports_what_it_erased_and_the_periods(settings, capsys):
    settings.AANMELDING_RETENTION_DAYS = 7
    call_command("erase_expired_contact")
    out = capsys.readouterr().out
    assert "0 registrations, 0 wishes and 0 rentals erased" in out
    assert "registrations 7 days after the occurrence" in out


@pytest.mark.frozen_at("2027-03-27T12:00")
def test_the_next_daily_run_is_at_the_set_local_time_across_daylight_saving(settings):
    settings.PRIVACY_ERASE_AT = "03:30"
    first = next_daily_run(timezone.now())
    assert timezone.localtime(first).isoformat() == "2027-03-28T03:30:00+02:00"  # the night the clocks go forward
    assert timezone.localtime(next_daily_run(first)).isoformat() == "2027-03-29T03:30:00+02:00"
    assert next_daily_run(first - timedelta(minutes=1)) == first


def _run_like_the_worker(result: DBTaskResult) -> None:
    """What ``db_worker`` does with a task that is due: claim it, run it, save the result."""
    result.claim("test-worker")
    Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run_task(result)


def test_the_worker_keeps_one_daily_erasure_planned_and_runs_it(settings, frozen_clock):
    settings.TASKS = DATABASE_TASKS
    settings.AANMELDING_RETENTION_DAYS = 1
    bijeenkomst = make_activiteit_met_aanmelding(capaciteit=5).bijeenkomsten.order_by("start").first()
    aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, naam="Kees", telefoon="0611111111")
    daily = DBTaskResult.objects.filter(task_path=privacy_erase_expired.module_path)

    assert privacy_schedule_next() is not None
    assert privacy_schedule_next() is None  # a second worker starting plans no second run
    planned = daily.get()
    assert planned.status == "READY" and planned.run_after == next_daily_run(timezone.now())
    assert not DBTaskResult.objects.ready().filter(pk=planned.pk).exists()  # not due before its time

    frozen_clock.move_to(bijeenkomst.eind + timedelta(days=1, hours=12))
    DBTaskResult.objects.filter(pk=planned.pk).update(run_after=timezone.now())
    due = DBTaskResult.objects.ready().get(pk=planned.pk)
    _run_like_the_worker(due)

    due.refresh_from_db()
    assert due.status == "SUCCESSFUL", due.traceback
    assert due.return_value == "1 registrations, 0 wishes and 0 rentals erased"
    aanmelding.refresh_from_db()
    assert aanmelding.telefoon == "" and aanmelding.contact_gewist_op is not None
    following = daily.get(status="READY")
    assert following.run_after == next_daily_run(timezone.now())
    assert timezone.now() < following.run_after <= timezone.now() + timedelta(days=1)


def test_the_worker_plans_the_daily_erasure_when_it_starts(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(library.Command, "handle", lambda self, *args, **options: None)
    call_command("db_worker", "--batch")
    assert DBTaskResult.objects.filter(task_path=privacy_erase_expired.module_path, status="READY").count() == 1
