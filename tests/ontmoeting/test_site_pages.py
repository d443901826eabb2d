"""Home, agenda, place and activity pages."""

import html as html_lib
import json
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from activiteiten.constants import ActiviteitSoort, Regio
from activiteiten.services import bijeenkomst_annuleer
from locaties.constants import Faciliteit, Toegankelijkheid
from ontmoeting.site import params
from ontmoeting.site.views_pages import _open_now
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding, moment
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    LocatieFactory,
    OpeningstijdFactory,
    RuimteFactory,
    SluitingFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db


def _jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_home_finds_a_buurt_by_name_ignoring_accents_and_by_postcode(client):
    wyck = BuurtFactory(naam="Wyckerpoort")
    BuurtFactory(naam="Céramique")
    BevolkingspuntFactory(buurt=wyck, sleutel="6221AB")

    by_name = client.get("/", {"q": "ceramique"}, follow=True).content.decode()
    by_pc6 = client.get("/", {"q": "6221 ab"}, follow=True).content.decode()
    by_pc4 = client.get("/", {"q": "6221"}, follow=True).content.decode()
    nothing = client.get("/", {"q": "Atlantis"}).content.decode()

    assert "Céramique" in by_name and "Wyckerpoort" not in by_name
    assert f"/buurten/{wyck.code}" in by_pc6 and f"/buurten/{wyck.code}" in by_pc4
    assert "/buurten/" not in nothing


def test_home_redirects_a_location_to_its_buurt(client):
    buurt = BuurtFactory()
    lat, lon = (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2, (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2
    response = client.get("/", {"lat": lat, "lon": lon})
    assert response.status_code == 302 and response["Location"] == f"/buurten/{buurt.code}"


def test_home_shows_this_week_in_the_gemeente(client):
    buurt = BuurtFactory()
    now = timezone.localtime()
    start = (now + timedelta(minutes=30)).replace(second=0, microsecond=0)
    if start.date() != now.date():
        pytest.skip("too close to midnight to plan something today")
    make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Koffie vandaag", start=start, rrule="")
    html = client.get("/").content.decode()
    assert "Koffie vandaag" in html


def test_agenda_filters_by_distance_from_a_postcode(client):
    buurt = BuurtFactory()
    lat, lon = (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2, (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2
    BevolkingspuntFactory(buurt=buurt, sleutel="6221AB")
    dichtbij = LocatieFactory(buurt=buurt)
    ver = LocatieFactory(buurt=BuurtFactory(wijk=buurt.wijk, lat=lat + 0.02, lon=lon))  # ~2.2 km
    a = make_activiteit(locatie=dichtbij, titel="Dichtbij koffie")
    make_activiteit(locatie=ver, titel="Ver weg yoga")
    week = timezone.localtime(a.start).date().isoformat()
    params = {"gemeente": buurt.gemeente.code, "week": week}

    alles = client.get("/agenda", params).content.decode()
    nabij = client.get("/agenda", {**params, "postcode": "6221AB", "straal": "400"}).content.decode()
    onbekend = client.get("/agenda", {**params, "postcode": "9999ZZ", "straal": "400"})

    assert "Dichtbij koffie" in alles and "Ver weg yoga" in alles
    assert "Dichtbij koffie" in nabij and "Ver weg yoga" not in nabij
    assert "error-summary" in onbekend.content.decode() and "Dichtbij koffie" not in onbekend.content.decode()


def test_agenda_map_shows_each_place_of_the_listed_activities_once(client):
    buurt = BuurtFactory()
    buurthuis, elders = LocatieFactory(buurt=buurt, naam="Buurthuis"), LocatieFactory(buurt=buurt, naam="Elders")
    a = make_activiteit(locatie=buurthuis, titel="Koffie", categorieen=["eten_drinken"])
    make_activiteit(locatie=buurthuis, titel="Soep", categorieen=["eten_drinken"])
    make_activiteit(locatie=elders, titel="Taalles", categorieen=["taal"])
    params = {"gemeente": buurt.gemeente.code, "week": timezone.localtime(a.start).date().isoformat()}

    alles = client.get("/agenda", params)
    gefilterd = client.get("/agenda", {**params, "categorie": "taal"})

    assert sorted(p["naam"] for p in alles.context["kaart"]["locaties"]) == ["Buurthuis", "Elders"]
    assert [p["naam"] for p in gefilterd.context["kaart"]["locaties"]] == ["Elders"]
    assert 'id="buurtkaart-data"' in alles.content.decode()


def test_agenda_query_count_is_constant(client, django_assert_max_num_queries):
    buurt = BuurtFactory()
    a = make_activiteit(locatie=LocatieFactory(buurt=buurt))
    url = f"/agenda?gemeente={buurt.gemeente.code}&week={timezone.localtime(a.start).date()}"
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for n in range(6):
        make_activiteit(locatie=LocatieFactory(buurt=buurt), titel=f"Extra {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Extra 5" in client.get(url).content.decode()


def test_locatie_page_shows_hours_open_now_rooms_and_structured_data(client):
    locatie = LocatieFactory(naam="Buurthuis Wyck", toegankelijkheid=["drempelvrij"], faciliteiten=["keuken"])
    now = timezone.localtime()
    OpeningstijdFactory(locatie=locatie, weekdag=now.weekday(), van=time(0, 0), tot=time(23, 59, 59))
    ruimte = RuimteFactory(locatie=locatie, naam="Grote zaal", verhuurbaar=True)
    TariefFactory(ruimte=ruimte, prijs_per_uur=Decimal("12.50"))
    make_activiteit(locatie=locatie, titel="Open inloop", soort=ActiviteitSoort.OPEN_INLOOP)

    html = client.get(f"/locaties/{locatie.slug}").content.decode()

    with translation.override("nl"):
        assert str(Toegankelijkheid.DREMPELVRIJ.label) in html
        assert str(Faciliteit.KEUKEN.label) in html
    assert "Nu open" in html and "Nu open inloop" not in html
    assert "Grote zaal" in html and "12,50" in html
    assert "Open inloop" in html
    data = _jsonld(html)
    assert data["@type"] == "Place" and data["geo"]["latitude"] == locatie.lat
    assert data["address"]["addressLocality"] == locatie.plaats


def test_locatie_page_says_when_hours_end_the_next_day(client):
    locatie = LocatieFactory()
    OpeningstijdFactory(locatie=locatie, weekdag=4, van=time(20), tot=time(1))
    html = client.get(f"/locaties/{locatie.slug}").content.decode()
    assert "20:00–01:00 (volgende dag)" in html


def test_hours_past_midnight_belong_to_the_day_they_began():
    locatie = LocatieFactory()
    OpeningstijdFactory(locatie=locatie, weekdag=4, van=time(20), tot=time(1))  # Friday night
    saturday_night = timezone.make_aware(datetime(2026, 11, 28, 0, 30))
    assert _open_now(locatie, saturday_night)["open_nu"]
    zaterdag = SluitingFactory(locatie=locatie, van=date(2026, 11, 28), tot=date(2026, 11, 28), reden="Markt")
    assert _open_now(locatie, saturday_night)["open_nu"]  # Friday's hours still run
    zaterdag.delete()
    SluitingFactory(locatie=locatie, van=date(2026, 11, 27), tot=date(2026, 11, 27), reden="Feest")
    assert not _open_now(locatie, saturday_night)["open_nu"]


@pytest.mark.awkward_moments
def test_locatie_page_says_open_inloop_while_one_goes_on(client):
    locatie = LocatieFactory()
    a = make_activiteit(locatie=locatie, titel="Inloop", soort=ActiviteitSoort.OPEN_INLOOP, rrule="")
    # The services only plan ahead; move the occurrence to "going on now" by hand.
    now = timezone.now()
    a.bijeenkomsten.update(start=now - timedelta(minutes=30), eind=now + timedelta(minutes=30))
    html = client.get(f"/locaties/{locatie.slug}").content.decode()
    assert "Nu open inloop" in html


@pytest.mark.awkward_moments
def test_locatie_page_says_closed_on_a_closure_day(client):
    locatie = LocatieFactory()
    now = timezone.localtime()
    OpeningstijdFactory(locatie=locatie, weekdag=now.weekday(), van=time(0, 0), tot=time(23, 59, 59))
    SluitingFactory(locatie=locatie, van=now.date(), tot=now.date(), reden="Verbouwing")
    html = client.get(f"/locaties/{locatie.slug}").content.decode()
    assert "Verbouwing" in html and "Nu open<" not in html


def test_unpublished_locatie_and_activiteit_are_404(client):
    locatie = LocatieFactory(gepubliceerd=False)
    assert client.get(f"/locaties/{locatie.slug}").status_code == 404
    assert client.get("/activiteiten/bestaat-niet").status_code == 404


def test_activiteit_page_shows_next_dates_with_cancelled_ones_and_event_data(client):
    a = make_activiteit(titel="Repair café", kosten=Decimal(0), talen=["nl", "en"])
    eerste = a.bijeenkomsten.order_by("start").first()
    bijeenkomst_annuleer(bijeenkomst=eerste)

    html = client.get(f"/activiteiten/{a.slug}").content.decode()

    assert "Repair café" in html
    assert "geannuleerd" in html  # the cancelled date is marked
    data = _jsonld(html)["@graph"]
    assert data[0]["eventStatus"] == "https://schema.org/EventCancelled"
    assert data[1]["eventStatus"] == "https://schema.org/EventScheduled"
    assert data[0]["isAccessibleForFree"] is True
    assert data[0]["location"]["geo"]["longitude"] == a.locatie.lon


def test_activiteit_page_offers_registration_per_date(client):
    a = make_activiteit_met_aanmelding(capaciteit=5)
    eerste = a.bijeenkomsten.order_by("start").first()
    html = client.get(f"/activiteiten/{a.slug}").content.decode()
    assert f"/bijeenkomsten/{eerste.pk}/aanmelden" in html


def test_activiteit_page_query_count_is_constant(client, django_assert_max_num_queries):
    a = make_activiteit(rrule="FREQ=WEEKLY;BYDAY=TU", einddatum=None)
    with django_assert_max_num_queries(6):
        client.get(f"/activiteiten/{a.slug}")


def _page_links(html):
    """The hrefs of the agenda's page links (those carrying ``pagina``), unescaped."""
    return [html_lib.unescape(href) for href in re.findall(r'href="(\?[^"]*pagina=[^"]*)"', html)]


def test_agenda_pages_within_the_week_keep_filters_and_week_with_constant_queries(client, monkeypatch, frozen_clock):
    monkeypatch.setattr(params, "PER_PAGINA", 2)
    buurt = BuurtFactory()
    eerste = make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Les 0")
    for n in range(1, 5):
        make_activiteit(locatie=LocatieFactory(buurt=buurt), titel=f"Les {n}", start=eerste.start + timedelta(hours=n))
    make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Betaalde les", kosten=Decimal(5))
    week = timezone.localtime(eerste.bijeenkomsten.order_by("start").first().start).date()
    maandag = (week - timedelta(days=week.weekday())).isoformat()

    url = f"/agenda?gemeente={buurt.gemeente.code}&week={week.isoformat()}&gratis=true"
    pages, queries = [], []
    while url and len(pages) < 5:
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        pages.append(html)
        queries.append(len(captured.captured_queries))
        volgende = [link for link in _page_links(html) if f"pagina={len(pages) + 1}" in link]
        for link in _page_links(html):
            query = parse_qs(link[1:])
            assert query["gratis"] == ["true"] and query["gemeente"] == [buurt.gemeente.code]
            assert query["week"] == [maandag]
        url = f"/agenda{volgende[0]}" if volgende else ""

    assert len(pages) == 3
    shown = [[n for n in range(5) if f"Les {n}<" in page] for page in pages]
    assert shown == [[0, 1], [2, 3], [4]]
    assert not any("Betaalde les" in page for page in pages)
    assert len(set(queries)) == 1
    # The first page has no link back, the last none forward; week links start at page 1.
    assert not any("pagina=0" in link or "pagina=1" in link for link in _page_links(pages[0]))
    assert _page_links(pages[1]) and not any("pagina=4" in link for link in _page_links(pages[2]))


# --- Dates whose school holidays are not known yet -----------------------------------

VOORBEHOUD = "Onder voorbehoud: schoolvakanties nog niet bekend"


@pytest.fixture
def voor_het_einde(frozen_clock, schoolvakanties_tot_kerst_2026):
    """1 December 2026, a Tuesday: the school holidays are known up to Christmas
    (3 January 2027), so from 4 January they are not. A Tuesday
    activity that skips the holidays of zuid, and one that skips none, in one buurt."""
    frozen_clock.move_to(moment(2026, 12, 1, 10))
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    skips = make_activiteit(locatie=locatie, titel="Peuterochtend", skip_schoolvakantie=Regio.ZUID)
    make_activiteit(locatie=locatie, titel="Kienen")
    yield buurt, locatie, skips


def test_activity_page_says_which_dates_are_provisional(client, voor_het_einde):
    _buurt, _locatie, skips = voor_het_einde
    html = client.get(f"/activiteiten/{skips.slug}").content.decode()
    # Tuesdays 8 and 15 December are known; Christmas is skipped; 5 January to 9 March are not.
    assert html.count(VOORBEHOUD) == 10
    assert html.index("15 december") < html.index(VOORBEHOUD)


def test_place_page_marks_only_the_dates_of_the_activity_that_skips_holidays(client, voor_het_einde):
    _buurt, locatie, _skips = voor_het_einde
    html = client.get(f"/locaties/{locatie.slug}").content.decode()
    items = [item for item in html.split('<li class="bijeenkomst')[1:]]
    assert any(VOORBEHOUD in item and "Peuterochtend" in item for item in items)
    assert not any(VOORBEHOUD in item and "Kienen" in item for item in items)


def test_agenda_marks_provisional_dates_in_constant_queries(client, voor_het_einde, django_assert_max_num_queries):
    buurt, locatie, _skips = voor_het_einde
    url = f"/agenda?gemeente={buurt.gemeente.code}"
    assert VOORBEHOUD not in client.get(url, {"week": "2026-12-07"}).content.decode()
    with django_assert_max_num_queries(12) as few:
        html = client.get(url, {"week": "2027-01-11"}).content.decode()
    assert html.count(VOORBEHOUD) == 1 and "Kienen" in html

    for n in range(6):
        make_activiteit(locatie=locatie, titel=f"Extra {n}", skip_schoolvakantie=Regio.NOORD)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url, {"week": "2027-01-11"}).content.decode().count(VOORBEHOUD) == 7


def test_locatie_page_says_open_inloop_now_while_one_goes_on(client, frozen_clock):
    """As ``BijeenkomstQuerySet.open_inloop_at`` decides: started, not ended, not cancelled."""
    frozen_clock.move_to(moment(2026, 12, 1, 13))
    locatie = LocatieFactory()
    make_activiteit(locatie=locatie, titel="Open inloop", soort=ActiviteitSoort.OPEN_INLOOP,
                    start=moment(2026, 12, 1, 14), rrule="")
    frozen_clock.move_to(moment(2026, 12, 1, 14, 30))
    assert "Nu open inloop" in client.get(f"/locaties/{locatie.slug}").content.decode()
