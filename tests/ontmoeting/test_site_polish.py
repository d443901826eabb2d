"""Small things residents stumble on: a wish's thank-you where they look, subscribing to a
programme rather than downloading it once, categories in people's words in feeds, the
year on dates in another year, places left on the activity page, the organiser's contact,
and an icon and manifest on every page."""


import json
import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from icalendar import Calendar

from activiteiten.services import aanmelding_create
from locaties.filters import distance_m
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding, moment
from tests.locaties.factories import BevolkingspuntFactory, BuurtFactory, LocatieFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_sent_wish_is_thanked_in_the_wishes_section_and_says_it_is_read_first(client):
    buurt = BuurtFactory(naam="Wyckerpoort")
    response = client.post(f"/buurten/{buurt.code}/wensen", {"tekst": "Een moestuin"}, **EN)
    assert response.status_code == 302 and response["Location"].endswith("#wens-bedankt")
    page = client.get(response["Location"].split("#")[0], **EN).content.decode()
    wishes = page[page.index('id="wensen"'):]
    assert 'id="wens-bedankt" tabindex="-1" data-focus' in wishes
    assert "Someone reads it first" in wishes
    # Not a second time at the top of the page, out of sight.
    assert page.count("Someone reads it first") == 1
    assert "site/focus-melding.js" in page


def test_the_programme_offers_a_subscription_and_a_help_page(client):
    buurt = BuurtFactory()
    page = client.get(f"/buurten/{buurt.code}", **EN).content.decode()
    assert f'href="webcal://testserver/buurten/{buurt.code}/agenda.ics' in page
    assert "/agenda-abonneren?agenda=" in page
    help_page = client.get("/agenda-abonneren", {"agenda": f"/buurten/{buurt.code}/agenda.ics"}, **EN)
    text = help_page.content.decode()
    assert help_page.status_code == 200
    assert all(name in text for name in ("iPhone", "Google Calendar", "Outlook"))
    assert f'value="http://testserver/buurten/{buurt.code}/agenda.ics"' in text


def test_the_help_page_shows_no_address_of_another_site(client):
    text = client.get("/agenda-abonneren", {"agenda": "//elders.example/x.ics"}, **EN).content.decode()
    assert "readonly value=" not in text


def test_feed_categories_are_the_peoples_words(client):
    activiteit = make_activiteit(categorieen=["eten_drinken", "taal"])
    body = client.get(f"/activiteiten/{activiteit.slug}/agenda.ics", HTTP_ACCEPT_LANGUAGE="nl").content
    event = next(c for c in Calendar.from_ical(body).walk("VEVENT"))
    assert [str(c) for c in event.get("categories").cats] == ["Eten en drinken", "Taal"]


@pytest.mark.frozen_at(moment(2026, 12, 22, 9))
def test_a_date_in_another_year_shows_the_year(client):
    activiteit = make_activiteit(start=moment(2026, 12, 29, 14))
    page = client.get(f"/activiteiten/{activiteit.slug}", HTTP_ACCEPT_LANGUAGE="nl").content.decode().lower()
    assert "dinsdag 29 december," in page
    assert "dinsdag 5 januari 2027" in page
    assert "29 december 2026" not in page


def test_the_activity_page_shows_places_left_and_full(client):
    activiteit = make_activiteit_met_aanmelding(capaciteit=3)
    first, second = activiteit.bijeenkomsten.order_by("start")[:2]
    aanmelding_create(bijeenkomst=first, naam="Mien", telefoon="0612345678", aantal=3)
    aanmelding_create(bijeenkomst=second, naam="Jo", telefoon="0612345679", aantal=1)
    page = client.get(f"/activiteiten/{activiteit.slug}", **EN).content.decode()
    assert "Full: waiting list" in page and "2 places left" in page


def test_the_organisers_contact_when_the_activity_has_none(client):
    organisatie = OrganisatieFactory(telefoon="043 321 00 00", email="info@buurthuis.example")
    activiteit = make_activiteit(locatie=LocatieFactory(beheerder=organisatie))
    page = client.get(f"/activiteiten/{activiteit.slug}", **EN).content.decode()
    assert 'href="tel:043 321 00 00"' in page and 'href="mailto:info@buurthuis.example"' in page


def test_every_page_has_an_icon_and_a_manifest_that_exist(client):
    page = client.get("/", **EN).content.decode()
    assert 'rel="icon" href="/static/site/favicon.svg"' in page
    assert 'rel="manifest" href="/static/site/manifest.json"' in page
    assert finders.find("site/favicon.svg") and finders.find("site/manifest.json")


def test_the_choices_are_folded_before_the_programme_and_count_what_is_chosen(client):
    buurt = BuurtFactory()
    plain = client.get(f"/buurten/{buurt.code}", **EN).content.decode()
    chosen = client.get(f"/buurten/{buurt.code}", {"dagdeel": ["ochtend", "avond"], "gratis": "true"}, **EN)
    chosen = chosen.content.decode()
    assert '<details class="filterkeuzes">' in plain and "choice made" not in plain
    assert '<details class="filterkeuzes">' in chosen and "3 choices made" in chosen
    assert plain.index("filterkeuzes") < plain.index('class="dag"')  # one line, then the days
    wrong = client.get(f"/buurten/{buurt.code}", {"dagdeel": "nacht"}, **EN).content.decode()
    assert '<details class="filterkeuzes" open>' in wrong  # the mistake is shown, unfolded


def test_a_place_without_a_known_street_shows_its_postcode_and_place_only(client):
    locatie = LocatieFactory(straat="", huisnummer="", postcode="6222 SG", plaats="Maastricht")
    assert locatie.adres == "6222 SG Maastricht"
    page = client.get(f"/locaties/{locatie.slug}", **EN).content.decode()
    assert "<address>6222 SG Maastricht</address>" in page
    assert '"streetAddress"' not in page


def test_the_embed_pages_may_be_framed_by_any_site_and_no_other_page_may(client):
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    make_activiteit(locatie=locatie, titel="Samen eten", start=timezone.now() + timedelta(days=2), rrule="")
    for url in (f"/embed/buurten/{buurt.code}", f"/embed/locaties/{locatie.slug}"):
        response = client.get(url, **EN)
        assert response.status_code == 200 and "Samen eten" in response.content.decode()
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
        assert 'target="_blank"' in response.content.decode()
    page = client.get(f"/buurten/{buurt.code}", **EN)
    assert page["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in page["Content-Security-Policy"]
    text = page.content.decode()
    assert "Put this programme on your website" in text
    snippet = text[text.index('id="embed-code"'):]
    assert snippet.index("&lt;iframe src=") < snippet.index(f'/embed/buurten/{buurt.code}" title=') < snippet.index("</textarea>")
    assert client.get("/embed/buurten/BU00000000").status_code == 404


def test_the_agenda_near_a_postcode_says_each_items_distance_and_marks_you_on_the_map(client):
    buurt = BuurtFactory()
    punt = BevolkingspuntFactory(buurt=buurt, sleutel="6221AB")
    locatie = LocatieFactory(buurt=buurt, lat=punt.lat + 0.0027, lon=punt.lon)  # ~300 m north
    activiteit = make_activiteit(locatie=locatie, titel="Dichtbij koffie")
    params = {"gemeente": buurt.gemeente.code, "week": timezone.localtime(activiteit.start).date().isoformat()}
    near = client.get("/agenda", {**params, "postcode": "6221 AB", "straal": "800"}, **EN).content.decode()
    assert "Dichtbij koffie" in near and "300 m from you (hemelsbreed)" in near
    data = json.loads(re.search(r'id="buurtkaart-data"[^>]*>(.*?)</script>', near, re.S).group(1))
    assert data["hier"] == {"lat": punt.lat, "lon": punt.lon, "label": "You are here"}
    plain = client.get("/agenda", params, **EN).content.decode()
    assert "m from you (hemelsbreed)" not in plain
    assert '"hier": null' in plain


def test_distance_m_is_the_radius_filters_measure():
    assert round(distance_m((50.85, 5.69), (50.85 + 0.0027, 5.69))) == 301
    assert distance_m((50.85, 5.69), (50.85, 5.69)) == 0
