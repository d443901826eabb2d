"""The privacy statement says what is kept and for how long, from the very settings the
daily erasure applies, and every form that asks for personal data links to it."""

import re

import pytest
from django.utils import translation

from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.locaties.factories import BuurtFactory, LocatieFactory, RuimteFactory

pytestmark = pytest.mark.django_db


def _row(html: str, anchor: str) -> str:
    match = re.search(rf'<tr id="{anchor}">(.*?)</tr>', html, re.DOTALL)
    assert match, anchor
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_the_periods_on_the_page_are_the_settings(client, settings):
    settings.AANMELDING_RETENTION_DAYS, settings.WENS_RETENTION_DAYS, settings.RESERVERING_RETENTION_DAYS = 17, 1, 123
    html = client.get("/privacy").content.decode()
    assert "17 dagen na de activiteit" in _row(html, "aanmelden")
    assert "1 dag nadat u de wens stuurde" in _row(html, "wensen")
    assert "123 dagen na afloop van de huur" in _row(html, "huren")
    assert "17 dagen na de activiteit wissen we uw naam" in html

    settings.AANMELDING_RETENTION_DAYS = 45
    assert "45 dagen na de activiteit" in _row(client.get("/privacy").content.decode(), "aanmelden")


def test_the_page_in_english(client, settings):
    settings.WENS_RETENTION_DAYS = 365
    with translation.override("en"):
        response = client.get("/privacy", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    assert "<h1>Privacy: what we keep about you</h1>" in html
    assert "365 days after you sent the wish" in _row(html, "wensen")
    assert "Autoriteit Persoonsgegevens" in html


def test_the_map_server_is_named_only_when_there_are_map_tiles(client, settings):
    settings.DASHBOARD_BASEMAP_URL = ""
    assert "PDOK" not in client.get("/privacy").content.decode()
    settings.DASHBOARD_BASEMAP_URL = "https://service.pdok.nl/{z}/{x}/{y}.png"
    assert "PDOK" in client.get("/privacy").content.decode()


def test_the_footer_and_every_form_that_asks_for_personal_data_link_to_it(client):
    activiteit = make_activiteit_met_aanmelding()
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    RuimteFactory(locatie=locatie, verhuurbaar=True)
    pages = {
        "/": 'href="/privacy"',
        f"/bijeenkomsten/{bijeenkomst.pk}/aanmelden": 'href="/privacy#aanmelden"',
        f"/buurten/{buurt.code}/wensen": 'href="/privacy#wensen"',  # the wish form's page
        f"/locaties/{locatie.slug}": 'href="/privacy#huren"',
    }
    for path, link in pages.items():
        html = client.get(path).content.decode()
        assert link in html, path
        assert '<footer class="site-footer">' in html and 'href="/privacy">' in html.split('<footer class="site-footer">')[1], path
