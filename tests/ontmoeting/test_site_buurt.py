"""The buurt page: the week's programme, places in and near the buurt, filters, wishes."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from activiteiten.constants import Regio, WensStatus
from activiteiten.models import Wens
from tests.activiteiten.factories import WensFactory, make_activiteit, moment, next_weekday_at
from tests.locaties.factories import BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def _centre(buurt):
    return (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2, (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2


@pytest.fixture
def buurt():
    return BuurtFactory(naam="Wyckerpoort")


def _week_of(activiteit):
    return timezone.localtime(activiteit.start).date().isoformat()


def test_buurt_page_shows_the_week_of_places_in_and_within_400_m_and_not_further(client, buurt):
    lat, lon = _centre(buurt)
    binnen = LocatieFactory(naam="Huiskamer Binnen", buurt=buurt)
    # The square's edge is 0.0025 degrees (about 280 m) from the centre.
    dichtbij = LocatieFactory(naam="Buurthuis Dichtbij", lat=lat + 0.0025 + 0.002, lon=lon)  # ~220 m out
    ver = LocatieFactory(naam="Wijkcentrum Ver", lat=lat + 0.0025 + 0.006, lon=lon)  # ~670 m out
    a = make_activiteit(locatie=binnen, titel="Taalcafé Binnen")
    make_activiteit(locatie=dichtbij, titel="Kienen Dichtbij")
    make_activiteit(locatie=ver, titel="Yoga Ver")

    html = client.get(f"/buurten/{buurt.code}", {"week": _week_of(a)}).content.decode()

    assert "Huiskamer Binnen" in html and "Buurthuis Dichtbij" in html
    assert "Wijkcentrum Ver" not in html
    assert "Taalcafé Binnen" in html and "Kienen Dichtbij" in html
    assert "Yoga Ver" not in html
    assert "hemelsbreed" in html


def test_week_links_page_through_the_weeks(client, buurt):
    a = make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Taalcafé", rrule="", einddatum=None)
    week = timezone.localtime(a.start).date()

    shown = client.get(f"/buurten/{buurt.code}", {"week": week.isoformat()})
    earlier = client.get(f"/buurten/{buurt.code}", {"week": (week - timedelta(days=7)).isoformat()})

    assert "Taalcafé" in shown.content.decode()
    assert "Taalcafé" not in earlier.content.decode()
    monday = week - timedelta(days=week.weekday())
    assert f"week={(monday + timedelta(days=7)).isoformat()}" in shown.content.decode()
    assert f"week={(monday - timedelta(days=7)).isoformat()}" in shown.content.decode()


def test_filters_use_the_shared_filterset_and_keep_the_url(client, buurt):
    locatie = LocatieFactory(buurt=buurt)
    a = make_activiteit(locatie=locatie, titel="Middagkoffie")  # Tuesday 14:00, free
    make_activiteit(locatie=locatie, titel="Avondkoor", start=next_weekday_at(1, 19))
    make_activiteit(locatie=locatie, titel="Betaalde les", kosten=Decimal("3.00"))
    url, week = f"/buurten/{buurt.code}", _week_of(a)

    avond = client.get(url, {"week": week, "dagdeel": "avond"}).content.decode()
    gratis = client.get(url, {"week": week, "gratis": "true"}).content.decode()

    assert "Avondkoor" in avond and "Middagkoffie" not in avond
    assert "Betaalde les" not in gratis and "Middagkoffie" in gratis
    assert 'value="avond" checked' in avond


def test_a_bad_filter_value_is_explained_not_a_crash(client, buurt):
    response = client.get(f"/buurten/{buurt.code}", {"dagdeel": "nacht"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_unknown_buurt_is_404(client):
    assert client.get("/buurten/BU99999999").status_code == 404


def test_query_count_does_not_grow_with_the_number_of_activities(client, buurt, django_assert_max_num_queries):
    locatie = LocatieFactory(buurt=buurt)
    a = make_activiteit(locatie=locatie)
    WensFactory(buurt=buurt)
    url = f"/buurten/{buurt.code}?week={_week_of(a)}"
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for n in range(8):
        other = LocatieFactory(buurt=buurt)
        make_activiteit(locatie=other, titel=f"Activiteit {n}", start=a.start + timedelta(minutes=15 * n))
        WensFactory(buurt=buurt)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "Activiteit 7" in html


def test_only_approved_wishes_show(client, buurt):
    WensFactory(buurt=buurt, tekst="Een moestuin voor iedereen", goedgekeurd=True)
    WensFactory(buurt=buurt, tekst="Nog niet bekeken", goedgekeurd=False)
    html = client.get(f"/buurten/{buurt.code}").content.decode()
    assert "Een moestuin voor iedereen" in html
    assert "Nog niet bekeken" not in html


def test_a_wish_is_recorded_for_moderation(client, buurt):
    response = client.post(f"/buurten/{buurt.code}/wensen", {"tekst": "Samen koken op vrijdag", "doelgroep": "ouderen"})
    assert response.status_code == 302
    wens = Wens.objects.get()
    assert (wens.buurt, wens.tekst, wens.doelgroep, wens.goedgekeurd) == (buurt, "Samen koken op vrijdag", "ouderen", False)


def test_an_empty_wish_re_renders_with_an_error_and_keeps_the_input(client, buurt):
    response = client.post(f"/buurten/{buurt.code}/wensen", {"tekst": "", "contact_naam": "Mien"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert 'value="Mien"' in html
    assert not Wens.objects.exists()


def test_plus_one_counts_once_per_browser(client, buurt):
    wens = WensFactory(buurt=buurt, steun=1)
    url = f"/buurten/{buurt.code}/wensen/{wens.pk}/steun"
    client.post(url)
    client.post(url)
    wens.refresh_from_db()
    assert wens.steun == 2

    Client().post(url)
    wens.refresh_from_db()
    assert wens.steun == 3


def test_plus_one_on_an_unapproved_wish_is_404(client, buurt):
    wens = WensFactory(buurt=buurt, goedgekeurd=False)
    assert client.post(f"/buurten/{buurt.code}/wensen/{wens.pk}/steun").status_code == 404
    assert client.get(f"/buurten/{buurt.code}/wensen/{wens.pk}/steun").status_code == 405


def test_the_map_is_an_extra_with_the_same_places_as_the_list(client, buurt):
    LocatieFactory(naam="Huiskamer Kaart", buurt=buurt)
    html = client.get(f"/buurten/{buurt.code}").content.decode()
    data = json.loads(re.search(r'<script id="buurtkaart-data" type="application/json">(.*?)</script>', html, re.DOTALL).group(1))
    assert [plek["naam"] for plek in data["locaties"]] == ["Huiskamer Kaart"]
    assert data["grens"]["type"] == "Polygon"
    assert 'id="buurtkaart" class="buurtkaart" hidden' in html  # shown only when the script runs


def test_a_wish_that_was_taken_up_says_so(client, buurt):
    WensFactory(buurt=buurt, tekst="Een jeu-de-boulesbaan", status=WensStatus.OPGEPAKT)
    html = client.get(f"/buurten/{buurt.code}").content.decode()

    with translation.override("nl"):
        assert f"Status: {WensStatus.OPGEPAKT.label}" in html


def test_buurt_page_marks_dates_whose_school_holidays_are_not_known(
    client, buurt, frozen_clock, schoolvakanties_tot_kerst_2026
):
    # On 1 December 2026 the school holidays are known up to 3 January 2027.
    frozen_clock.move_to(moment(2026, 12, 1, 10))
    make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Peuterochtend", skip_schoolvakantie=Regio.MIDDEN)
    voorbehoud = "Onder voorbehoud: schoolvakanties nog niet bekend"
    assert voorbehoud not in client.get(f"/buurten/{buurt.code}", {"week": "2026-12-14"}).content.decode()
    assert voorbehoud in client.get(f"/buurten/{buurt.code}", {"week": "2027-01-04"}).content.decode()


def test_the_buurt_page_has_no_forms_and_links_to_the_wishes_page_that_has_them(client, buurt):
    wens = WensFactory(buurt=buurt, tekst="Een moestuin voor iedereen", goedgekeurd=True)
    html = client.get(f"/buurten/{buurt.code}").content.decode()
    assert "Een moestuin voor iedereen" in html
    assert "csrfmiddlewaretoken" not in html  # so the page can be kept for every visitor
    assert f'href="/buurten/{buurt.code}/wensen#wens-schrijven"' in html
    page = client.get(f"/buurten/{buurt.code}/wensen").content.decode()
    assert "Een moestuin voor iedereen" in page
    assert f'action="/buurten/{buurt.code}/wensen/{wens.pk}/steun"' in page
    assert f'action="/buurten/{buurt.code}/wensen"' in page
    assert page.count('name="csrfmiddlewaretoken"') == 2


def test_plus_one_returns_to_the_wishes_page(client, buurt):
    wens = WensFactory(buurt=buurt)
    response = client.post(f"/buurten/{buurt.code}/wensen/{wens.pk}/steun")
    assert response["Location"] == f"/buurten/{buurt.code}/wensen#wensen"
