"""The home page."""

import pytest

from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def test_home_offers_the_buurt_search_and_the_agenda_of_the_gemeente(client):
    buurt = BuurtFactory(naam="Wyckerpoort")
    LocatieFactory(naam="Huiskamer Wyckerpoort", buurt=buurt)

    html = client.get("/").content.decode()

    assert 'name="q"' in html
    assert f"/agenda?gemeente={buurt.gemeente.code}" in html
    assert buurt.gemeente.naam in html


def test_home_speaks_dutch_by_default_and_english_on_request(client):
    assert 'lang="nl"' in client.get("/").content.decode()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in response.content.decode()
    assert "Skip to content" in response.content.decode()


def test_home_query_count_does_not_grow_with_the_number_of_activities(
    client, django_assert_max_num_queries
):
    buurt = BuurtFactory(naam="Amby")
    BuurtFactory(wijk=buurt.wijk, naam="Aan de Maas")  # two hits from the start: a list, not a redirect
    make_activiteit(locatie=LocatieFactory(buurt=buurt))
    with django_assert_max_num_queries(6) as few:
        client.get("/?q=a")
    for n in range(10):
        make_activiteit(locatie=LocatieFactory(buurt=BuurtFactory(wijk=buurt.wijk)), titel=f"Activiteit {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/?q=a")


def test_home_says_when_a_location_is_in_no_known_buurt(client):
    html = client.get("/?lat=53.0&lon=3.5").content.decode()
    assert "Wij kennen geen buurt op uw locatie" in html
    assert "Wij kennen geen buurt" not in client.get("/").content.decode()
