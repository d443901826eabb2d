"""Browser journeys on the gemeente dashboard: accessible (axe-core, WCAG 2.1 AA), and
the what-if form usable with the keyboard alone."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from ontmoeting.dekking import dekking_compute
from tests.activiteiten.factories import make_activiteit, tomorrow_at
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeentemedewerkerFactory,
    LocatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ingelogd(page, live_server, settings):
    settings.DASHBOARD_BASEMAP_URL = ""  # no tiles from outside this machine
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    first = BuurtFactory(lat=50.85, lon=5.69)
    second = BuurtFactory(wijk=first.wijk, lat=50.86, lon=5.69)
    BevolkingspuntFactory(buurt=first, inwoners=100, inwoners_65plus=20)
    BevolkingspuntFactory(buurt=second, sleutel="6229AB", inwoners=100, inwoners_65plus=30)
    place = LocatieFactory(buurt=first, lat=50.85, lon=5.69, noodsteunpunt=True)
    make_activiteit(locatie=place, start=tomorrow_at(14), rrule="FREQ=WEEKLY")
    dekking_compute(gemeente=first.gemeente)
    ambtenaar = GemeentemedewerkerFactory(gemeente=first.gemeente, user=UserFactory(username="ambtenaar")).user
    # The official is an ordinary user, not staff: the admin's login is not theirs, so
    # the browser gets a session of theirs directly.
    client = Client()
    client.force_login(ambtenaar)
    page.context.add_cookies([{
        "name": django_settings.SESSION_COOKIE_NAME, "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
    page.gemeente = first.gemeente
    return page


def test_dashboard_is_accessible_with_the_map_drawn(ingelogd, assert_accessible):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/")
    page.wait_for_selector(".leaflet-overlay-pane path")
    assert page.locator(".leaflet-overlay-pane path").count() >= 2
    page.check("#cirkels-aan")
    assert_accessible(page)


def test_whatif_by_keyboard(ingelogd, assert_accessible):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/wat-als/")
    # From the top: Tab until the postcode field has focus, type, press Enter.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_postcode":
            break
    assert page.evaluate("document.activeElement.id") == "id_postcode"
    page.keyboard.type("6229 AB")
    page.keyboard.press("Enter")
    page.wait_for_selector("#hypothetische-plekken li")
    assert "6229" in page.locator("#hypothetische-plekken").inner_text()
    assert page.locator("table.vergelijk").first.is_visible()
    assert_accessible(page)
