""""Loopt dit nog?": confirming that an activity still runs, the one rule of when it
counts (``ActiviteitQuerySet.actueel``), the daily reminder (once per deadline) and its
signed one-click link."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Bijeenkomst
from activiteiten.selectors import (
    activiteit_from_bevestig_token,
    activiteit_list_herinnering_due,
    activiteit_list_public,
    activiteit_list_public_all,
    bijeenkomst_list_public,
)
from activiteiten.services import (
    activiteit_bevestig,
    activiteit_bevestig_met_link,
    activiteit_update,
    activiteiten_herinner,
)
from activiteiten.tokens import activiteit_bevestig_max_age, activiteit_bevestig_token
from locaties import events
from locaties.constants import Rol
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import BuurtFactory, LidmaatschapFactory, LocatieFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/activiteiten/bevestigen/(\S+)")


@pytest.fixture(autouse=True)
def weken(settings):
    """The defaults, named here so the boundaries below read as days."""
    settings.ACTIVITEIT_BEVESTIG_WEKEN = 8  # deadline: 56 days after the last confirmation
    settings.ACTIVITEIT_BEVESTIG_GRATIE_WEKEN = 4  # out of the lists after 84 days
    settings.ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN = 14  # reminder from day 42
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Stichting Buurtwerk Wyck")


@pytest.fixture
def leden(org):
    return [
        LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR, user=UserFactory(email="bestuur@example.nl")).user,
        LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR, user=UserFactory(email="coord@example.nl")).user,
    ]


@pytest.fixture
def activiteit(org):
    return make_activiteit(locatie=LocatieFactory(beheerder=org), titel="Kienen")


def _bevestigd(activiteit, dagen_geleden: int) -> Activiteit:
    """The activity as if last confirmed ``dagen_geleden`` days ago."""
    Activiteit.objects.filter(pk=activiteit.pk).update(
        laatst_bevestigd=timezone.localdate() - timedelta(days=dagen_geleden)
    )
    activiteit.refresh_from_db()
    return activiteit


def _publiek(activiteit) -> tuple[bool, int]:
    """(in the public activity list, occurrences in the public occurrence list)."""
    return (
        activiteit_list_public().filter(pk=activiteit.pk).exists(),
        bijeenkomst_list_public().filter(activiteit=activiteit).count(),
    )


# --- confirming ----------------------------------------------------------------------


@pytest.mark.frozen_at("2027-03-10T00:30")  # still 9 March in UTC
def test_confirming_sets_today_in_amsterdam(activiteit, leden):
    _bevestigd(activiteit, 60)
    saved = activiteit_bevestig(activiteit=activiteit, door=leden[0])
    assert saved.laatst_bevestigd == date(2027, 3, 10) == activiteit.laatst_bevestigd
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == date(2027, 3, 10)
    assert saved.bevestig_deadline == date(2027, 5, 5) and not saved.niet_recent_bevestigd


def test_a_stopped_activity_is_not_confirmed(activiteit):
    _bevestigd(activiteit, 60)
    activiteit_update(activiteit=activiteit, status=ActiviteitStatus.GESTOPT)
    with pytest.raises(ValidationError) as error:
        activiteit_bevestig(activiteit=activiteit)
    assert error.value.code == "gestopt"
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate() - timedelta(days=60)


def test_the_deadline_and_the_grace_period_to_the_day(activiteit):
    assert _bevestigd(activiteit, 56).niet_recent_bevestigd is False
    assert _publiek(activiteit)[0]
    past_deadline = _bevestigd(activiteit, 57)
    assert past_deadline.niet_recent_bevestigd is True
    assert _publiek(activiteit)[0] and _publiek(activiteit)[1] > 0  # flagged, still listed

    _bevestigd(activiteit, 84)
    assert _publiek(activiteit)[0] and _publiek(activiteit)[1] > 0  # the last day of grace
    _bevestigd(activiteit, 85)
    assert _publiek(activiteit) == (False, 0)
    # Not deleted: still in the table, on its own page, and in the querysets without the rule.
    assert Bijeenkomst.objects.filter(activiteit=activiteit).exists()
    assert activiteit_list_public_all().filter(pk=activiteit.pk).exists()
    assert not Activiteit.objects.actueel().filter(pk=activiteit.pk).exists()
    assert not Bijeenkomst.objects.actueel().filter(activiteit=activiteit).exists()


def test_confirming_brings_it_back_and_announces_the_place_for_coverage(org, django_capture_on_commit_callbacks):
    activiteit = _bevestigd(make_activiteit(locatie=LocatieFactory(beheerder=org, buurt=BuurtFactory())), 100)
    assert _publiek(activiteit) == (False, 0)
    with django_capture_on_commit_callbacks() as callbacks:
        activiteit_bevestig(activiteit=activiteit)
    assert _publiek(activiteit)[0] and _publiek(activiteit)[1] > 0
    assert callbacks  # the coverage of its gemeente is recomputed after the commit


def test_confirming_a_current_activity_announces_nothing(activiteit, django_capture_on_commit_callbacks):
    _bevestigd(activiteit, 30)
    with django_capture_on_commit_callbacks() as callbacks:
        activiteit_bevestig(activiteit=activiteit)
    assert callbacks == []


def test_never_confirmed_counts_from_the_day_it_was_made(activiteit, frozen_clock):
    assert activiteit.laatst_bevestigd is None
    made = timezone.localdate()
    assert activiteit.bevestig_deadline == made + timedelta(weeks=8)
    frozen_clock.move_to(timezone.now() + timedelta(days=57))
    activiteit.refresh_from_db()
    assert activiteit.niet_recent_bevestigd and _publiek(activiteit)[0]
    frozen_clock.move_to(timezone.now() + timedelta(days=28))  # 85 days after it was made
    assert _publiek(activiteit) == (False, 0)
    activiteit_bevestig(activiteit=activiteit)
    assert _publiek(activiteit)[0] and _publiek(activiteit)[1] > 0


def test_public_lists_keep_a_constant_number_of_queries(org, django_assert_num_queries):
    for n in range(3):
        _bevestigd(make_activiteit(locatie=LocatieFactory(beheerder=org), titel=f"Activiteit {n}"), 57)
    with django_assert_num_queries(1):
        rows = list(bijeenkomst_list_public()[:20])
        assert all(b.activiteit.niet_recent_bevestigd for b in rows)


# --- the reminder ----------------------------------------------------------------------


def _herinner(django_capture_on_commit_callbacks, **kwargs) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return activiteiten_herinner(**kwargs)


def test_the_reminder_goes_to_each_member_once_two_weeks_before_the_deadline(
    activiteit, leden, django_capture_on_commit_callbacks,
):
    LidmaatschapFactory(rol=Rol.BESTUUR, user=UserFactory(email="ander@example.nl"))  # another organisation
    LidmaatschapFactory(organisatie=activiteit.organisator, user=UserFactory(email="weg@example.nl", is_active=False))
    _bevestigd(activiteit, 41)
    assert _herinner(django_capture_on_commit_callbacks) == 0 and mail.outbox == []

    _bevestigd(activiteit, 42)
    assert _herinner(django_capture_on_commit_callbacks) == 1
    assert sorted(m.to for m in mail.outbox) == [["bestuur@example.nl"], ["coord@example.nl"]]
    bericht = mail.outbox[0]
    assert bericht.subject == "Loopt “Kienen” nog?"  # in the site's language, whoever runs the round
    deadline = timezone.localdate() + timedelta(days=14)
    with translation.override("nl"):
        assert f"Wilt u dit bevestigen vóór {date_format(deadline, 'j F Y')}?" in bericht.body
    assert LINK.search(bericht.body)
    assert f"http://testserver/beheer/{activiteit.organisator.slug}/activiteiten/{activiteit.slug}/" in bericht.body
    activiteit.refresh_from_db()
    assert activiteit.herinnering_verstuurd_voor == deadline == activiteit.bevestig_deadline

    # The next day, and the day after the deadline: the same deadline, no second mail.
    assert _herinner(django_capture_on_commit_callbacks) == 0
    assert _herinner(django_capture_on_commit_callbacks, vandaag=deadline + timedelta(days=1)) == 0
    assert len(mail.outbox) == 2


def test_after_confirming_the_next_deadline_gets_its_own_reminder(
    activiteit, leden, frozen_clock, django_capture_on_commit_callbacks,
):
    _bevestigd(activiteit, 42)
    _herinner(django_capture_on_commit_callbacks)
    activiteit_bevestig(activiteit=activiteit)
    assert _herinner(django_capture_on_commit_callbacks) == 0
    frozen_clock.move_to(timezone.now() + timedelta(days=42))
    assert _herinner(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 4


def test_a_never_confirmed_activity_is_reminded_from_the_day_it_was_made(
    activiteit, leden, frozen_clock, django_capture_on_commit_callbacks,
):
    frozen_clock.move_to(timezone.now() + timedelta(days=41))
    assert _herinner(django_capture_on_commit_callbacks) == 0
    frozen_clock.move_to(timezone.now() + timedelta(days=1))
    assert _herinner(django_capture_on_commit_callbacks) == 1


@pytest.mark.parametrize("status", [ActiviteitStatus.CONCEPT, ActiviteitStatus.GESTOPT])
def test_no_reminder_for_a_draft_or_a_stopped_activity(activiteit, leden, status, django_capture_on_commit_callbacks):
    _bevestigd(activiteit, 60)
    Activiteit.objects.filter(pk=activiteit.pk).update(status=status)
    assert not activiteit_list_herinnering_due().exists()
    assert _herinner(django_capture_on_commit_callbacks) == 0 and mail.outbox == []


def test_confirmed_before_the_mail_goes_out_no_mail(activiteit, leden, django_capture_on_commit_callbacks):
    _bevestigd(activiteit, 50)
    with django_capture_on_commit_callbacks() as callbacks:
        assert activiteiten_herinner() == 1
    activiteit_bevestig(activiteit=activiteit)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_the_command_sends_the_reminders(activiteit, leden, django_capture_on_commit_callbacks):
    _bevestigd(activiteit, 45)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinner_bevestigen", stdout=out)
    assert "1 activities reminded of (deadline every 8 weeks, reminder 14 days before)" in out.getvalue()
    assert len(mail.outbox) == 2


# --- the one-click link ------------------------------------------------------------------


def _link_from_the_mail(activiteit, django_capture_on_commit_callbacks) -> str:
    _herinner(django_capture_on_commit_callbacks)
    return LINK.search(mail.outbox[-1].body).group(1)


def test_the_link_in_the_mail_confirms_once(activiteit, leden, django_capture_on_commit_callbacks):
    _bevestigd(activiteit, 50)
    token = _link_from_the_mail(activiteit, django_capture_on_commit_callbacks)
    link = activiteit_from_bevestig_token(token)
    assert link.activiteit == activiteit and link.bruikbaar

    assert activiteit_bevestig_met_link(token=token).laatst_bevestigd == timezone.localdate()

    assert activiteit_from_bevestig_token(token).bruikbaar is False
    with pytest.raises(ValidationError) as error:
        activiteit_bevestig_met_link(token=token)
    assert error.value.code == "gebruikt"


def test_a_confirmation_in_the_workspace_makes_the_link_stale(activiteit):
    _bevestigd(activiteit, 50)
    token = activiteit_bevestig_token(activiteit)
    activiteit_bevestig(activiteit=activiteit)
    Activiteit.objects.filter(pk=activiteit.pk).update(laatst_bevestigd=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError):
        activiteit_bevestig_met_link(token=token)
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate() - timedelta(days=1)


def test_a_link_to_a_stopped_activity_changes_nothing(activiteit):
    _bevestigd(activiteit, 50)
    token = activiteit_bevestig_token(activiteit)
    Activiteit.objects.filter(pk=activiteit.pk).update(status=ActiviteitStatus.GESTOPT)
    assert activiteit_from_bevestig_token(token).bruikbaar is False
    with pytest.raises(ValidationError):
        activiteit_bevestig_met_link(token=token)


def test_a_tampered_or_foreign_token_is_refused(activiteit):
    token = activiteit_bevestig_token(activiteit)
    other_salt = signing.dumps({"activiteit": activiteit.pk, "laatst": ""}, salt="activiteiten.aanmelding.annuleren")
    for bad in (token[:-3] + "abc", other_salt, "", "niets"):
        assert activiteit_from_bevestig_token(bad).activiteit is None
        with pytest.raises(ValidationError) as error:
            activiteit_bevestig_met_link(token=bad)
        assert error.value.code == "ongeldig"
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd is None


def test_the_link_works_for_one_round_of_deadline_and_grace(activiteit, frozen_clock):
    token = activiteit_bevestig_token(activiteit)
    assert activiteit_bevestig_max_age() == timedelta(weeks=12)
    frozen_clock.move_to(timezone.now() + timedelta(weeks=12) - timedelta(minutes=1))
    assert activiteit_from_bevestig_token(token).bruikbaar
    frozen_clock.move_to(timezone.now() + timedelta(minutes=2))
    assert activiteit_from_bevestig_token(token).activiteit is None
    with pytest.raises(ValidationError):
        activiteit_bevestig_met_link(token=token)


@pytest.mark.parametrize(("dagen", "aangekondigd"), [(84, False), (85, True), (86, False)])
def test_the_daily_round_announces_the_places_whose_activities_left_the_calendar_today(
    org, dagen, aangekondigd, monkeypatch, django_capture_on_commit_callbacks,
):
    seen = []
    monkeypatch.setattr(events, "_listeners", [seen.append])
    locatie = LocatieFactory(beheerder=org, buurt=BuurtFactory())
    activiteit = _bevestigd(make_activiteit(locatie=locatie), dagen)
    Activiteit.objects.filter(pk=activiteit.pk).update(herinnering_verstuurd_voor=activiteit.bevestig_deadline)
    _herinner(django_capture_on_commit_callbacks)
    assert seen == ([locatie.buurt.gemeente_id] if aangekondigd else [])
