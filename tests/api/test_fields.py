"""The API's own serializer fields (core/api/fields.py), through the operations
that use them: opening hours as wall-clock times, and moments within plausible years."""

import pytest

from tests.api.conftest import client_for
from tests.locaties.factories import LidmaatschapFactory, LocatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie():
    return LocatieFactory()


@pytest.fixture
def bestuur(locatie):
    return client_for(LidmaatschapFactory(organisatie=locatie.beheerder).user)


@pytest.mark.parametrize(
    "van, tot, answer",
    [
        ("08:30", "12:00", ("08:30", "12:00", False)),
        ("08:30:00", "12:00:00", ("08:30", "12:00", False)),  # with seconds, as before
        ("20:00", "00:00", ("20:00", "00:00", True)),  # until midnight: 24:00 on the site
        ("20:00", "01:00", ("20:00", "01:00", True)),
    ],
)
def test_opening_hours_are_written_with_or_without_seconds_and_answered_as_hh_mm(
    api, bestuur, locatie, van, tot, answer
):
    created = bestuur.post(
        f"/api/v1/locaties/{locatie.slug}/openingstijden", {"weekdag": 4, "van": van, "tot": tot}, format="json"
    )
    assert created.status_code == 201, created.content
    assert (created.json()["van"], created.json()["tot"], created.json()["totVolgendeDag"]) == answer
    hours = api.get(f"/api/v1/locaties/{locatie.slug}").json()["openingstijden"]
    assert [(h["van"], h["tot"], h["totVolgendeDag"]) for h in hours] == [answer]


def _activiteit(bestuur, locatie, start: str):
    return bestuur.post("/api/v1/activiteiten", {
        "locatie": locatie.slug, "organisator": locatie.beheerder.slug, "titel": "Reünie",
        "soort": "evenement", "start": start, "duurMinuten": 120,
    }, format="json")


# Before 1940 Amsterdam's offset had seconds (+00:19:32), which no RFC 3339 date-time
# in the answer can hold; and a year like 4 is a typo.
@pytest.mark.parametrize("start", ["0004-07-01T10:00:00+01:00", "1930-05-01T10:00:00+01:00", "2100-01-01T10:00:00Z"])
def test_a_moment_outside_plausible_years_is_a_400_naming_the_field(bestuur, locatie, start):
    response = _activiteit(bestuur, locatie, start)
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["start"]


def test_a_moment_in_plausible_years_is_taken_past_ones_too(bestuur, locatie):
    response = _activiteit(bestuur, locatie, "2020-05-01T10:00:00+02:00")
    assert response.status_code == 201, response.content
    assert response.json()["start"] == "2020-05-01T10:00:00+02:00"
