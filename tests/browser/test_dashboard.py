"""Browser journeys on the gemeente dashboard: accessible (axe-core, WCAG 2.1 AA), and
the what-if form usable with the keyboard alone."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoeting.dekking.compute import dekking_compute
from tests.activiteiten.factories import make_activiteit, tomorrow_at
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeentemedewerkerFactory,
    LocatieFactory,
    UserFactory,
)
from tests.ontmoeting.test_login import code_for

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
    official = GemeentemedewerkerFactory(gemeente=first.gemeente, user=UserFactory(username="ambtenaar")).user
    # Officials log in with two steps: the password, then the code of their app.
    device = TOTPDevice.objects.create(user=official, name="app", confirmed=True)
    page.goto("/inloggen")
    page.fill("#id_username", "ambtenaar")
    page.fill("#id_password", "wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_url("**/inloggen/code")
    page.fill("#id_code", code_for(device))
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/gemeente/{first.gemeente.code}/")
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
