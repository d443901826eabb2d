"""Services of an organisation's members: inviting by e-mail, accepting the invitation
once, changing a role and removing a member, with the last board member kept in place,
also when two board members remove each other at the same moment."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from locaties import services
from locaties.constants import Rol, UitnodigingStatus
from locaties.models import Lidmaatschap, Uitnodiging
from locaties.selectors import lidmaatschap_list_for_organisatie, uitnodiging_from_token, uitnodiging_list_open
from locaties.tokens import uitnodiging_token

from .factories import LidmaatschapFactory, OrganisatieFactory, UserFactory
from .test_concurrency import run_in_threads

pytestmark = pytest.mark.django_db

PASSWORD = "fiets boom lantaarn 42"


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Stichting Buurthuis Wyck", slug="wyck")


@pytest.fixture
def bestuur(org):
    return LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR)


def _invite(org, email="nieuw@example.nl", rol=Rol.COORDINATOR, door=None, capture=None):
    with capture(execute=True):
        return services.uitnodiging_create(organisatie=org, email=email, rol=rol, door=door)


def _token_from(message) -> str:
    return re.search(r"/uitnodiging/(\S+)", message.body).group(1)


# --- inviting ------------------------------------------------------------------------------


def test_inviting_an_address_without_account_mails_a_link_and_adds_nobody_yet(
        org, bestuur, django_capture_on_commit_callbacks):
    uitnodiging = _invite(org, door=bestuur.user, capture=django_capture_on_commit_callbacks)
    assert isinstance(uitnodiging, Uitnodiging)
    assert uitnodiging.status == UitnodigingStatus.OPEN
    assert [m.to for m in mail.outbox] == [["nieuw@example.nl"]]
    assert "Stichting Buurthuis Wyck" in mail.outbox[0].subject
    assert "https://" in mail.outbox[0].body or "http://" in mail.outbox[0].body
    assert uitnodiging_from_token(_token_from(mail.outbox[0])) == uitnodiging
    assert not get_user_model().objects.filter(email="nieuw@example.nl").exists()
    assert list(uitnodiging_list_open(organisatie=org)) == [uitnodiging]


def test_inviting_an_address_with_an_account_adds_them_at_once_and_mails_a_notice(
        org, django_capture_on_commit_callbacks):
    account = UserFactory(username="mien", email="Mien@Example.nl")
    lidmaatschap = _invite(org, email="mien@example.nl", rol=Rol.BEHEERDER, capture=django_capture_on_commit_callbacks)
    assert isinstance(lidmaatschap, Lidmaatschap)
    assert (lidmaatschap.user, lidmaatschap.rol) == (account, Rol.BEHEERDER)
    assert [m.to for m in mail.outbox] == [["Mien@Example.nl"]]
    assert "/uitnodiging/" not in mail.outbox[0].body
    assert "/beheer/wyck/" in mail.outbox[0].body
    assert not Uitnodiging.objects.exists()


def test_inviting_a_member_again_is_refused_and_mails_nobody(org, bestuur, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as error:
        _invite(org, email=bestuur.user.email, capture=django_capture_on_commit_callbacks)
    assert "email" in error.value.error_dict
    assert mail.outbox == []


def test_an_unknown_role_is_refused(org, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as error:
        _invite(org, rol="voorzitter", capture=django_capture_on_commit_callbacks)
    assert "rol" in error.value.error_dict
    assert mail.outbox == [] and not Uitnodiging.objects.exists()


def test_a_newer_invitation_replaces_the_open_one(org, django_capture_on_commit_callbacks):
    eerste = _invite(org, capture=django_capture_on_commit_callbacks)
    tweede = _invite(org, email="NIEUW@example.nl", rol=Rol.BEHEERDER, capture=django_capture_on_commit_callbacks)
    eerste.refresh_from_db()
    assert eerste.status == UitnodigingStatus.VERVALLEN
    assert uitnodiging_from_token(uitnodiging_token(eerste)) is None
    assert uitnodiging_from_token(uitnodiging_token(tweede)) == tweede


# --- accepting -----------------------------------------------------------------------------


def test_accepting_makes_the_account_and_the_membership_once(org, django_capture_on_commit_callbacks):
    uitnodiging = _invite(org, capture=django_capture_on_commit_callbacks)
    result = services.uitnodiging_accepteer(uitnodiging=uitnodiging, password=PASSWORD)
    assert result.nieuw_account
    user = result.lidmaatschap.user
    assert (user.username, user.email) == ("nieuw@example.nl", "nieuw@example.nl")
    assert user.check_password(PASSWORD)
    assert (result.lidmaatschap.organisatie, result.lidmaatschap.rol) == (org, Rol.COORDINATOR)
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == UitnodigingStatus.GEACCEPTEERD and uitnodiging.geaccepteerd_op is not None
    # The link works once.
    assert uitnodiging_from_token(uitnodiging_token(uitnodiging)) is None
    with pytest.raises(ValidationError):
        services.uitnodiging_accepteer(uitnodiging=uitnodiging, password="een ander wachtwoord 7")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_weak_password_is_refused_and_changes_nothing(org, django_capture_on_commit_callbacks):
    uitnodiging = _invite(org, capture=django_capture_on_commit_callbacks)
    for weak in ("kort", "wachtwoord123", "nieuw@example.nl"):
        with pytest.raises(ValidationError):
            services.uitnodiging_accepteer(uitnodiging=uitnodiging, password=weak)
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == UitnodigingStatus.OPEN
    assert not get_user_model().objects.filter(email="nieuw@example.nl").exists()


def test_an_account_made_in_the_meantime_keeps_its_password(org, django_capture_on_commit_callbacks):
    uitnodiging = _invite(org, capture=django_capture_on_commit_callbacks)
    account = UserFactory(username="nieuw@example.nl", email="nieuw@example.nl")
    result = services.uitnodiging_accepteer(uitnodiging=uitnodiging, password=PASSWORD)
    assert not result.nieuw_account
    assert result.lidmaatschap.user == account
    account.refresh_from_db()
    assert account.check_password("wachtwoord") and not account.check_password(PASSWORD)


def test_a_link_is_refused_after_fourteen_days(org, frozen_clock, django_capture_on_commit_callbacks):
    uitnodiging = _invite(org, capture=django_capture_on_commit_callbacks)
    token = uitnodiging_token(uitnodiging)
    frozen_clock.shift(timedelta(days=13, hours=23))
    assert uitnodiging_from_token(token) == uitnodiging
    frozen_clock.shift(timedelta(hours=2))
    assert uitnodiging_from_token(token) is None
    assert list(uitnodiging_list_open(organisatie=org)) == []


def test_a_tampered_link_is_refused(org, django_capture_on_commit_callbacks):
    uitnodiging = _invite(org, capture=django_capture_on_commit_callbacks)
    token = uitnodiging_token(uitnodiging)
    assert uitnodiging_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert uitnodiging_from_token("nonsense") is None


# --- roles and removal ----------------------------------------------------------------------


def test_a_role_changes_and_a_member_is_removed(org, bestuur):
    lid = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR)
    assert services.lidmaatschap_update_rol(lidmaatschap=lid, rol=Rol.BEHEERDER).rol == Rol.BEHEERDER
    lid.refresh_from_db()
    assert lid.rol == Rol.BEHEERDER
    services.lidmaatschap_delete(lidmaatschap=lid)
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    assert get_user_model().objects.filter(pk=lid.user_id).exists()  # the account stays


def test_the_last_board_member_is_neither_removed_nor_demoted(org, bestuur):
    with pytest.raises(ValidationError, match="last board member of Stichting Buurthuis Wyck"):
        services.lidmaatschap_delete(lidmaatschap=bestuur)
    with pytest.raises(ValidationError, match="Make someone else a board member first"):
        services.lidmaatschap_update_rol(lidmaatschap=bestuur, rol=Rol.BEHEERDER)
    bestuur.refresh_from_db()
    assert bestuur.rol == Rol.BESTUUR
    # Keeping the board role is no demotion.
    assert services.lidmaatschap_update_rol(lidmaatschap=bestuur, rol=Rol.BESTUUR).rol == Rol.BESTUUR


def test_with_a_second_board_member_one_may_go(org, bestuur):
    tweede = LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR)
    services.lidmaatschap_update_rol(lidmaatschap=tweede, rol=Rol.COORDINATOR)
    with pytest.raises(ValidationError):
        services.lidmaatschap_delete(lidmaatschap=bestuur)
    services.lidmaatschap_update_rol(lidmaatschap=tweede, rol=Rol.BESTUUR)
    services.lidmaatschap_delete(lidmaatschap=bestuur)
    assert list(Lidmaatschap.objects.filter(organisatie=org, rol=Rol.BESTUUR)) == [tweede]


def test_a_board_member_of_another_organisation_does_not_count(org, bestuur):
    LidmaatschapFactory(rol=Rol.BESTUUR)  # of another organisation
    with pytest.raises(ValidationError):
        services.lidmaatschap_delete(lidmaatschap=bestuur)


def test_a_removed_membership_cannot_be_changed(org, bestuur):
    lid = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR)
    Lidmaatschap.objects.filter(pk=lid.pk).delete()
    with pytest.raises(ValidationError, match="no longer a member"):
        services.lidmaatschap_update_rol(lidmaatschap=lid, rol=Rol.BEHEERDER)


def test_the_list_puts_the_board_first(org, bestuur):
    coordinator = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR, user__first_name="Aad")
    beheerder = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER, user__first_name="Bep")
    LidmaatschapFactory(rol=Rol.BESTUUR)  # another organisation's
    assert list(lidmaatschap_list_for_organisatie(organisatie=org)) == [bestuur, beheerder, coordinator]


# --- at the same moment ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second", ["delete", "demote"])
def test_two_board_members_removing_each_other_at_once_leave_one(second):
    org = OrganisatieFactory()
    a, b = LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR), LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR)

    def remove(item, barrier):
        lidmaatschap, how = item
        barrier.wait()
        if how == "demote":
            return services.lidmaatschap_update_rol(lidmaatschap=lidmaatschap, rol=Rol.COORDINATOR)
        return services.lidmaatschap_delete(lidmaatschap=lidmaatschap)

    outcomes = run_in_threads(remove, [(a, "delete"), (b, second)])
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    assert Lidmaatschap.objects.filter(organisatie=org, rol=Rol.BESTUUR).count() == 1
