"""The resident site in a real browser: WCAG 2.1 AA on every page type, and the keyboard journey."""

import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from activiteiten.services import aanmelding_cancel_url, aanmelding_create
from tests.activiteiten.factories import WensFactory, make_activiteit_met_aanmelding
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    LocatieFactory,
    OpeningstijdFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _soon():
    """A start later today (or just after midnight), so it shows in this week's programme."""
    return (timezone.localtime() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def demo():
    buurt = BuurtFactory(naam="Wyckerpoort")
    BevolkingspuntFactory(buurt=buurt, sleutel="6221AB")
    locatie = LocatieFactory(naam="Buurthuis Wyck", buurt=buurt, toegankelijkheid=["drempelvrij"])
    OpeningstijdFactory(locatie=locatie)
    activiteit = make_activiteit_met_aanmelding(
        capaciteit=5, locatie=locatie, titel="Samen eten", start=_soon(), rrule=""
    )
    WensFactory(buurt=buurt, tekst="Een moestuin")
    return {"buurt": buurt, "locatie": locatie, "activiteit": activiteit,
            "bijeenkomst": activiteit.bijeenkomsten.first()}


def test_every_page_type_has_no_wcag_violations(page, assert_accessible, demo):
    b = demo["bijeenkomst"]
    aanmelding = aanmelding_create(bijeenkomst=b, naam="Mien", email="mien@example.nl")
    cancel_path = "/" + aanmelding_cancel_url(aanmelding).split("://", 1)[1].split("/", 1)[1]
    paths = [
        "/",
        "/?q=wyck",
        f"/buurten/{demo['buurt'].code}",
        f"/buurten/{demo['buurt'].code}?dagdeel=avond&gratis=true&categorie=taal",
        f"/buurten/{demo['buurt'].code}?dagdeel=nacht",
        f"/buurten/{demo['buurt'].code}/wensen",
        "/agenda?postcode=6221AB&straal=800&openInloop=true",
        "/agenda",  # with the map of the listed places
        f"/locaties/{demo['locatie'].slug}",
        f"/activiteiten/{demo['activiteit'].slug}",
        f"/bijeenkomsten/{b.pk}/aanmelden",
        cancel_path,
        f"/buurten/{demo['buurt'].code}/afdrukken",
        f"/locaties/{demo['locatie'].slug}/afdrukken",
        f"/locaties/{demo['locatie'].slug}/scherm",
        "/privacy",
        f"/agenda-abonneren?agenda=/buurten/{demo['buurt'].code}/agenda.ics",
        "/bestaat-niet",
    ]
    for path in paths:
        page.goto(path)
        if path == "/agenda":
            page.locator("#buurtkaart .leaflet-interactive").first.wait_for()
        assert_accessible(page)
    # The error states of the registration and the wish forms.
    page.goto(f"/bijeenkomsten/{b.pk}/aanmelden")
    page.get_by_label("Uw naam").fill("Mien")
    page.get_by_role("button", name="Aanmelden").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.goto(f"/buurten/{demo['buurt'].code}/wensen")
    page.get_by_role("button", name="Stuur mijn wens").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)


def test_a_sent_wish_is_thanked_where_the_person_is_looking(page, assert_accessible, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/buurten/{demo['buurt'].code}")
    # The buurt page (kept for every visitor, so without a form) leads to the wishes page.
    page.get_by_role("link", name="Steun een wens of schrijf zelf een wens").click()
    page.get_by_label("Wat mist u in uw buurt?").fill("Een jeu-de-boulesbaan")
    page.get_by_role("button", name="Stuur mijn wens").click()
    page.wait_for_load_state()
    thanks = page.locator("#wens-bedankt")
    assert "Iemand leest hem eerst" in thanks.inner_text()
    assert page.evaluate("document.activeElement.id") == "wens-bedankt"
    box, viewport = thanks.bounding_box(), page.viewport_size
    assert box["y"] + box["height"] > 0 and box["y"] < viewport["height"], "the thank-you is off-screen"
    assert_accessible(page)


def test_pages_reflow_at_320_pixels(page, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in [f"/buurten/{demo['buurt'].code}", "/agenda", f"/activiteiten/{demo['activiteit'].slug}",
                 f"/locaties/{demo['locatie'].slug}", "/privacy"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path


def _tab_to(page, condition: str, limit: int = 120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return
    raise AssertionError(f"keyboard focus never reached: {condition}")


def _enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_journey_find_buurt_open_activity_register_cancel(page, demo):
    page.goto("/")
    _tab_to(page, "el.id === 'zoek'")
    page.keyboard.type("6221 AB")
    _enter(page)  # one buurt found: straight to its page
    page.wait_for_url(f"**/buurten/{demo['buurt'].code}")
    _tab_to(page, "el.textContent.trim() === 'Samen eten'")
    _enter(page)
    page.wait_for_url(f"**/activiteiten/{demo['activiteit'].slug}")
    _tab_to(page, "el.getAttribute('href') && el.getAttribute('href').endsWith('/aanmelden')")
    _enter(page)
    page.wait_for_url("**/aanmelden")
    _tab_to(page, "el.name === 'naam'")
    page.keyboard.type("Mien Janssen")
    _tab_to(page, "el.name === 'email'")
    page.keyboard.type("mien@example.nl")
    _tab_to(page, "el.type === 'submit' && el.closest('main')")
    _enter(page)
    page.wait_for_url("**/aanmelding/bevestigd/**")
    assert page.get_by_role("heading", name="U bent aangemeld").is_visible()
    _tab_to(page, "el.textContent.trim() === 'Meld mij af'")
    _enter(page)
    page.wait_for_url("**/aanmelding/annuleren/**")
    _tab_to(page, "el.type === 'submit' && el.closest('main')")
    _enter(page)
    assert page.get_by_role("heading", name="U bent afgemeld").is_visible()


def test_the_buurt_page_in_english_has_no_wcag_violations(page, assert_accessible, demo):
    page.goto(f"/buurten/{demo['buurt'].code}")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", name="What happens in Wyckerpoort").is_visible()
    assert_accessible(page)


def _home_with_location(browser, live_server, **context):
    page = browser.new_context(base_url=live_server.url, locale="nl-NL", **context).new_page()
    page.goto("/")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    return page


def test_use_my_location_opens_the_buurt_of_the_browsers_position(browser, live_server, demo):
    buurt = demo["buurt"]
    centre = {"latitude": (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2,
              "longitude": (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2}
    page = _home_with_location(browser, live_server, geolocation=centre, permissions=["geolocation"])
    page.wait_for_url(f"**/buurten/{buurt.code}")
    assert "Wyckerpoort" in page.get_by_role("heading", level=1).inner_text()
    page.context.close()


def test_use_my_location_says_so_when_it_cannot_help(browser, live_server, assert_accessible, demo):
    # Permission refused: said at once, on the same page.
    page = _home_with_location(browser, live_server)
    page.get_by_role("status").filter(has_text="uw browser stond het niet toe").wait_for()
    assert_accessible(page)
    page.context.close()
    # A position outside every known buurt (the North Sea).
    page = _home_with_location(browser, live_server, geolocation={"latitude": 53.0, "longitude": 3.5},
                               permissions=["geolocation"])
    page.wait_for_url("**/?lat=*")
    assert page.get_by_text("Wij kennen geen buurt op uw locatie").is_visible()
    assert_accessible(page)
    page.context.close()


@pytest.fixture
def other_site():
    """A second web server on 127.0.0.1, another origin than the live server's localhost,
    serving the page it is given (a real server: Chromium lets local pages frame local ones)."""
    served = {}

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            body = served["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(html: str) -> str:
        served["html"] = html
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    server.shutdown()


def test_the_embed_shows_in_a_frame_on_another_site_and_the_buurt_page_does_not(page, live_server, assert_accessible,
                                                                                 other_site, demo):
    code = demo["buurt"].code
    page.goto(f"/embed/buurten/{code}")
    assert_accessible(page)
    page.goto(other_site(
        f'<!DOCTYPE html><title>Elders</title>'
        f'<iframe id="embed" title="embed" src="{live_server.url}/embed/buurten/{code}"></iframe>'
        f'<iframe id="pagina" title="pagina" src="{live_server.url}/buurten/{code}"></iframe>'
    ))
    assert "Samen eten" in page.frame_locator("#embed").locator("main").inner_text()
    page.wait_for_load_state()
    urls = [frame.url for frame in page.frames]
    # Chromium refuses the buurt page (X-Frame-Options, frame-ancestors 'none'): an error page stands in.
    assert not any(url.endswith(f"/buurten/{code}") and "/embed/" not in url for url in urls), urls
    assert any(url.startswith("chrome-error:") for url in urls), urls


def test_maps_say_when_their_background_cannot_load_and_mark_you_near_a_postcode(page, assert_accessible, demo):
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())  # offline tiles
    page.goto(f"/agenda?gemeente={demo['buurt'].gemeente.code}&postcode=6221AB&straal=800")
    page.locator("#buurtkaart .leaflet-interactive").first.wait_for()
    assert "U bent hier" in page.locator(".leaflet-tooltip").inner_text()
    melding = page.locator(".kaart-melding")
    melding.wait_for()
    assert "kon niet laden" in melding.inner_text()
    assert page.locator("#buurtkaart .leaflet-interactive").count() >= 2  # the place and you, still drawn
    assert "m van u (hemelsbreed)" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"/locaties/{demo['locatie'].slug}")
    kaart = page.locator("#buurtkaart").bounding_box()
    assert kaart["height"] <= 240 and kaart["width"] <= 320, kaart  # small, beside the address
