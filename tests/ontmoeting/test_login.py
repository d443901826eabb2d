"""Logging in on /inloggen: e-mail address as user name, landing, lockout (django-axes),
two-step login (TOTP, with real codes computed from the device key), idle timeout,
password reset and logout."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from locaties.constants import Rol
from ontmoeting import accounts
from tests.locaties.factories import (
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "wachtwoord"  # the factories' password (MD5 hasher in tests)
LOGIN = "/inloggen"


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app shows now, computed from the device's own key."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def post_login(client, email, password=PASSWORD, next_url=None, address="10.0.0.1"):
    data = {"username": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data, REMOTE_ADDR=address)


@pytest.fixture
def bestuur():
    user = UserFactory(username="bestuur@example.nl", email="bestuur@example.nl")
    LidmaatschapFactory(user=user, rol=Rol.BESTUUR, organisatie__naam="Stichting Buurtcentrum Nazareth")
    return user


@pytest.fixture
def ambtenaar():
    return GemeentemedewerkerFactory(user=UserFactory(username="ambtenaar@example.nl", email="ambtenaar@example.nl")).user


# --- the login page and where people land --------------------------------------------------

def test_login_page_in_dutch_with_labels(client):
    page = client.get(LOGIN).content.decode()
    assert '<label for="id_username">E-mailadres</label>' in page
    assert '<label for="id_password">Wachtwoord</label>' in page
    assert "Wachtwoord vergeten?" in page
    assert 'autocomplete="current-password"' in page


def test_login_page_in_english(client):
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<label for="id_username">E-mail address</label>' in page and "Forgot your password?" in page


def test_header_links_to_login_and_shows_logout_when_logged_in(client, bestuur):
    assert f'href="{LOGIN}"' in client.get("/agenda").content.decode()
    post_login(client, "bestuur@example.nl")
    page = client.get("/agenda").content.decode()
    assert 'action="/uitloggen"' in page and f'href="{LOGIN}"' not in page


def test_board_member_logs_in_with_email_in_any_case_and_sees_their_organisations(client, bestuur):
    response = post_login(client, "  Bestuur@Example.NL ")
    assert response.status_code == 302 and response.url == "/beheer/"  # straight to where they work
    page = client.get("/account").content.decode()
    assert "Stichting Buurtcentrum Nazareth" in page and "Bestuur" in page


def test_wrong_password_shows_the_error_summary(client, bestuur):
    response = post_login(client, "bestuur@example.nl", "verkeerd")
    page = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in page
    assert "Het e-mailadres of het wachtwoord klopt niet" in page
    assert "_auth_user_id" not in client.session


def test_safe_next_is_honoured_and_a_foreign_one_is_not(client, bestuur):
    assert post_login(client, "bestuur@example.nl", next_url="/agenda").url == "/agenda"
    client.post("/uitloggen")
    assert post_login(client, "bestuur@example.nl", next_url="https://kwaad.example/").url == "/beheer/"


def test_login_required_pages_send_to_inloggen(client):
    response = client.get("/account")
    assert response.status_code == 302 and response.url == f"{LOGIN}?next=/account"


def test_admin_login_sends_to_our_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == f"{LOGIN}?next=%2Fadmin%2F"


def test_logout_is_post_only(client, bestuur):
    post_login(client, "bestuur@example.nl")
    assert client.get("/uitloggen").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/uitloggen")
    assert response.status_code == 302 and response.url == "/"
    assert "_auth_user_id" not in client.session


# --- lockout -------------------------------------------------------------------------------

def test_lockout_per_account_after_five_failures_for_fifteen_minutes(client, bestuur, frozen_clock):
    assert (settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds()) == (5, 15 * 60)
    for _ in range(4):
        assert post_login(client, "bestuur@example.nl", "verkeerd").status_code == 200
    fifth = post_login(client, "bestuur@example.nl", "verkeerd")
    assert fifth.status_code == 429
    # From another address, and with the right password: still refused.
    locked = post_login(client, "BESTUUR@example.nl", address="10.9.9.9")
    page = locked.content.decode()
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert "Inloggen is even geblokkeerd" in page and "5 keer" in page and "15 minuten" in page
    assert '<main id="inhoud"' in page  # the site's own look
    frozen_clock.shift(14 * 60)
    assert post_login(client, "bestuur@example.nl", address="10.9.9.9").status_code == 429
    frozen_clock.shift(60 + 1)
    assert post_login(client, "bestuur@example.nl", address="10.9.9.9").status_code == 302
    assert "_auth_user_id" in client.session


def test_lockout_per_address_over_several_accounts(client, bestuur, frozen_clock):
    for n in range(5):
        post_login(client, f"iemand{n}@example.nl", "verkeerd", address="192.0.2.7")
    assert post_login(client, "bestuur@example.nl", address="192.0.2.7").status_code == 429
    # Another address is not affected, nor is the account itself.
    assert post_login(client, "bestuur@example.nl", address="192.0.2.8").status_code == 302


def test_success_resets_the_count(client, bestuur):
    for _ in range(4):
        post_login(client, "bestuur@example.nl", "verkeerd")
    assert post_login(client, "bestuur@example.nl").status_code == 302
    client.post("/uitloggen")
    for _ in range(4):
        assert post_login(client, "bestuur@example.nl", "verkeerd").status_code == 200


# --- two-step login ------------------------------------------------------------------------

def test_official_must_set_up_totp_then_lands_on_their_dashboard(client, ambtenaar, frozen_clock):
    gemeente = accounts.gemeente_list_for_official(user=ambtenaar).get()
    response = post_login(client, "ambtenaar@example.nl")
    assert response.status_code == 302 and response.url == "/inloggen/tweestaps"
    assert "_auth_user_id" not in client.session  # not logged in before the second step
    assert client.get(f"/gemeente/{gemeente.code}/").status_code == 302

    page = client.get("/inloggen/tweestaps").content.decode()
    device = TOTPDevice.objects.get(user=ambtenaar, confirmed=False)
    assert "<svg" in page and accounts.totp_key_text(device) in page

    wrong = client.post("/inloggen/tweestaps", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    frozen_clock.shift(30)  # django-otp slows down the next try after a wrong code
    response = client.post("/inloggen/tweestaps", {"code": code_for(device)})
    assert response.status_code == 302 and response.url == f"/gemeente/{gemeente.code}/"
    device.refresh_from_db()
    assert device.confirmed and client.session["otp_device_id"] == device.persistent_id
    assert client.get(f"/gemeente/{gemeente.code}/").status_code == 200


def test_staff_must_use_two_factors_too(client):
    UserFactory(username="staf@example.nl", email="staf@example.nl", is_staff=True)
    assert post_login(client, "staf@example.nl", next_url="/admin/").url == "/inloggen/tweestaps"


def test_user_with_totp_types_a_code_at_every_login(client, bestuur, frozen_clock):
    device = TOTPDevice.objects.create(user=bestuur, name="app", confirmed=True)
    assert post_login(client, "bestuur@example.nl").url == "/inloggen/code"
    assert "_auth_user_id" not in client.session
    frozen_clock.shift(60)
    assert client.post("/inloggen/code", {"code": "12345"}).status_code == 200  # not 6 digits
    response = client.post("/inloggen/code", {"code": code_for(device)})
    assert response.status_code == 302 and response.url == "/beheer/"
    # The same code cannot be used twice (a code seen over a shoulder).
    client.post("/uitloggen")
    post_login(client, "bestuur@example.nl")
    assert client.post("/inloggen/code", {"code": code_for(device)}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_second_step_expires(client, bestuur, frozen_clock):
    device = TOTPDevice.objects.create(user=bestuur, name="app", confirmed=True)
    post_login(client, "bestuur@example.nl")
    frozen_clock.shift(11 * 60)
    response = client.post("/inloggen/code", {"code": code_for(device)})
    assert response.status_code == 302 and response.url == LOGIN


def test_board_member_can_switch_totp_on_and_off(client, bestuur, frozen_clock):
    post_login(client, "bestuur@example.nl")
    client.get("/account/tweestaps")
    device = TOTPDevice.objects.get(user=bestuur)
    frozen_clock.shift(30)
    assert client.post("/account/tweestaps", {"code": code_for(device)}).url == "/account"
    assert accounts.confirmed_totp_device(bestuur) == device
    client.post("/account/tweestaps", {"actie": "uitzetten"})
    assert not TOTPDevice.objects.filter(user=bestuur).exists()


def test_official_cannot_switch_totp_off(client, ambtenaar, frozen_clock):
    device = TOTPDevice.objects.create(user=ambtenaar, name="app", confirmed=True)
    post_login(client, "ambtenaar@example.nl")
    frozen_clock.shift(30)
    client.post("/inloggen/code", {"code": code_for(device)})
    client.post("/account/tweestaps", {"actie": "uitzetten"})
    assert TOTPDevice.objects.filter(user=ambtenaar, confirmed=True).exists()


# --- idle timeout --------------------------------------------------------------------------

def test_idle_session_is_logged_out(client, bestuur, frozen_clock):
    assert settings.SESSION_IDLE_TIMEOUT_MINUTES == 30
    post_login(client, "bestuur@example.nl")
    frozen_clock.shift(29 * 60)
    assert client.get("/account").status_code == 200  # active again: the clock restarts
    frozen_clock.shift(29 * 60)
    assert client.get("/account").status_code == 200
    frozen_clock.shift(31 * 60)
    response = client.get("/account")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    page = client.get(LOGIN).content.decode()
    assert "30 minuten niets gedaan" in page


# --- password reset ------------------------------------------------------------------------

def test_password_reset_mail_points_to_site_url_and_sets_a_strong_password(client, bestuur, settings):
    # Asked through another allowed address (an internal one, a proxy): the link still
    # points to the public site.
    settings.SITE_URL = "https://ontmoeting.example.nl"
    settings.ALLOWED_HOSTS = ["testserver", "intern.example"]
    response = client.post("/wachtwoord-vergeten", {"email": "bestuur@example.nl"}, HTTP_HOST="intern.example")
    assert response.status_code == 302 and response.url == "/wachtwoord-vergeten/verstuurd"
    assert len(mail.outbox) == 1
    link = re.search(r"https://ontmoeting\.example\.nl(/wachtwoord-herstellen/\S+)", mail.outbox[0].body).group(1)
    assert "intern.example" not in mail.outbox[0].body
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    weak = client.post(form_page.redirect_chain[-1][0], {"new_password1": "welkom2026!!", "new_password2": "welkom2026!!"})
    assert weak.status_code == 200 and 'class="error-summary"' in weak.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "fietsbel-regenjas-kapstok", "new_password2": "fietsbel-regenjas-kapstok"})
    assert done.url == "/wachtwoord-hersteld"
    assert post_login(client, "bestuur@example.nl", "fietsbel-regenjas-kapstok").status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post("/wachtwoord-vergeten", {"email": "niemand@example.nl"})
    assert response.url == "/wachtwoord-vergeten/verstuurd" and mail.outbox == []
