"""``/api/v1/buurten/{code}/dekking`` is an API resource like the others: the dashboard's
public figures, with the API's headers, conditional requests, throttle and schema."""

import json

import pytest
from rest_framework.settings import api_settings

from core.api import API_VERSION
from ontmoeting.dekking.selectors import buurt_dekking_public
from tests.ontmoeting.test_dashboard import make_gemeente

pytestmark = pytest.mark.django_db


@pytest.fixture
def buurt():
    _gemeente, buurten = make_gemeente()
    return buurten[0]


def test_the_body_is_the_public_figures_of_the_dashboard(api, buurt):
    response = api.get(f"/api/v1/buurten/{buurt.code}/dekking")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == buurt_dekking_public(buurt.code)


def test_a_lower_case_code_finds_the_buurt(api, buurt):
    assert api.get(f"/api/v1/buurten/{buurt.code.lower()}/dekking").json()["buurtcode"] == buurt.code


def test_headers_etag_and_cors_as_every_read(api, buurt):
    url = f"/api/v1/buurten/{buurt.code}/dekking"
    first = api.get(url)
    assert first["API-Version"] == API_VERSION
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "public" in first["Cache-Control"] and first["Last-Modified"]
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_unknown_buurt_is_a_404_problem(api):
    response = api.get("/api/v1/buurten/BU99999999/dekking")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "BU99999999" in response.json()["detail"]
    assert response["API-Version"] == API_VERSION


def test_anonymous_reads_are_throttled(api, buurt, monkeypatch, clock):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon-lezen", "2/minute")
    statuses = [api.get(f"/api/v1/buurten/{buurt.code}/dekking").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_in_the_openapi_description_linked_from_the_buurt(api):
    schema = api.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/buurten/{code}/dekking"]["get"]
    assert operation["security"][-1] == {}  # anonymous may call it
    assert {"200", "404", "429"} <= set(operation["responses"])
    properties = schema["components"]["schemas"]["BuurtDekking"]["properties"]
    assert {"aandeel_65plus_400m", "afstand", "bron"} <= set(properties)
    buurt_links = schema["paths"]["/api/v1/buurten/{code}"]["get"]["responses"]["200"]["links"]
    assert operation["operationId"] in buurt_links
