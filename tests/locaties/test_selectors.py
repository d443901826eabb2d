"""The public reads of places use the one definition of "open on a date"."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from locaties.selectors import buurt_search, locatie_list_geo, locatie_list_published

from .factories import BuurtFactory, GemeenteFactory, LocatieFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    today = timezone.localdate()
    return {
        "closes_next_month": LocatieFactory(naam="Sluit later", gesloten_sinds=today + timedelta(days=30)),
        "opened_today": LocatieFactory(naam="Vandaag open", open_sinds=today),
        "opens_next_week": LocatieFactory(naam="Nog niet open", open_sinds=today + timedelta(days=7)),
        "closed_today": LocatieFactory(naam="Vandaag dicht", gesloten_sinds=today),
    }


def test_published_places_are_those_open_today(places):
    shown = set(locatie_list_published().values_list("naam", flat=True))
    assert shown == {"Sluit later", "Vandaag open"}
    assert {row["naam"] for row in locatie_list_geo()} == shown


def test_the_public_places_api_lists_the_places_open_today(places):
    response = APIClient().get("/api/v1/locaties", {"pageSize": 50})
    assert response.status_code == 200
    assert {row["naam"] for row in response.json()["resultaten"]} == {"Sluit later", "Vandaag open"}


# --- finding a buurt --------------------------------------------------------------------


def test_buurt_search_forgives_spelling():
    wyck = BuurtFactory(naam="Wyck")
    wyckerpoort = BuurtFactory(naam="Wyckerpoort")
    BuurtFactory(naam="Heer")
    assert buurt_search("wijck") == [wyck, wyckerpoort]  # "ij" for "y", the closest first
    assert buurt_search("wyckerport") == [wyckerpoort]  # a letter missing
    assert buurt_search("WYCK")[0] == wyck
    assert buurt_search("Atlantis") == []


def test_buurt_search_by_a_gemeentes_name_lists_all_its_buurten():
    maastricht = GemeenteFactory(naam="Maastricht")
    buurten = [BuurtFactory(wijk=WijkFactory(gemeente=maastricht)) for _n in range(25)]
    BuurtFactory(naam="Maastricht-Airport")  # elsewhere, and not a gemeente
    found = buurt_search("maastricht")
    assert set(found) == set(buurten)  # all, past the usual limit of 20


def test_one_hit_goes_straight_to_the_buurt_page(client):
    heer = BuurtFactory(naam="Heer")
    BuurtFactory(naam="Wyck")
    BuurtFactory(naam="Wyckerpoort")
    response = client.get("/", {"q": "heer"})
    assert response.status_code == 302 and response["Location"] == f"/buurten/{heer.code}"
    assert client.get("/", {"q": "wyck"}).status_code == 200  # two hits: the list
