"""Every clash answers 409 problem+json naming what is in the way: a room booked by a
rental or by another activity, whichever write ran into it."""

from datetime import timedelta

import pytest

from locaties.constants import ReserveringStatus
from tests.activiteiten.factories import WensFactory, make_activiteit, next_weekday_at
from tests.api.conftest import client_for
from tests.locaties.factories import ReserveringFactory, RuimteFactory

pytestmark = pytest.mark.django_db


def _assert_409_naming(response, reservering):
    assert response.status_code == 409, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert reservering.pk in [c["id"] for c in response.json()["conflicten"]]


@pytest.fixture
def zaal(world):
    return RuimteFactory(locatie=world["locatie_a"])


def test_an_activity_whose_schedule_clashes_with_a_rental_is_409(world, zaal):
    start = next_weekday_at(3, 10, weeks_ahead=2)
    verhuur = ReserveringFactory(ruimte=zaal, status=ReserveringStatus.BEVESTIGD, start=start, eind=start + timedelta(hours=1))
    response = client_for(world["users"]["bestuur_a"]).post("/api/v1/activiteiten", {
        "locatie": world["locatie_a"].slug, "organisator": world["org_a"].slug, "titel": "Repair café",
        "soort": "activiteit", "start": start.isoformat(), "duurMinuten": 120, "ruimte": zaal.pk,
        "status": "gepubliceerd",
    }, format="json")
    _assert_409_naming(response, verhuur)


def test_a_schedule_change_that_clashes_with_another_activity_is_409(world, zaal):
    andere = make_activiteit(locatie=world["locatie_a"], organisator=world["org_a"], ruimte=zaal,
                             rrule="FREQ=WEEKLY;BYDAY=TH", start=next_weekday_at(3, 14))
    activiteit = make_activiteit(locatie=world["locatie_a"], organisator=world["org_a"], ruimte=zaal)
    response = client_for(world["users"]["bestuur_a"]).patch(
        f"/api/v1/activiteiten/{activiteit.slug}", {"rrule": "FREQ=WEEKLY;BYDAY=TU,TH"}, format="json"
    )
    _assert_409_naming(response, andere.bijeenkomsten.order_by("start").first().reservering)


def test_moving_an_occurrence_into_a_booked_slot_is_409(world, zaal):
    activiteit = make_activiteit(locatie=world["locatie_a"], organisator=world["org_a"], ruimte=zaal)
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    doel = bijeenkomst.start + timedelta(days=1)
    verhuur = ReserveringFactory(ruimte=zaal, status=ReserveringStatus.BEVESTIGD, start=doel, eind=doel + timedelta(hours=2))
    response = client_for(world["users"]["bestuur_a"]).post(
        f"/api/v1/bijeenkomsten/{bijeenkomst.pk}/verplaatsen",
        {"start": doel.isoformat(), "eind": (doel + timedelta(hours=2)).isoformat()}, format="json",
    )
    _assert_409_naming(response, verhuur)
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.start == bijeenkomst.origineel_start


def test_supporting_a_wish_twice_is_409_and_counts_once(world, api):
    wens = WensFactory(buurt=world["buurt_a"], goedgekeurd=True, steun=1)
    assert api.post(f"/api/v1/wensen/{wens.pk}/steun").json() == {"steun": 2}
    again = api.post(f"/api/v1/wensen/{wens.pk}/steun")
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"
    # Another supporter (here: with an account) still counts.
    assert client_for(world["users"]["bestuur_a"]).post(f"/api/v1/wensen/{wens.pk}/steun").json() == {"steun": 3}
    wens.refresh_from_db()
    assert wens.steun == 3
