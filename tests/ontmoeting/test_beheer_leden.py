"""The workspace's members page: who may open it, the list with role and since when, an
invitation by e-mail and the page that accepts it (once), changing a role and removing a
member, the last board member kept with a clear message, and a constant number of queries."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locaties.constants import Rol, UitnodigingStatus
from locaties.models import Lidmaatschap, Uitnodiging
from tests.locaties.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PASSWORD = "fiets boom lantaarn 42"


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Stichting Buurthuis Wyck", slug="wyck")


@pytest.fixture
def bestuur(org, client):
    lidmaatschap = LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR, user__first_name="Truus",
                                       user__last_name="Smeets")
    client.force_login(lidmaatschap.user)
    return lidmaatschap


def _login_as(client, org, rol):
    lidmaatschap = LidmaatschapFactory(organisatie=org, rol=rol)
    client.force_login(lidmaatschap.user)
    return lidmaatschap


def _get(client, name, *args):
    return client.get(reverse(name, args=args), **EN)


def _post(client, name, *args, data=None, follow=False):
    return client.post(reverse(name, args=args), data or {}, follow=follow, **EN)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- who may open it -------------------------------------------------------------------------


def test_board_and_managers_see_the_link_and_the_page(client, org):
    for rol in (Rol.BESTUUR, Rol.BEHEERDER):
        _login_as(client, org, rol)
        assert 'href="/beheer/wyck/leden/"' in _get(client, "beheer:start", "wyck").content.decode()
        assert _get(client, "beheer:leden", "wyck").status_code == 200


def test_a_coordinator_sees_no_link_and_is_refused(client, org):
    _login_as(client, org, Rol.COORDINATOR)
    assert "/beheer/wyck/leden/" not in _get(client, "beheer:start", "wyck").content.decode()
    assert _get(client, "beheer:leden", "wyck").status_code == 403
    assert _post(client, "beheer:lid-uitnodigen", "wyck", data={"email": "x@example.nl", "rol": "bestuur"}).status_code == 403
    assert not Uitnodiging.objects.exists()


def test_another_organisations_member_gets_404(client, org, bestuur):
    other = LidmaatschapFactory(rol=Rol.COORDINATOR)
    assert _get(client, "beheer:leden", other.organisatie.slug).status_code == 404
    # Their membership, through our organisation's address, is not found either.
    assert _get(client, "beheer:lid-rol", "wyck", other.pk).status_code == 404
    assert _post(client, "beheer:lid-verwijderen", "wyck", other.pk).status_code == 404
    assert Lidmaatschap.objects.filter(pk=other.pk).exists()


def test_anonymous_goes_to_the_login_page(client, org):
    response = _get(client, "beheer:leden", "wyck")
    assert response.status_code == 302 and response.url.startswith(reverse("site:login"))


# --- the list --------------------------------------------------------------------------------


def test_the_list_shows_name_email_role_and_since(client, org, bestuur):
    LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR, user__first_name="Mien", user__last_name="Bos",
                        user__email="mien@example.nl")
    html = _get(client, "beheer:leden", "wyck").content.decode()
    assert "Truus Smeets" in html and "Mien Bos" in html and "mien@example.nl" in html
    assert "Coordinator" in html and "Board member" in html
    assert "1 December 2026" in html  # since: today on the frozen clock


def test_the_list_takes_a_constant_number_of_queries(client, org, bestuur):
    LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR)
    _get(client, "beheer:leden", "wyck")
    with CaptureQueriesContext(connection) as few:
        _get(client, "beheer:leden", "wyck")
    for _ in range(5):
        LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER)
        Uitnodiging.objects.create(organisatie=org, email=f"{_}@example.nl", rol=Rol.COORDINATOR)
    with CaptureQueriesContext(connection) as many:
        _get(client, "beheer:leden", "wyck")
    assert len(many) == len(few)


# --- inviting --------------------------------------------------------------------------------


def test_inviting_mails_a_link_and_says_so(client, org, bestuur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "beheer:lid-uitnodigen", "wyck",
                         data={"email": "nieuw@example.nl", "rol": Rol.COORDINATOR}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("beheer:leden", args=["wyck"])
    assert _messages(response) == ["nieuw@example.nl is invited as coordinator and gets an e-mail."]
    assert [m.to for m in mail.outbox] == [["nieuw@example.nl"]]
    assert "nieuw@example.nl" in response.content.decode()  # among the open invitations
    assert Uitnodiging.objects.get().uitgenodigd_door == bestuur.user


def test_an_existing_account_gets_the_same_message(client, org, bestuur, django_capture_on_commit_callbacks):
    account = UserFactory(username="mien", email="mien@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "beheer:lid-uitnodigen", "wyck",
                         data={"email": "mien@example.nl", "rol": Rol.BEHEERDER}, follow=True)
    assert _messages(response) == ["mien@example.nl is invited as manager and gets an e-mail."]
    assert Lidmaatschap.objects.get(user=account).rol == Rol.BEHEERDER


def test_a_wrong_invitation_shows_errors_beside_the_fields_and_keeps_what_was_typed(client, org, bestuur):
    response = _post(client, "beheer:lid-uitnodigen", "wyck", data={"email": "geen-adres", "rol": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and 'id="id_email-fout"' in html
    assert 'value="geen-adres"' in html
    response = _post(client, "beheer:lid-uitnodigen", "wyck", data={"email": bestuur.user.email, "rol": "coordinator"})
    assert response.status_code == 400 and "is a member already" in response.content.decode()
    assert mail.outbox == []


def test_a_manager_cannot_give_the_board_role(client, org, bestuur):
    _login_as(client, org, Rol.BEHEERDER)
    html = _get(client, "beheer:lid-uitnodigen", "wyck").content.decode()
    assert 'value="bestuur"' not in html and 'value="coordinator"' in html
    response = _post(client, "beheer:lid-uitnodigen", "wyck", data={"email": "x@example.nl", "rol": Rol.BESTUUR})
    assert response.status_code == 400 and not Uitnodiging.objects.exists()


# --- accepting -------------------------------------------------------------------------------


def _invitation_link(client, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "beheer:lid-uitnodigen", "wyck", data={"email": "nieuw@example.nl", "rol": Rol.COORDINATOR})
    return re.search(r"https?://[^/\s]+(/uitnodiging/\S+)", mail.outbox[-1].body).group(1)


def test_the_link_lets_the_invited_choose_a_password_then_log_in(client, org, bestuur,
                                                                 django_capture_on_commit_callbacks):
    link = _invitation_link(client, django_capture_on_commit_callbacks)
    client.logout()
    page = client.get(link, **EN)
    assert page.status_code == 200 and "Stichting Buurthuis Wyck" in page.content.decode()
    response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True, **EN)
    login = reverse("site:login") + "?next=" + reverse("beheer:start", args=["wyck"]).replace("/", "%2F")
    assert response.redirect_chain[0][0] == login
    assert _messages(response) == ["Your account is ready. Log in with your e-mail address and the new password."]
    user = get_user_model().objects.get(email="nieuw@example.nl")
    assert Lidmaatschap.objects.get(user=user).rol == Rol.COORDINATOR
    assert client.login(username="nieuw@example.nl", password=PASSWORD)
    # Once: the link is spent.
    client.logout()
    again = client.get(link, **EN)
    assert again.status_code == 404 and "does not work any more" in again.content.decode()
    assert client.post(link, {"new_password1": "x", "new_password2": "x"}, **EN).status_code == 404


def test_a_weak_or_mismatched_password_is_refused_beside_the_field(client, org, bestuur,
                                                                   django_capture_on_commit_callbacks):
    link = _invitation_link(client, django_capture_on_commit_callbacks)
    client.logout()
    weak = client.post(link, {"new_password1": "wachtwoord", "new_password2": "wachtwoord"}, **EN)
    assert weak.status_code == 400 and 'id="id_new_password2-fout"' in weak.content.decode()
    other = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD + "!"}, **EN)
    assert other.status_code == 400
    assert not get_user_model().objects.filter(email="nieuw@example.nl").exists()
    assert Uitnodiging.objects.get().status == UitnodigingStatus.OPEN


def test_a_made_up_link_says_the_same_as_a_used_one(client):
    response = client.get("/uitnodiging/bestaat-niet", **EN)
    assert response.status_code == 404 and "does not work any more" in response.content.decode()


# --- roles and removal -----------------------------------------------------------------------


def test_changing_a_role_says_what_it_did(client, org, bestuur):
    lid = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR, user__first_name="Mien", user__last_name="Bos")
    assert _get(client, "beheer:lid-rol", "wyck", lid.pk).status_code == 200
    response = _post(client, "beheer:lid-rol", "wyck", lid.pk, data={"rol": Rol.BEHEERDER}, follow=True)
    assert _messages(response) == ["Mien Bos is now manager."]
    lid.refresh_from_db()
    assert lid.rol == Rol.BEHEERDER


def test_removing_a_member_asks_first_then_says_what_it_did(client, org, bestuur):
    lid = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR, user__first_name="Mien", user__last_name="Bos")
    assert "Remove Mien Bos from Stichting Buurthuis Wyck?" in _get(
        client, "beheer:lid-verwijderen", "wyck", lid.pk).content.decode()
    response = _post(client, "beheer:lid-verwijderen", "wyck", lid.pk, follow=True)
    assert _messages(response) == ["Mien Bos no longer works in Stichting Buurthuis Wyck."]
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()


def test_the_last_board_member_is_kept_with_a_clear_message(client, org, bestuur):
    response = _post(client, "beheer:lid-verwijderen", "wyck", bestuur.pk, follow=True)
    assert _messages(response) == [
        "Truus Smeets is the last board member of Stichting Buurthuis Wyck. Make someone else a board member first."]
    response = _post(client, "beheer:lid-rol", "wyck", bestuur.pk, data={"rol": Rol.COORDINATOR})
    assert response.status_code == 400 and "Make someone else a board member first." in response.content.decode()
    bestuur.refresh_from_db()
    assert bestuur.rol == Rol.BESTUUR


def test_a_manager_may_not_touch_a_board_members_membership(client, org, bestuur):
    beheerder = _login_as(client, org, Rol.BEHEERDER)
    html = _get(client, "beheer:leden", "wyck").content.decode()
    assert reverse("beheer:lid-rol", args=["wyck", bestuur.pk]) not in html
    assert _get(client, "beheer:lid-rol", "wyck", bestuur.pk).status_code == 403
    assert _post(client, "beheer:lid-verwijderen", "wyck", bestuur.pk).status_code == 403
    # Nor make themselves board member.
    response = _post(client, "beheer:lid-rol", "wyck", beheerder.pk, data={"rol": Rol.BESTUUR})
    assert response.status_code == 400
    beheerder.refresh_from_db()
    assert beheerder.rol == Rol.BEHEERDER


def test_a_manager_who_makes_themselves_coordinator_lands_on_the_start_page(client, org, bestuur):
    beheerder = _login_as(client, org, Rol.BEHEERDER)
    response = _post(client, "beheer:lid-rol", "wyck", beheerder.pk, data={"rol": Rol.COORDINATOR})
    assert response.status_code == 302 and response.url == reverse("beheer:start", args=["wyck"])


def test_removing_oneself_leads_to_the_choice_of_organisation(client, org, bestuur):
    LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR)
    html = _get(client, "beheer:lid-verwijderen", "wyck", bestuur.pk).content.decode()
    assert "This is you" in html
    response = _post(client, "beheer:lid-verwijderen", "wyck", bestuur.pk)
    assert response.status_code == 302 and response.url == reverse("beheer:kiezen")
