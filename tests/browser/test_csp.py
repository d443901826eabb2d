"""Hostile names on every page type: no injected script runs, and the pages in normal use
(maps drawn, filters used, the what-if placement, the API docs) break no rule of the
Content-Security-Policy. A page that trips the policy fires ``securitypolicyviolation``;
an init script records those events before any of the page's own scripts run."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from activiteiten.services import aanmelding_cancel_url, aanmelding_create
from ontmoeting.dekking.compute import dekking_compute
from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeentemedewerkerFactory,
    LocatieFactory,
    OrganisatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Breaks out of an attribute and out of text, as an event handler and as a script element.
HOSTILE = '"><img src=x onerror=window.__xss=1><script>window.__xss=1</script>'

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""

# A 1x1 transparent PNG: stands in for the basemap tiles, so the test needs no network
# and the tile requests still pass through the page's img-src.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture
def hostile():
    """A gemeente whose buurt, organisation, place and activity all carry the hostile name."""
    buurt = BuurtFactory(naam="Wyck" + HOSTILE, lat=50.85, lon=5.69)
    second = BuurtFactory(wijk=buurt.wijk, naam="Ceramique" + HOSTILE, lat=50.86, lon=5.69)
    BevolkingspuntFactory(buurt=buurt, sleutel="6221AB", inwoners=100, inwoners_65plus=20)
    BevolkingspuntFactory(buurt=second, sleutel="6229AB", inwoners=100, inwoners_65plus=30)
    locatie = LocatieFactory(
        naam="Nazareth" + HOSTILE, buurt=buurt, lat=50.85, lon=5.69,
        beheerder=OrganisatieFactory(naam="Stichting" + HOSTILE),
    )
    start = (timezone.localtime() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    activiteit = make_activiteit_met_aanmelding(
        locatie=locatie, titel="Taalcafé" + HOSTILE, start=start, rrule="FREQ=DAILY"
    )
    dekking_compute(gemeente=buurt.gemeente)
    return {"buurt": buurt, "locatie": locatie, "activiteit": activiteit,
            "bijeenkomst": activiteit.bijeenkomsten.order_by("start").first(),
            "gemeente": buurt.gemeente}


@pytest.fixture
def watched(browser, live_server):
    """A page that records policy violations, dialogs and outside requests; tiles come
    from the configured basemap's host (answered here with a blank image)."""
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL",
        geolocation={"latitude": 50.85, "longitude": 5.69}, permissions=["geolocation"],
    )
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    basemap_host = urlsplit(settings.DASHBOARD_BASEMAP_URL).netloc

    def outside(route):
        if basemap_host and urlsplit(route.request.url).netloc == basemap_host:
            route.fulfill(status=200, content_type="image/png", body=PNG)
        else:
            route.abort()

    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), outside)
    yield page
    context.close()


def log_in(page, user, live_server):
    """A session for ``user`` in the browser, without going through a login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def assert_clean(page):
    """Nothing injected ran, and the page broke no rule of its policy."""
    assert page.evaluate("window.__xss") is None, f"injected script ran on {page.url}"
    assert page.dialogs == [], f"a dialog opened on {page.url}: {page.dialogs}"
    violations = page.evaluate("window.__violations")
    assert violations == [], f"policy violations on {page.url}: {violations}"


def visit(page, path, *, shows_hostile=True):
    """Open a page under its policy; where it shows a hostile name, as plain text."""
    response = page.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if shows_hostile:
        assert HOSTILE in page.locator("body").inner_text(), f"{path} shows no hostile name"
    return response


def test_resident_pages_run_no_injected_script(watched, hostile):
    page = watched
    buurt, locatie, activiteit, b = hostile["buurt"], hostile["locatie"], hostile["activiteit"], hostile["bijeenkomst"]
    week = f"week={timezone.localtime(b.start).date():%Y-%m-%d}"

    visit(page, f"/?gemeente={buurt.gemeente.code}", shows_hostile=False)  # only today's, if any
    assert_clean(page)
    # "Use my location": the Permissions-Policy lets this origin ask for the position.
    page.locator("#mijn-plek button").click()
    page.wait_for_url(re.compile(r"/buurten/"))
    assert_clean(page)

    visit(page, f"/buurten/{buurt.code}?{week}")
    page.locator("#buurtkaart path.leaflet-interactive").first.click()
    assert page.locator(".leaflet-popup-content a").inner_text() == locatie.naam
    page.locator(".filterkeuzes > summary").click()  # the choices are folded
    page.locator("form.filters input[name=dagdeel]").first.check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert_clean(page)

    visit(page, f"/agenda?gemeente={buurt.gemeente.code}&{week}")
    page.locator("#buurtkaart .leaflet-interactive").first.wait_for()
    page.locator(".filterkeuzes > summary").click()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert_clean(page)

    visit(page, f"/locaties/{locatie.slug}")
    page.locator("#buurtkaart .leaflet-interactive").first.wait_for()
    assert_clean(page)
    visit(page, f"/activiteiten/{activiteit.slug}")
    assert_clean(page)

    visit(page, f"/bijeenkomsten/{b.pk}/aanmelden")
    page.get_by_label("Uw naam").fill("Mien" + HOSTILE)
    page.locator("form input[type=email]").fill("mien@example.nl")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/aanmelding/bevestigd/"))
    assert_clean(page)
    aanmelding = aanmelding_create(bijeenkomst=b, naam="Kees" + HOSTILE, email="kees@example.nl")
    visit(page, "/" + aanmelding_cancel_url(aanmelding).split("://", 1)[1].split("/", 1)[1])
    assert_clean(page)

    for path in [f"/buurten/{buurt.code}/afdrukken?{week}", f"/locaties/{locatie.slug}/afdrukken?{week}",
                 f"/locaties/{locatie.slug}/scherm?verversen=nee"]:
        visit(page, path)
        assert_clean(page)
    visit(page, "/privacy", shows_hostile=False)  # the statement names no one
    assert_clean(page)


def test_dashboard_runs_no_injected_script(watched, hostile, live_server):
    page = watched
    gemeente, buurt = hostile["gemeente"], hostile["buurt"]
    official = GemeentemedewerkerFactory(gemeente=gemeente, user=UserFactory(username="ambtenaar")).user
    log_in(page, official, live_server)

    response = visit(page, f"/gemeente/{gemeente.code}/")
    basemap_host = urlsplit(settings.DASHBOARD_BASEMAP_URL).netloc
    if basemap_host:
        assert basemap_host in response.headers["content-security-policy"]
        page.locator(".leaflet-tile-loaded").first.wait_for()
    page.locator(".leaflet-overlay-pane path").first.wait_for()
    # The place's name, hovered: shown as text in the tooltip, never parsed as HTML.
    page.locator('.leaflet-overlay-pane path[fill="#005a8c"]').first.hover()
    page.locator(".leaflet-tooltip").wait_for()
    assert_clean(page)
    assert page.locator(".leaflet-tooltip").inner_text() == hostile["locatie"].naam
    page.locator('.leaflet-overlay-pane path[fill^="url(#patroon"]').nth(1).click()
    assert HOSTILE in page.locator(".leaflet-popup-content a").inner_text()
    page.check("#cirkels-aan")
    assert_clean(page)

    visit(page, f"/gemeente/{gemeente.code}/buurt/{buurt.code}/")
    assert_clean(page)

    visit(page, f"/gemeente/{gemeente.code}/wat-als/", shows_hostile=False)  # figures, no names
    page.locator(".leaflet-overlay-pane path").first.wait_for()
    page.locator("#kaart").click()  # the middle of the map: a hypothetical place there
    page.locator("#hypothetische-plekken li").first.wait_for()
    page.locator(".leaflet-marker-pane img").first.wait_for()
    assert_clean(page)


def test_api_docs_work_under_their_policy(watched):
    page = watched
    response = visit(page, "/api/v1/docs", shows_hostile=False)
    assert "unsafe" not in response.headers["content-security-policy"]
    page.locator(".swagger-ui .opblock").first.wait_for()
    page.locator(".swagger-ui .opblock-get .opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.locator(".swagger-ui .responses-table .response-col_status").first.wait_for()
    assert_clean(page)
