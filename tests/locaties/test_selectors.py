"""The public reads of places use the one definition of "open on a date"."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from locaties.selectors import locatie_list_geo, locatie_list_published

from .factories import LocatieFactory

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
