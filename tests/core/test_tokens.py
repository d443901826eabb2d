"""API tokens: stored hashed, shown once, expiring, revocable; the DRF authentication,
the profile page and manage.py token_create."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import ApiToken
from core.tokens import api_token_create, api_token_revoke
from tests.locaties.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

# An endpoint that answers anonymous clients too: a bad token must still give 401.
PUBLIC = "/api/v1/gemeenten"


def api_with(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_only_the_hash_is_stored():
    new = api_token_create(user=UserFactory(), naam="website", dagen=90)
    stored = ApiToken.objects.get()
    assert len(new.key) == 40 and stored.key_hash == hashlib.sha256(new.key.encode()).hexdigest()
    assert new.key not in {getattr(stored, f.attname) for f in ApiToken._meta.fields if f.attname != "id"}
    assert stored.prefix == new.key[:8]
    assert stored.verloopt_op == timezone.now() + timedelta(days=90)


def test_valid_token_authenticates_and_notes_its_use():
    user = UserFactory()
    new = api_token_create(user=user, naam="website")
    response = api_with(new.key).get(PUBLIC)
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    new.token.refresh_from_db()
    assert new.token.laatst_gebruikt_op == timezone.now()


@pytest.mark.parametrize("how", ["unknown", "revoked", "expired", "inactive", "malformed"])
def test_bad_tokens_answer_401_with_www_authenticate(how, frozen_clock):
    user = UserFactory()
    new = api_token_create(user=user, naam="website", dagen=1)
    key = new.key
    if how == "unknown":
        key = "0" * 40
    elif how == "revoked":
        api_token_revoke(token=new.token)
    elif how == "expired":
        frozen_clock.shift(24 * 3600 + 1)
    elif how == "inactive":
        user.is_active = False
        user.save()
    elif how == "malformed":
        key = f"{key} extra"
    response = api_with(key).get(PUBLIC)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response["Content-Type"].startswith("application/problem+json")


def test_days_out_of_range_are_refused(settings):
    with pytest.raises(ValidationError):
        api_token_create(user=UserFactory(), naam="x", dagen=settings.API_TOKEN_MAX_DAYS + 1)
    assert not ApiToken.objects.exists()


def test_openapi_keeps_the_token_scheme():
    schema = APIClient().get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey", "in": "header", "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }


def test_command_prints_the_key_once(settings):
    user = UserFactory(username="bestuur@example.nl", email="bestuur@example.nl")
    out, err = StringIO(), StringIO()
    call_command("token_create", "Bestuur@example.nl", "--naam", "koppeling", "--dagen", "30", stdout=out, stderr=err)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert token.naam == "koppeling" and token.verloopt_op == timezone.now() + timedelta(days=30)
    assert api_with(key).get(PUBLIC).status_code == 200
    with pytest.raises(CommandError, match="no user"):
        call_command("token_create", "niemand@example.nl", "--naam", "x")


# --- the profile page ------------------------------------------------------------------------

@pytest.fixture
def logged_in(client):
    user = LidmaatschapFactory().user
    client.force_login(user)
    client.user = user
    return client


def test_page_makes_a_token_and_shows_the_key_once(logged_in):
    response = logged_in.post("/account/tokens", {"naam": "website buurthuis", "dagen": "90"})
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=logged_in.user)
    key = page.split('id="nieuwe-sleutel">')[1].split("<")[0]
    assert hashlib.sha256(key.encode()).hexdigest() == token.key_hash
    later = logged_in.get("/account/tokens").content.decode()
    assert "website buurthuis" in later and token.prefix in later and key not in later


def test_page_shows_errors_for_an_empty_name(logged_in):
    page = logged_in.post("/account/tokens", {"naam": "", "dagen": "90"}).content.decode()
    assert 'class="error-summary"' in page and not ApiToken.objects.exists()


def test_revoke_own_token_but_not_anothers(logged_in):
    own = api_token_create(user=logged_in.user, naam="eigen")
    other = api_token_create(user=UserFactory(), naam="ander")
    assert logged_in.post(f"/account/tokens/{other.token.pk}/intrekken").status_code == 404
    assert logged_in.post(f"/account/tokens/{own.token.pk}/intrekken").status_code == 302
    own.token.refresh_from_db(), other.token.refresh_from_db()
    assert own.token.ingetrokken_op is not None and other.token.ingetrokken_op is None
    assert api_with(own.key).get(PUBLIC).status_code == 401
    assert logged_in.get(f"/account/tokens/{own.token.pk}/intrekken").status_code == 405


def test_other_users_tokens_are_not_listed(logged_in):
    api_token_create(user=UserFactory(), naam="geheim-van-een-ander")
    assert "geheim-van-een-ander" not in logged_in.get("/account/tokens").content.decode()
