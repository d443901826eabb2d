"""The occurrences list pages in one query (``LinkHeaderPagination.paginate_counted``):
the same ``totaal``, links and 404 as the counting pagination, and each occurrence the
same in the list as on its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.activiteiten.factories import make_activiteit
from tests.api.conftest import view_queries
from tests.locaties.factories import LocatieFactory, RuimteFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bijeenkomsten"


@pytest.fixture
def occurrences():
    """Three weekly activities at one place (one in a room): their occurrences in the
    coming four weeks (nine)."""
    locatie = LocatieFactory()
    ruimte = RuimteFactory(locatie=locatie, naam="Grote zaal")
    make_activiteit(locatie=locatie, ruimte=ruimte)
    make_activiteit(locatie=locatie, titel="Koffie")
    make_activiteit(locatie=locatie, titel="Zingen")
    return locatie


def test_every_page_says_the_total_of_all_pages(api, occurrences):
    in_four_weeks = api.get(f"{LIST}?locatie={occurrences.slug}&pageSize=100").json()["totaal"]
    assert in_four_weeks == 9  # three Tuesday activities, three Tuesdays in the coming four weeks
    pages = -(-in_four_weeks // 5)
    seen = []
    for number in range(1, pages + 1):
        body = api.get(f"{LIST}?locatie={occurrences.slug}&pageSize=5&page={number}").json()
        assert body["totaal"] == in_four_weeks
        assert body["pagina"] == number and body["paginaGrootte"] == 5
        assert f"page={pages}&" in body["_links"]["last"]["href"]
        assert ("next" in body["_links"]) == (number < pages)
        assert ("prev" in body["_links"]) == (number > 1)
        seen += [row["id"] for row in body["resultaten"]]
    assert len(seen) == len(set(seen)) == in_four_weeks


def test_a_page_past_the_last_is_404_and_an_empty_first_page_has_total_0(api, occurrences):
    assert api.get(f"{LIST}?locatie={occurrences.slug}&page=99").status_code == 404
    body = api.get(f"{LIST}?locatie=onbekend").json()
    assert body["totaal"] == 0 and body["resultaten"] == []
    assert "page=1" in body["_links"]["last"]["href"] and "next" not in body["_links"]
    assert api.get(f"{LIST}?locatie=onbekend&page=2").status_code == 404


def test_a_page_and_its_total_are_one_query(api, occurrences):
    with CaptureQueriesContext(connection) as queries:
        assert api.get(f"{LIST}?locatie={occurrences.slug}&pageSize=5").status_code == 200
    assert len(view_queries(queries)) == 1
    assert "COUNT(*) OVER ()" in view_queries(queries)[0]["sql"]


def test_an_occurrence_in_the_list_reads_as_on_its_own(api, occurrences):
    rows = api.get(f"{LIST}?locatie={occurrences.slug}&pageSize=100").json()["resultaten"]
    assert {row["ruimte"] for row in rows} == {"Grote zaal", None}
    for row in rows:
        assert api.get(f"{LIST}/{row['id']}").json() == row
