""""Loopt dit nog?" in the interfaces: the workspace's button, the public page behind the
reminder's link (a GET changes nothing), the public pages' "not confirmed recently",
leaving the calendars, feeds, API lists and coverage after the grace period, and the
daily reminder on the task queue."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from activiteiten.services import activiteiten_herinner
from activiteiten.tokens import activiteit_bevestig_token
from locaties.constants import Rol
from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.models import BuurtDekking
from ontmoeting.tasks import bevestig_herinneringen, bevestig_herinneringen_schedule_next, next_daily_run
from tests.activiteiten.factories import make_activiteit, tomorrow_at
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    LidmaatschapFactory,
    LocatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LINK = re.compile(r"http://testserver(/activiteiten/bevestigen/\S+)")


@pytest.fixture(autouse=True)
def weken(settings):
    settings.ACTIVITEIT_BEVESTIG_WEKEN = 8
    settings.ACTIVITEIT_BEVESTIG_GRATIE_WEKEN = 4
    settings.ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN = 14
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def buurt():
    return BuurtFactory(naam="Wyckerpoort", lat=50.85, lon=5.69, inwoners=300, inwoners_65plus=60)


@pytest.fixture
def locatie(org, buurt):
    return LocatieFactory(beheerder=org, naam="Buurthuis Wyck", buurt=buurt, lat=50.85, lon=5.69)


@pytest.fixture
def lid(org):
    return LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR, user=UserFactory(email="coord@example.nl")).user


@pytest.fixture
def activiteit(locatie):
    return make_activiteit(locatie=locatie, titel="Kienen", start=tomorrow_at(14), rrule="FREQ=WEEKLY")


def _bevestigd(activiteit, dagen_geleden: int) -> Activiteit:
    Activiteit.objects.filter(pk=activiteit.pk).update(
        laatst_bevestigd=timezone.localdate() - timedelta(days=dagen_geleden)
    )
    activiteit.refresh_from_db()
    return activiteit


def _week(activiteit) -> str:
    return timezone.localtime(activiteit.bijeenkomsten.order_by("start").first().start).date().isoformat()


# --- the workspace's button ------------------------------------------------------------------


def test_the_activity_page_and_the_list_have_the_button(client, lid, activiteit):
    client.force_login(lid)
    _bevestigd(activiteit, 60)
    url = reverse("beheer:activiteit-bevestigen", args=[activiteit.organisator.slug, activiteit.slug])
    page = client.get(reverse("beheer:activiteit", args=[activiteit.organisator.slug, activiteit.slug]), **EN)
    lijst = client.get(reverse("beheer:activiteiten", args=[activiteit.organisator.slug]), **EN)
    start = client.get(reverse("beheer:start", args=[activiteit.organisator.slug]), **EN)
    for response in (page, lijst, start):
        html = response.content.decode()
        assert f'action="{url}"' in html and "Yes, this is still running" in html
    assert "The public page now says “not confirmed recently”." in page.content.decode()


def test_the_button_confirms_and_says_so(client, lid, activiteit):
    client.force_login(lid)
    _bevestigd(activiteit, 60)
    url = reverse("beheer:activiteit-bevestigen", args=[activiteit.organisator.slug, activiteit.slug])
    assert client.get(url, **EN).status_code == 405
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd != timezone.localdate()

    response = client.post(url, {"terug": "lijst"}, follow=True, **EN)

    assert response.redirect_chain[-1][0] == reverse("beheer:activiteiten", args=[activiteit.organisator.slug])
    deadline = timezone.localdate() + timedelta(weeks=8)
    assert (f"“Kienen” is confirmed as still running. We will ask again before {deadline.day} "
            in response.content.decode())
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate()


def test_the_button_on_a_stopped_activity_says_why_not(client, lid, activiteit):
    client.force_login(lid)
    Activiteit.objects.filter(pk=activiteit.pk).update(status=ActiviteitStatus.GESTOPT)
    url = reverse("beheer:activiteit-bevestigen", args=[activiteit.organisator.slug, activiteit.slug])
    response = client.post(url, follow=True, **EN)
    assert response.redirect_chain[-1][0] == reverse("beheer:activiteit", args=[activiteit.organisator.slug, activiteit.slug])
    assert "is stopped, so there is nothing to confirm" in response.content.decode()
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd is None


def test_another_organisations_activity_answers_404(client, activiteit):
    other = LidmaatschapFactory(rol=Rol.BESTUUR).user
    client.force_login(other)
    response = client.post(reverse("beheer:activiteit-bevestigen", args=[activiteit.organisator.slug, activiteit.slug]))
    assert response.status_code == 404


# --- the public page behind the reminder's link -----------------------------------------------


def _link(activiteit, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        activiteiten_herinner()
    return LINK.search(mail.outbox[-1].body).group(1)


def test_the_link_asks_first_and_confirms_on_the_button_without_logging_in(
    client, lid, activiteit, django_capture_on_commit_callbacks,
):
    _bevestigd(activiteit, 50)
    url = _link(activiteit, django_capture_on_commit_callbacks)

    for _scanner in range(2):  # a mail scanner follows the link: nothing changes
        response = client.get(url, **EN)
        assert response.status_code == 200
        assert "Is this activity still running?" in response.content.decode()
        assert '<button type="submit" class="knop">Yes, this is still running</button>' in response.content.decode()
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate() - timedelta(days=50)

    response = client.post(url, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you: “Kienen” is confirmed as still running." in html
    assert "Confirmed: this activity is still running" in html
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate()


def test_a_used_link_says_so_and_changes_nothing(client, lid, activiteit, django_capture_on_commit_callbacks):
    _bevestigd(activiteit, 50)
    url = _link(activiteit, django_capture_on_commit_callbacks)
    client.post(url)
    Activiteit.objects.filter(pk=activiteit.pk).update(laatst_bevestigd=timezone.localdate() - timedelta(days=1))

    shown = client.get(url, **EN).content.decode()
    assert "This link has been used already" in shown and "Yes, this is still running</button>" not in shown
    response = client.post(url, **EN)
    assert response.status_code == 400 and "This link has been used already" in response.content.decode()
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate() - timedelta(days=1)


def test_a_bad_or_expired_link_says_so_and_changes_nothing(client, activiteit, frozen_clock):
    token = activiteit_bevestig_token(activiteit)
    bad = reverse("site:activiteit-bevestigen", args=[token[:-4] + "abcd"])
    for method in (client.get, client.post):
        response = method(bad, **EN)
        assert response.status_code == 404 and "This link does not work" in response.content.decode()
    frozen_clock.move_to(timezone.now() + timedelta(weeks=12, days=1))
    response = client.post(reverse("site:activiteit-bevestigen", args=[token]), **EN)
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd is None


def test_the_link_page_is_in_dutch_by_default(client, activiteit):
    html = client.get(reverse("site:activiteit-bevestigen", args=[activiteit_bevestig_token(activiteit)])).content.decode()
    assert "Loopt deze activiteit nog?" in html and "Ja, dit loopt nog" in html


# --- the public pages ----------------------------------------------------------------------


def test_past_the_deadline_the_public_pages_say_not_confirmed_recently(client, activiteit, buurt, locatie):
    pages = [
        reverse("site:activiteit", args=[activiteit.slug]),
        reverse("site:locatie", args=[locatie.slug]),
        reverse("site:buurt", args=[buurt.code]) + f"?week={_week(activiteit)}",
    ]
    _bevestigd(activiteit, 56)
    for url in pages:
        html = client.get(url, **EN).content.decode()
        assert "Kienen" in html and "Not confirmed recently" not in html, url
    _bevestigd(activiteit, 57)
    for url in pages:
        html = client.get(url, **EN).content.decode()
        assert "Kienen" in html and "Not confirmed recently" in html, url


def test_past_the_grace_period_it_leaves_the_calendars_feeds_and_api(client, activiteit, buurt, locatie):
    lists = [
        reverse("site:locatie", args=[locatie.slug]),
        reverse("site:buurt", args=[buurt.code]) + f"?week={_week(activiteit)}",
        reverse("site:agenda") + f"?week={_week(activiteit)}",
        reverse("site:locatie-ical", args=[locatie.slug]),
        reverse("site:agenda-rss"),
        "/api/v1/activiteiten",
        "/api/v1/bijeenkomsten",
    ]
    eigen_feed = reverse("site:activiteit-ical", args=[activiteit.slug])
    _bevestigd(activiteit, 84)
    for url in lists:
        assert "Kienen" in client.get(url, **EN).content.decode(), url
    assert "BEGIN:VEVENT" in client.get(eigen_feed).content.decode()
    _bevestigd(activiteit, 85)
    for url in lists:
        response = client.get(url, **EN)
        assert response.status_code == 200 and "Kienen" not in response.content.decode(), url
    # Its own feed stays, empty, so a subscribed calendar gets the dates back on confirming.
    response = client.get(eigen_feed)
    assert response.status_code == 200 and "BEGIN:VEVENT" not in response.content.decode()
    # The activity's own page stays, says why it has no dates, and offers no sign-up.
    page = client.get(reverse("site:activiteit", args=[activiteit.slug]), **EN).content.decode()
    assert "its dates are no longer on the calendar" in page and "No dates planned." in page


def test_past_the_grace_period_it_no_longer_counts_in_coverage(activiteit, buurt):
    BevolkingspuntFactory(buurt=buurt, inwoners=50, inwoners_65plus=5)
    _bevestigd(activiteit, 84)
    dekking_compute(gemeente=buurt.gemeente)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 50

    _bevestigd(activiteit, 85)
    dekking_compute(gemeente=buurt.gemeente)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 0
    assert Activiteit.objects.filter(pk=activiteit.pk).exists()

    Activiteit.objects.filter(pk=activiteit.pk).update(laatst_bevestigd=timezone.localdate())
    dekking_compute(gemeente=buurt.gemeente)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 50


# --- the daily job on the task queue -------------------------------------------------------


def test_the_worker_keeps_one_daily_reminder_round_planned(settings):
    settings.TASKS = DATABASE_TASKS
    settings.ACTIVITEIT_BEVESTIG_HERINNERING_AT = "09:00"
    rounds = DBTaskResult.objects.filter(task_path=bevestig_herinneringen.module_path)
    assert bevestig_herinneringen_schedule_next() is not None
    assert bevestig_herinneringen_schedule_next() is None  # a second worker plans no second round
    planned = rounds.get()
    assert planned.status == "READY" and planned.run_after == next_daily_run(timezone.now(), "09:00")
    assert timezone.localtime(planned.run_after).strftime("%H:%M") == "09:00"


def test_the_worker_plans_the_reminders_when_it_starts(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(library.Command, "handle", lambda self, *args, **options: None)
    call_command("db_worker", "--batch")
    assert DBTaskResult.objects.filter(task_path=bevestig_herinneringen.module_path, status="READY").count() == 1
