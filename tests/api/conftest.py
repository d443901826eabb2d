"""Fixtures of the API tests: clients per role, and fresh throttle blocks per test."""

from datetime import time, timedelta
from types import SimpleNamespace

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.test import APIClient

from core.api.throttles import FixedWindowThrottle, forget_local_blocks
from core.tokens import api_token_create
from locaties.constants import Rol, TariefCategorie
from ontmoeting.dekking.compute import dekking_compute
from tests.activiteiten.factories import WensFactory, make_activiteit_met_aanmelding, next_weekday_at
from tests.locaties.factories import (
    BuurtFactory,
    GemeenteFactory,
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
    SluitingFactory,
    TariefFactory,
    UserFactory,
)
from tests.vrijwilligers.factories import VacatureFactory


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # The shared counts live in the database and go with each test's transaction (or
    # flush); what this process holds of its blocks must go too, or a test would spend
    # requests another test's database counted.
    forget_local_blocks()
    yield
    forget_local_blocks()


def view_queries(captured) -> list:
    """The captured queries without the throttles' counting (``core_counter``), which
    takes a block of requests on one request and none on the next: a test of a view's
    queries counts the view's."""
    return [query for query in captured if "core_counter" not in query["sql"]]


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
    """An APIClient authenticating with a new token of the user, as an external system would."""
    client = APIClient()
    if user is not None:
        key = api_token_create(user=user, naam="test").key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def world(db):
    """Two organisations A and B with a place each in two gemeenten, and one user per role:
    bestuur, beheerder and coördinator of each organisation, an official of each
    gemeente, a staff member who is no superuser (staff only opens the admin, and grants
    nothing), and a superuser."""
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
        "beheerder_a": LidmaatschapFactory(organisatie=org_a, rol=Rol.BEHEERDER).user,
        "beheerder_b": LidmaatschapFactory(organisatie=org_b, rol=Rol.BEHEERDER).user,
        "coordinator_a": LidmaatschapFactory(organisatie=org_a, rol=Rol.COORDINATOR).user,
        "coordinator_b": LidmaatschapFactory(organisatie=org_b, rol=Rol.COORDINATOR).user,
        "ambtenaar_a": GemeentemedewerkerFactory(gemeente=gemeente_a).user,
        "ambtenaar_b": GemeentemedewerkerFactory(gemeente=gemeente_b).user,
        "staf": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    return {
        "gemeente_a": gemeente_a, "gemeente_b": gemeente_b, "buurt_a": buurt_a, "buurt_b": buurt_b,
        "org_a": org_a, "org_b": org_b, "locatie_a": locatie_a, "locatie_b": locatie_b, "users": users,
    }


@pytest.fixture
def wsgi_keeps_test_connection():
    """Django's own test client keeps the test transaction's connection open by
    disconnecting ``close_old_connections``; a WSGI call in process (schemathesis) must
    do the same, or it would close the connection that holds the test's data."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def owned_objects(db):
    """One of everything the API shows, all owned by one organisation, and the token of
    an ordinary user on its board (also an official of its gemeente, for the
    kengetallen): paths can name real objects and writes reach their services.

    ``path_values`` gives the identifier to put in a path, by its first segment
    (``locaties`` -> a slug); ``body_values`` the references a write body may hold."""
    gemeente = GemeenteFactory()
    buurt = BuurtFactory(wijk__gemeente=gemeente)
    organisatie = OrganisatieFactory(gemeente=gemeente)
    bestuur = LidmaatschapFactory(organisatie=organisatie, rol=Rol.BESTUUR).user
    GemeentemedewerkerFactory(user=bestuur, gemeente=gemeente)
    locatie = LocatieFactory(beheerder=organisatie, buurt=buurt)
    OpeningstijdFactory(locatie=locatie, weekdag=0, van=time(8, 30), tot=time(12, 0))
    # Until midnight: answered as 00:00 with totVolgendeDag (the site shows 24:00).
    OpeningstijdFactory(locatie=locatie, weekdag=4, van=time(20, 0), tot=time(0, 0))
    SluitingFactory(locatie=locatie)
    ruimte = RuimteFactory(locatie=locatie)
    for categorie in TariefCategorie.values:  # a rental request of any tenant has a price
        TariefFactory(ruimte=ruimte, categorie=categorie)
    activiteit = make_activiteit_met_aanmelding(locatie=locatie, organisator=organisatie)
    wens = WensFactory(buurt=buurt)
    vacature = VacatureFactory(organisatie=organisatie, locatie=locatie, gepubliceerd=True)
    reservering = ReserveringFactory(ruimte=ruimte)
    dekking_compute(gemeente=gemeente)  # the buurt's coverage figures exist
    start = next_weekday_at(2, 10)
    return SimpleNamespace(
        token=api_token_create(user=bestuur, naam="schemathesis").key,
        path_values={
            "gemeenten": gemeente.code, "wijken": buurt.wijk.code, "buurten": buurt.code,
            "locaties": locatie.slug, "activiteiten": activiteit.slug,
            "bijeenkomsten": activiteit.bijeenkomsten.order_by("start").first().pk,
            "wensen": wens.pk, "vacatures": vacature.pk, "reserveringen": reservering.pk,
        },
        body_values={
            "beheerder": organisatie.slug, "organisator": organisatie.slug, "buurt": buurt.code,
            "locatie": locatie.slug, "ruimte": ruimte.pk, "huurderEmail": "huurder@example.nl",
            # A free slot of the room ahead: a rental, a moved occurrence or a new activity fits.
            "start": start.isoformat(), "eind": (start + timedelta(hours=2)).isoformat(),
        },
    )
