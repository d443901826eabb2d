"""HTTP conventions of the API: problem+json, trailing slash, headers, pagination,
conditional requests, CORS, throttling, GeoJSON and iCalendar."""


import pytest
from icalendar import Calendar
from rest_framework.settings import api_settings

from activiteiten.services import bijeenkomst_annuleer
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_trailing_slash_is_404_problem_json_not_a_redirect(api, world):
    response = api.get(f"/api/v1/locaties/{world['locatie_a'].slug}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["instance"].endswith("/") and body["title"]
    assert response["API-Version"] == "1.0.0"


def test_bad_query_parameter_is_400_with_invalid_params(api):
    response = api.get("/api/v1/bijeenkomsten?van=gisteren&straal=5")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert "van" in names


def test_pagination_link_header_and_body_links(api, world):
    for _ in range(3):
        make_activiteit(locatie=world["locatie_a"])
    response = api.get("/api/v1/activiteiten?pageSize=1&page=2")
    assert response.status_code == 200
    body = response.json()
    assert body["totaal"] == 3 and len(body["resultaten"]) == 1
    link = response["Link"]
    assert 'rel="next"' in link and 'rel="prev"' in link and 'rel="last"' in link
    assert body["_links"]["next"]["href"].endswith("page=3") or "page=3" in body["_links"]["next"]["href"]
    assert f'<{body["_links"]["next"]["href"]}>; rel="next"' in link


def test_etag_gives_304_and_public_cache_control(api, world):
    url = f"/api/v1/locaties/{world['locatie_a'].slug}"
    first = api.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["Last-Modified"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    by_date = api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    changed = api.get(url, HTTP_IF_NONE_MATCH='"iets-anders"')
    assert changed.status_code == 200


def test_cors_open_for_reads_only(api, world):
    assert api.get("/api/v1/locaties")["Access-Control-Allow-Origin"] == "*"
    preflight = api.options("/api/v1/locaties", HTTP_ORIGIN="https://bibliotheek.example")
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    write = api.post("/api/v1/wensen", {"buurt": world["buurt_a"].code, "tekst": "Een moestuin"}, format="json")
    assert write.status_code == 201
    assert "Access-Control-Allow-Origin" not in write


def test_anonymous_reads_are_throttled_with_retry_after(api, monkeypatch, clock):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon-lezen", "3/minute")
    statuses = [api.get("/api/v1/gemeenten").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/gemeenten")
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "40"  # the rest of the minute
    clock[0] += 40
    assert api.get("/api/v1/gemeenten").status_code == 200


def test_a_client_cannot_choose_its_address_for_the_throttle(api, monkeypatch, clock):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon-lezen", "2/minute")
    statuses = [
        api.get("/api/v1/gemeenten", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_public_writes_are_throttled(api, world, monkeypatch, clock):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "publiek-schrijven", "2/hour")
    data = {"buurt": world["buurt_a"].code, "tekst": "Een jeu-de-boulesbaan"}
    statuses = [api.post("/api/v1/wensen", data, format="json").status_code for _ in range(3)]
    assert statuses == [201, 201, 429]


def test_geojson_feature_collection(api, world):
    response = api.get("/api/v1/locaties", HTTP_ACCEPT="application/geo+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    feature = next(f for f in body["features"] if f["id"] == world["locatie_a"].slug)
    assert feature["geometry"] == {"type": "Point", "coordinates": [world["locatie_a"].lon, world["locatie_a"].lat]}
    filtered = api.get(f"/api/v1/locaties?format=geojson&buurt={world['buurt_b'].code}").json()
    assert [f["id"] for f in filtered["features"]] == [world["locatie_b"].slug]


def test_bijeenkomsten_as_icalendar_with_cancelled_status_and_stable_uids(api, world):
    activiteit = make_activiteit(locatie=world["locatie_a"])
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    bijeenkomst_annuleer(bijeenkomst=eerste)
    response = api.get("/api/v1/bijeenkomsten", HTTP_ACCEPT="text/calendar")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert any(c.name == "VTIMEZONE" and c["TZID"] == "Europe/Amsterdam" for c in calendar.walk())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) >= 2
    statuses = {str(e["STATUS"]) for e in events}
    assert statuses == {"CANCELLED", "CONFIRMED"}
    assert events[0]["DTSTART"].dt.tzinfo is not None
    assert str(events[0]["URL"]).endswith(f"/activiteiten/{activiteit.slug}")
    again = Calendar.from_ical(api.get("/api/v1/bijeenkomsten?format=ics").content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


def test_registration_then_cancel_by_token(api, world):
    activiteit = make_activiteit_met_aanmelding(capaciteit=1, locatie=world["locatie_a"])
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    url = f"/api/v1/bijeenkomsten/{bijeenkomst.pk}/aanmeldingen"
    first = api.post(url, {"naam": "Els", "email": "els@example.nl"}, format="json")
    second = api.post(url, {"naam": "Piet", "telefoon": "0612345678"}, format="json")
    assert (first.status_code, first.json()["status"]) == (201, "bevestigd")
    assert second.json()["status"] == "wachtlijst"
    assert "els@example.nl" not in first.content.decode()
    listed = api.get(f"/api/v1/bijeenkomsten/{bijeenkomst.pk}").json()
    assert listed["plaatsenVrij"] == 0
    cancel = api.post("/api/v1/aanmeldingen/annuleren", {"token": first.json()["annuleerToken"]}, format="json")
    assert cancel.json() == {"status": "geannuleerd"}
    bad = api.post("/api/v1/aanmeldingen/annuleren", {"token": "vals"}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_service_validation_error_names_api_fields(world):
    client = client_for(world["users"]["bestuur_a"])
    response = client.post(
        f"/api/v1/locaties/{world['locatie_a'].slug}/sluitingen",
        {"van": "2030-01-10", "tot": "2030-01-01", "reden": "Verbouwing"}, format="json",
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"tot"}


def test_period_longer_than_a_year_is_refused(api):
    response = api.get("/api/v1/bijeenkomsten?van=2030-01-01&tot=2031-01-02")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "tot"
