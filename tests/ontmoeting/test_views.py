"""The home page."""

import pytest

from tests.locaties.factories import BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_places_with_their_buurt_and_hides_the_rest(client):
    buurt = BuurtFactory(naam="Wyckerpoort")
    LocatieFactory(naam="Huiskamer Wyckerpoort", buurt=buurt)
    LocatieFactory(naam="Nog niet klaar", gepubliceerd=False)

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Huiskamer Wyckerpoort" in html
    assert "Wyckerpoort" in html
    assert "Nog niet klaar" not in html


def test_home_speaks_dutch_by_default_and_english_on_request(client):
    assert 'lang="nl"' in client.get("/").content.decode()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in response.content.decode()
    assert "Skip to content" in response.content.decode()


def test_home_query_count_does_not_grow_with_the_number_of_places(
    client, django_assert_max_num_queries
):
    LocatieFactory(buurt=BuurtFactory())
    with django_assert_max_num_queries(3) as few:
        client.get("/")
    LocatieFactory.create_batch(15, buurt=BuurtFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")
