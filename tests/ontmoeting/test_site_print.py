"""Paper and screen: the printable weekly programme, its PDF, the screen in the hall, error pages."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone

from activiteiten.constants import Regio
from tests.activiteiten.factories import make_activiteit, moment
from tests.locaties.factories import BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt, naam="Buurthuis Wyck")
    a = make_activiteit(locatie=locatie, titel="Samen eten")
    return buurt, locatie, timezone.localtime(a.start).date().isoformat()


def test_printable_week_per_buurt_and_per_place(client, week):
    buurt, locatie, dag = week
    for url in (f"/buurten/{buurt.code}/afdrukken", f"/locaties/{locatie.slug}/afdrukken"):
        html = client.get(url, {"week": dag}).content.decode()
        assert "Samen eten" in html and "site/afdruk.css" in html
    assert "Samen eten" not in client.get(f"/buurten/{buurt.code}/afdrukken").content.decode()


def test_programme_as_pdf(client, week):
    buurt, locatie, dag = week
    for url in (f"/buurten/{buurt.code}/programma.pdf", f"/locaties/{locatie.slug}/programma.pdf"):
        response = client.get(url, {"week": dag})
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_screen_in_the_hall_shows_today_and_tomorrow_and_refreshes_itself(client):
    locatie = LocatieFactory()
    start = (timezone.localtime() + timezone.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    make_activiteit(locatie=locatie, titel="Koffie-uurtje", start=start, rrule="")
    later = make_activiteit(locatie=locatie, titel="Volgende week")  # a week or more ahead
    response = client.get(f"/locaties/{locatie.slug}/scherm")
    html = response.content.decode()
    assert response["Refresh"] == "300"
    assert "Refresh" not in client.get(f"/locaties/{locatie.slug}/scherm?verversen=nee")
    assert "Koffie-uurtje" in html
    assert later.titel not in html


@override_settings(DEBUG=False)
def test_404_page_in_the_site_style(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="skip-link"' in html and "/agenda" in html


def test_500_template_renders_without_a_request():
    html = render_to_string("500.html")
    assert "<h1>" in html and 'lang="' in html


def test_printed_programme_and_screen_mark_dates_whose_school_holidays_are_not_known(
    client, frozen_clock, schoolvakanties_tot_kerst_2026
):
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    # On 1 December 2026 the school holidays are known up to 3 January 2027.
    frozen_clock.move_to(moment(2026, 12, 1, 10))
    make_activiteit(locatie=locatie, titel="Peuterochtend", skip_schoolvakantie=Regio.NOORD)
    make_activiteit(locatie=locatie, titel="Kienen")
    voorbehoud = "Onder voorbehoud: schoolvakanties nog niet bekend"
    for url in (f"/buurten/{buurt.code}/afdrukken", f"/locaties/{locatie.slug}/afdrukken"):
        assert voorbehoud not in client.get(url, {"week": "2026-12-14"}).content.decode()
        assert client.get(url, {"week": "2027-01-11"}).content.decode().count(voorbehoud) == 1
    frozen_clock.move_to(moment(2027, 1, 12, 9))
    assert client.get(f"/locaties/{locatie.slug}/scherm").content.decode().count(voorbehoud) == 1


def test_the_sheet_names_each_place_with_address_and_phone_the_sites_address_and_a_qr_code(client, week):
    buurt, locatie, dag = week
    locatie.telefoon = "043 350 00 00"
    locatie.save()
    html = client.get(f"/buurten/{buurt.code}/afdrukken", {"week": dag}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<strong>Buurthuis Wyck</strong>, {locatie.adres} · phone 043 350 00 00" in html
    assert f"http://testserver/buurten/{buurt.code}" in html or f"/buurten/{buurt.code}</strong>" in html
    assert "<svg" in html and "Or scan the code" in html
    assert "data-print hidden" in html and "site/afdruk.js" in html
    quiet = client.get(f"/locaties/{locatie.slug}/afdrukken", {"week": "2030-01-07"}).content.decode()
    assert "043 350 00 00" in quiet  # the place's own sheet says how to reach it, also in a quiet week


@pytest.mark.frozen_at(moment(2026, 12, 1, 10))
def test_weekdays_are_lower_case_inside_a_sentence(client, week):
    buurt, _locatie, _dag = week
    html = client.get(f"/buurten/{buurt.code}/afdrukken", {"week": "2026-12-07"}, HTTP_ACCEPT_LANGUAGE="nl")
    text = html.content.decode()
    assert "Van maandag 7 december tot en met zondag 13 december 2026" in text
    assert "<h2>Maandag 7 december</h2>" in text


@pytest.mark.frozen_at(moment(2026, 12, 1, 9))  # a Tuesday morning
def test_the_hall_screen_marks_what_is_on_now_and_the_open_inloop(client, frozen_clock):
    locatie = LocatieFactory(naam="Buurthuis Wyck")
    make_activiteit(locatie=locatie, titel="Inloop", soort="open_inloop", start=moment(2026, 12, 1, 10),
                    rrule="FREQ=WEEKLY;BYDAY=TU")
    make_activiteit(locatie=locatie, titel="Samen eten", start=moment(2026, 12, 1, 17), rrule="")
    frozen_clock.move_to(moment(2026, 12, 1, 10, 30))  # during the inloop
    html = client.get(f"/locaties/{locatie.slug}/scherm", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open inloop now: walk in." in html  # no host shift filled: it claims no host
    assert html.count('class="nu"') == 1
    now_item = html[html.index('class="nu"'):]
    assert now_item.index("Inloop") < now_item.index("</li>")
    assert "Samen eten" in html


@pytest.mark.frozen_at(moment(2026, 12, 1, 9))
def test_the_hall_screen_says_nothing_of_an_inloop_that_is_over(client, frozen_clock):
    locatie = LocatieFactory()
    make_activiteit(locatie=locatie, titel="Inloop", soort="open_inloop", start=moment(2026, 12, 1, 10),
                    rrule="FREQ=WEEKLY;BYDAY=TU")
    frozen_clock.move_to(moment(2026, 12, 1, 12, 0))  # it ended at 12:00
    html = client.get(f"/locaties/{locatie.slug}/scherm", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open inloop now" not in html and 'class="nu"' not in html
