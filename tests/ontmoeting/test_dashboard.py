"""The gemeente dashboard pages, exports and API endpoint: access, content, query counts."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.models import Scenario
from tests.activiteiten.factories import make_activiteit, tomorrow_at
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeentemedewerkerFactory,
    LocatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_gemeente(n_buurten=2):
    first = BuurtFactory(lat=50.85, lon=5.69)
    buurten = [first] + [BuurtFactory(wijk=first.wijk, lat=50.85 + 0.01 * i, lon=5.69) for i in range(1, n_buurten)]
    for b in buurten:
        BevolkingspuntFactory(buurt=b, inwoners=100, inwoners_65plus=20)
    place = LocatieFactory(buurt=first, lat=50.85, lon=5.69, noodsteunpunt=True)
    make_activiteit(locatie=place, start=tomorrow_at(14), rrule="FREQ=WEEKLY")
    dekking_compute(gemeente=first.gemeente)
    return first.gemeente, buurten


@pytest.fixture
def official_client(client):
    gemeente, buurten = make_gemeente()
    GemeentemedewerkerFactory(gemeente=gemeente, user=UserFactory(username="ambtenaar"))
    client.login(username="ambtenaar", password="wachtwoord")
    client.gemeente, client.buurten = gemeente, buurten
    return client


def test_login_required(client):
    gemeente, _ = make_gemeente()
    response = client.get(reverse("dashboard:gemeente", args=[gemeente.code]))
    assert response.status_code == 302 and response.url.startswith("/inloggen?next=")


def test_official_of_another_gemeente_is_refused(official_client):
    other, _ = make_gemeente()
    for name in ("gemeente", "watals", "csv", "geojson", "pdf", "drempelwaarden"):
        assert official_client.get(reverse(f"dashboard:{name}", args=[other.code])).status_code == 403
    assert official_client.get(reverse("dashboard:gemeente", args=[official_client.gemeente.code])).status_code == 200


def test_superuser_sees_every_gemeente(client):
    gemeente, _ = make_gemeente()
    UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client.login(username="beheer", password="wachtwoord")
    assert client.get(reverse("dashboard:gemeente", args=[gemeente.code])).status_code == 200


def test_dashboard_shows_table_gaps_charts_and_emergency_points(official_client):
    response = official_client.get(reverse("dashboard:gemeente", args=[official_client.gemeente.code]))
    html = response.content.decode()
    for buurt in official_client.buurten:
        assert buurt.naam in html
    assert "hemelsbreed" in html and "Bron: CBS, Kadaster" in html
    assert 'id="gaten-kop"' in html and 'id="trend-kop"' in html and 'id="verdeling-kop"' in html
    assert "Noodsteunpunten" in html  # the page speaks Dutch by default
    assert 'role="img"' in html  # charts carry a text alternative, and a table beside them


def test_table_sorts_without_javascript(official_client):
    url = reverse("dashboard:gemeente", args=[official_client.gemeente.code])
    response = official_client.get(url, {"sort": "aandeel_65plus_400", "dir": "desc"})
    rows = [row.buurt.code for row in response.context["dekking"].rows]
    shares = [row.aandeel_65plus_400 for row in response.context["dekking"].rows]
    assert shares == sorted(shares, reverse=True) and len(rows) == 2
    assert 'aria-sort="descending"' in response.content.decode()


def test_dashboard_query_count_is_constant(client, django_assert_max_num_queries):
    counts = []
    for n in (2, 6):
        gemeente, _ = make_gemeente(n)
        user = UserFactory(is_superuser=True, is_staff=True)
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("dashboard:gemeente", args=[gemeente.code])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_whatif_with_a_postcode_saves_nothing_until_asked(official_client):
    gemeente, buurt = official_client.gemeente, official_client.buurten[1]
    BevolkingspuntFactory(buurt=buurt, sleutel="6229XX", inwoners=50, inwoners_65plus=10)
    url = reverse("dashboard:watals", args=[gemeente.code])
    response = official_client.get(url, {"postcode": "6229 xx"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.gemeente_straks["inwoners_400"] > result.gemeente_nu["inwoners_400"]
    assert Scenario.objects.count() == 0
    # Saving is a POST with the places carried in the form.
    punten = response.context["punten"]
    response = official_client.post(url, {"naam": "Nieuwe plek", "p": punten})
    assert response.status_code == 302
    assert Scenario.objects.get().punten[0]["lat"] == pytest.approx(float(punten[0].split(",")[0]))


def test_whatif_unknown_postcode_gets_a_message(official_client):
    url = reverse("dashboard:watals", args=[official_client.gemeente.code])
    response = official_client.get(url, {"postcode": "9999ZZ"})
    assert "hoort niet bij de bevolkingspunten" in response.content.decode()  # Dutch by default
    assert response.context["result"].plekken == []


def test_exports_state_sources_and_dates(official_client):
    code = official_client.gemeente.code
    csv_text = official_client.get(reverse("dashboard:csv", args=[code])).content.decode("utf-8-sig")
    header, first = csv_text.splitlines()[:2]
    assert "berekend_op" in header and "bron" in header and "CBS" in first and "hemelsbreed" in first
    geojson = json.loads(official_client.get(reverse("dashboard:geojson", args=[code])).content)
    assert geojson["metadata"]["berekend_op"] and "Kadaster" in geojson["metadata"]["bron"]
    assert len(geojson["features"]) == 2
    pdf = official_client.get(reverse("dashboard:pdf", args=[code]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_thresholds_form(official_client):
    url = reverse("dashboard:drempelwaarden", args=[official_client.gemeente.code])
    bad = official_client.post(url, {"min_aandeel_65plus_400": 150, "min_locaties_per_10000": 1, "min_jongeren_800": 1})
    assert bad.status_code == 400
    good = official_client.post(url, {"min_aandeel_65plus_400": 60, "min_locaties_per_10000": 1, "min_jongeren_800": 0})
    assert good.status_code == 302
    assert official_client.gemeente.drempelwaarden.min_aandeel_65plus_400 == 60


def test_api_buurt_dekking_is_public_and_matches_the_dashboard(client):
    gemeente, buurten = make_gemeente()
    response = client.get(f"/api/v1/buurten/{buurten[0].code}/dekking")
    assert response.status_code == 200 and response["API-Version"]
    body = response.json()
    assert body["buurtcode"] == buurten[0].code and body["aandeel_inwoners_400m"] == 100.0
    missing = client.get("/api/v1/buurten/BU99999999/dekking")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
