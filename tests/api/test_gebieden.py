"""The area lists: wijken filtered on gemeente, buurten on gemeente or wijk, through the
FilterSets in locaties/filters.py. A code in the wrong form is a 400 naming the
parameter; a well-formed code nobody knows is an empty list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import view_queries
from tests.locaties.factories import BuurtFactory, GemeenteFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebieden():
    """Two gemeenten, the first with two wijken of two buurten each, the second with one."""
    gemeente_a, gemeente_b = GemeenteFactory(), GemeenteFactory()
    wijken_a = [WijkFactory(gemeente=gemeente_a) for _ in range(2)]
    wijk_b = WijkFactory(gemeente=gemeente_b)
    buurten = {wijk.code: [BuurtFactory(wijk=wijk) for _ in range(2)] for wijk in [*wijken_a, wijk_b]}
    return {"gemeente_a": gemeente_a, "gemeente_b": gemeente_b, "wijken_a": wijken_a, "wijk_b": wijk_b,
            "buurten": buurten}


def _codes(api, url) -> list[str]:
    response = api.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return [row["code"] for row in response.json()["resultaten"]]


def test_wijken_filtered_on_gemeente(api, gebieden):
    expected = sorted(wijk.code for wijk in gebieden["wijken_a"])
    assert _codes(api, f"/api/v1/wijken?gemeente={gebieden['gemeente_a'].code}") == expected
    assert _codes(api, f"/api/v1/wijken?gemeente={gebieden['gemeente_b'].code}") == [gebieden["wijk_b"].code]
    assert len(_codes(api, "/api/v1/wijken")) == 3


def test_buurten_filtered_on_gemeente_and_on_wijk(api, gebieden):
    buurten = gebieden["buurten"]
    wijk_a = gebieden["wijken_a"][0]
    in_gemeente_a = sorted(b.code for wijk in gebieden["wijken_a"] for b in buurten[wijk.code])
    assert _codes(api, f"/api/v1/buurten?gemeente={gebieden['gemeente_a'].code}") == in_gemeente_a
    in_wijk_a = sorted(b.code for b in buurten[wijk_a.code])
    assert _codes(api, f"/api/v1/buurten?wijk={wijk_a.code}") == in_wijk_a
    assert _codes(api, f"/api/v1/buurten?gemeente={gebieden['gemeente_a'].code}&wijk={wijk_a.code}") == in_wijk_a
    assert _codes(api, f"/api/v1/buurten?gemeente={gebieden['gemeente_b'].code}&wijk={wijk_a.code}") == []
    assert _codes(api, f"/api/v1/buurten?wijk={wijk_a.code}&metGrens=true") == in_wijk_a
    assert len(_codes(api, "/api/v1/buurten")) == 6


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/wijken?gemeente=0935", "gemeente"),
        ("/api/v1/wijken?gemeente=GM935", "gemeente"),
        ("/api/v1/wijken?gemeente=gm0935", "gemeente"),
        ("/api/v1/wijken?gemeente=WK093501", "gemeente"),
        ("/api/v1/buurten?gemeente=GM09350", "gemeente"),
        ("/api/v1/buurten?wijk=WK0935", "wijk"),
        ("/api/v1/buurten?wijk=GM0935", "wijk"),
        ("/api/v1/buurten?wijk=WK093501&gemeente=Maastricht", "gemeente"),
    ],
)
def test_a_code_in_the_wrong_form_is_400_naming_the_parameter(api, gebieden, url, parameter):
    response = api.get(url)
    assert response.status_code == 400, (url, response.content[:300])
    assert response["Content-Type"] == "application/problem+json"
    invalid = response.json()["invalidParams"]
    assert [p["name"] for p in invalid] == [parameter]
    assert invalid[0]["reason"]


def test_the_reason_is_in_the_clients_language(api):
    dutch = api.get("/api/v1/buurten?wijk=WK0935", HTTP_ACCEPT_LANGUAGE="nl").json()["invalidParams"][0]
    english = api.get("/api/v1/buurten?wijk=WK0935", HTTP_ACCEPT_LANGUAGE="en").json()["invalidParams"][0]
    assert dutch["reason"] == "Een wijkcode is WK met daarna 6 cijfers of letters."
    assert english["reason"] == "A wijk code is WK followed by 6 digits or letters."


@pytest.mark.parametrize(
    "url", ["/api/v1/wijken?gemeente=GM0001", "/api/v1/buurten?gemeente=GM0001", "/api/v1/buurten?wijk=WK000199"]
)
def test_an_unknown_well_formed_code_is_an_empty_list(api, gebieden, url):
    response = api.get(url)
    assert response.status_code == 200
    assert response.json()["resultaten"] == []


def test_the_schema_documents_the_filters_from_the_filtersets(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    wijken = {p["name"] for p in paths["/api/v1/wijken"]["get"]["parameters"]}
    buurten = {p["name"] for p in paths["/api/v1/buurten"]["get"]["parameters"]}
    assert {"gemeente"} <= wijken and "wijk" not in wijken
    assert {"gemeente", "wijk", "metGrens"} <= buurten


def _query_count(api, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(view_queries(queries))


@pytest.mark.parametrize("endpoint", ["wijken", "buurten"])
def test_filtered_lists_answer_in_a_constant_number_of_queries(api, endpoint):
    wijk = WijkFactory()
    BuurtFactory(wijk=wijk)
    urls = [f"/api/v1/{endpoint}?gemeente={wijk.gemeente.code}"]
    if endpoint == "buurten":
        urls += [f"/api/v1/buurten?wijk={wijk.code}", f"/api/v1/buurten?wijk={wijk.code}&metGrens=true"]
    one = [_query_count(api, url) for url in urls]
    for _ in range(6):
        BuurtFactory(wijk=WijkFactory(gemeente=wijk.gemeente))
        BuurtFactory(wijk=wijk)
    assert [_query_count(api, url) for url in urls] == one


def test_the_boundary_comes_only_with_met_grens_and_the_schema_does_not_require_it(api, gebieden):
    code = gebieden["buurten"][gebieden["wijk_b"].code][0].code
    without = api.get(f"/api/v1/buurten/{code}").json()
    with_boundary = api.get(f"/api/v1/buurten/{code}?metGrens=true").json()
    assert "grens" not in without
    assert with_boundary["grens"]["type"] == "Polygon"
    assert "grens" not in api.get("/api/v1/buurten").json()["resultaten"][0]
    buurt = api.get("/api/v1/openapi.json").json()["components"]["schemas"]["Buurt"]
    assert "grens" in buurt["properties"] and "grens" not in buurt["required"]
