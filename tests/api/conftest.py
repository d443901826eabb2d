"""Fixtures of the API tests: clients per role, and a clean throttle cache per test."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from locaties.constants import Rol
from ontmoeting.api.throttles import FixedWindowThrottle
from tests.locaties.factories import (
    BuurtFactory,
    GemeenteFactory,
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counts live in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """The throttles' clock, standing still until a test moves it: 20 s into a minute."""
    now = [1_800_000_020.0]
    monkeypatch.setattr(FixedWindowThrottle, "timer", staticmethod(lambda: now[0]))
    return now


@pytest.fixture
def api():
    return APIClient()


def client_for(user) -> APIClient:
    """An APIClient authenticating with the user's token, as an external system would."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def world(db):
    """Two organisations A and B with a place each in two gemeenten, and one user per role."""
    gemeente_a, gemeente_b = GemeenteFactory(), GemeenteFactory()
    buurt_a = BuurtFactory(wijk__gemeente=gemeente_a)
    buurt_b = BuurtFactory(wijk__gemeente=gemeente_b)
    org_a = OrganisatieFactory(gemeente=gemeente_a)
    org_b = OrganisatieFactory(gemeente=gemeente_b)
    locatie_a = LocatieFactory(beheerder=org_a, buurt=buurt_a)
    locatie_b = LocatieFactory(beheerder=org_b, buurt=buurt_b)
    users = {
        "anoniem": None,
        "bestuur_a": LidmaatschapFactory(organisatie=org_a, rol=Rol.BESTUUR).user,
        "bestuur_b": LidmaatschapFactory(organisatie=org_b, rol=Rol.BESTUUR).user,
        "coordinator_a": LidmaatschapFactory(organisatie=org_a, rol=Rol.COORDINATOR).user,
        "ambtenaar_a": GemeentemedewerkerFactory(gemeente=gemeente_a).user,
        "ambtenaar_b": GemeentemedewerkerFactory(gemeente=gemeente_b).user,
        "staf": UserFactory(is_staff=True),
    }
    return {
        "gemeente_a": gemeente_a, "gemeente_b": gemeente_b, "buurt_a": buurt_a, "buurt_b": buurt_b,
        "org_a": org_a, "org_b": org_b, "locatie_a": locatie_a, "locatie_b": locatie_b, "users": users,
    }
