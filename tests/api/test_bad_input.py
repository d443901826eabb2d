"""Bad input is a 4xx: bodies too deep or too large, dates out of range."""

import pytest
from django.conf import settings
from django.test import Client

from tests.activiteiten.factories import make_activiteit
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

DEEP = 100_000


def _post_raw(client, path, raw: bytes, **extra):
    return client.generic("POST", path, raw, content_type="application/json", **extra)


@pytest.mark.parametrize("body", ["[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP])
def test_json_nested_100000_deep_is_400(api, world, body):
    response = _post_raw(api, "/api/v1/wensen", body.encode(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "The JSON is nested too deeply."


def test_json_nested_deeper_than_the_parser_allows_inside_a_field_is_400(api, world):
    # Deep enough to pass Python's decoder, too deep for anything walking it recursively.
    tekst = "[" * 900 + "]" * 900
    body = f'{{"buurt": "{world["buurt_a"].code}", "tekst": {tekst}}}'
    response = _post_raw(api, "/api/v1/wensen", body.encode())
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_json_of_ordinary_depth_still_works(api, world):
    response = api.post("/api/v1/wensen", {"buurt": world["buurt_a"].code, "tekst": "Een moestuin"}, format="json")
    assert response.status_code == 201


def test_a_20_mb_json_body_is_413_problem_json(api, world):
    body = b'{"buurt": "%s", "tekst": "%s"}' % (world["buurt_a"].code.encode(), b"x" * (20 * 1024 * 1024))
    response = _post_raw(api, "/api/v1/wensen", body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 413 and problem["title"] == "The request is too large."
    assert problem["detail"] == "The request body is larger than 2.5 MB."


def test_a_20_mb_body_with_a_token_is_413_too_and_in_dutch(world):
    client = client_for(world["users"]["bestuur_a"])
    body = b'{"beschrijving": "%s"}' % (b"x" * (20 * 1024 * 1024))
    response = client.generic(
        "PATCH", f"/api/v1/locaties/{world['locatie_a'].slug}", body, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 413
    assert response.json()["title"] == "Het verzoek is te groot."
    assert response.json()["detail"] == "Wat u stuurt is groter dan 2,5 MB."


def test_a_20_mb_form_on_a_page_is_a_friendly_413_page():
    # A real browser's form, with its CSRF cookie: the CSRF check reads the body before any view.
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    response = client.post(
        "/agenda", {"veld": "x" * (20 * 1024 * 1024)}, HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert '<html lang="nl">' in page and "css/site" in page
    assert "Wat u stuurde is te groot" in page


@pytest.mark.parametrize(
    "query, name",
    [("van=9999-12-31", "van"), ("tot=9999-12-31", "tot"), ("van=9999-12-20&tot=9999-12-31", "van"),
     ("van=0001-01-01", "van"), ("tot=0001-01-01", "tot")],
)
def test_occurrences_with_a_date_out_of_range_are_400_naming_it(api, query, name):
    response = api.get(f"/api/v1/bijeenkomsten?{query}")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert name in {p["name"] for p in response.json()["invalidParams"]}


def test_occurrences_in_a_far_but_valid_year_are_an_empty_list(api):
    response = api.get("/api/v1/bijeenkomsten?van=2999-12-01&tot=2999-12-31")
    assert response.status_code == 200
    assert response.json()["resultaten"] == []


@pytest.mark.parametrize(
    "query, name",
    [("tot=0001-01-01", "tot"), ("van=9999-12-31&tot=9999-12-31", "van"), ("tot=morgen", "tot"), ("van=gisteren", "van")],
)
def test_kengetallen_with_a_date_out_of_range_are_400_naming_it(world, query, name):
    client = client_for(world["users"]["ambtenaar_a"])
    response = client.get(f"/api/v1/gemeenten/{world['gemeente_a'].code}/kengetallen?{query}")
    assert response.status_code == 400, response.content[:300]
    assert name in {p["name"] for p in response.json()["invalidParams"]}


@pytest.mark.parametrize(
    "field, value",
    [("van", "9999-12-31"), ("tot", "9999-12-31"), ("van", "0001-01-01")],
)
def test_a_closure_with_a_date_out_of_range_is_400_naming_it(world, field, value):
    client = client_for(world["users"]["bestuur_a"])
    data = {"van": "2030-07-01", "tot": "2030-07-14", "reden": "Zomer", field: value}
    response = client.post(f"/api/v1/locaties/{world['locatie_a'].slug}/sluitingen", data, format="json")
    assert response.status_code == 400, response.content[:300]
    assert field in {p["name"] for p in response.json()["invalidParams"]}


@pytest.mark.parametrize(
    "data, name",
    [({"einddatum": "9999-12-31"}, "einddatum"), ({"start": "9999-12-31T23:00:00+00:00"}, "start"),
     ({"start": "0001-01-01T00:00:00+00:00"}, "start"), ({"laatstBevestigd": "9999-12-31"}, "laatstBevestigd")],
)
def test_an_activity_with_a_date_out_of_range_is_400_naming_it(world, data, name):
    activiteit = make_activiteit(locatie=world["locatie_a"], organisator=world["org_a"])
    client = client_for(world["users"]["bestuur_a"])
    response = client.patch(f"/api/v1/activiteiten/{activiteit.slug}", data, format="json")
    assert response.status_code == 400, response.content[:300]
    assert name in {p["name"] for p in response.json()["invalidParams"]}


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01"])
def test_a_page_with_a_week_out_of_range_shows_this_week(week):
    response = Client().get(f"/agenda?week={week}")
    assert response.status_code == 200
