"""Browser journey of logging in: by keyboard from the header's link, a wrong password
with its error summary, the account page, an API token made and revoked, logging out;
an official setting up two-step login with a real code; the lockout page. Every page
passes axe-core (WCAG 2.1 AA) and breaks no rule of the Content-Security-Policy."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from locaties.constants import Rol
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.locaties.factories import GemeentemedewerkerFactory, LidmaatschapFactory, UserFactory
from tests.ontmoeting.test_login import code_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


@pytest.fixture
def assert_accessible(assert_accessible):
    """axe-core, and no securitypolicyviolation on the page (the QR code is inline SVG)."""

    def check(page):
        assert_accessible(page)
        assert page.evaluate("window.__violations") == [], page.url

    return check


def tab_to(page, selector, limit=40):
    """Press Tab until the element matching ``selector`` has focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with Tab")


def test_board_member_logs_in_by_keyboard_makes_a_token_and_logs_out(page, assert_accessible):
    user = UserFactory(username="bestuur@example.nl", email="bestuur@example.nl")
    LidmaatschapFactory(user=user, rol=Rol.BESTUUR, organisatie__naam="Stichting Buurtcentrum Nazareth")
    page.goto("/agenda")
    tab_to(page, "a[href='/inloggen']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inloggen")
    assert_accessible(page)

    tab_to(page, "#id_username")
    page.keyboard.type("bestuur@example.nl")
    page.keyboard.press("Tab")
    page.keyboard.type("niet-mijn-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "klopt niet" in page.inner_text(".error-summary")
    assert_accessible(page)

    page.fill("#id_password", "wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/beheer/**")  # a board member lands where they work
    assert_accessible(page)
    page.goto("/account")
    assert "Stichting Buurtcentrum Nazareth" in page.inner_text("main")
    assert_accessible(page)

    tab_to(page, "a[href='/account/tokens']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/tokens")
    page.keyboard.press("Enter")  # nothing typed yet: nothing happens without a focused control
    tab_to(page, "#id_naam")
    page.keyboard.press("Enter")  # an empty name: the error summary
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    page.fill("#id_naam", "website buurthuis")
    page.keyboard.press("Enter")
    page.wait_for_selector("#nieuwe-sleutel")
    assert len(page.inner_text("#nieuwe-sleutel").strip()) == 40
    assert_accessible(page)

    tab_to(page, "form[action*='intrekken'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=ingetrokken")
    assert_accessible(page)

    tab_to(page, "form[action='/uitloggen'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("a[href='/inloggen']")
    assert "U bent uitgelogd" in page.inner_text("main")


def test_official_sets_up_two_step_login_and_lands_on_the_dashboard(page, assert_accessible, frozen_clock):
    official = GemeentemedewerkerFactory(user=UserFactory(username="ambtenaar@example.nl", email="ambtenaar@example.nl"))
    page.goto("/inloggen")
    page.fill("#id_username", "ambtenaar@example.nl")
    page.fill("#id_password", "wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inloggen/tweestaps")
    assert page.locator(".qr-code svg").count() == 1
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=official.user)
    page.fill("#id_code", code_for(device))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/gemeente/{official.gemeente.code}/")


def test_lockout_page_is_clear_and_accessible(page, assert_accessible):
    UserFactory(username="bestuur@example.nl", email="bestuur@example.nl")
    page.goto("/inloggen")
    for _ in range(5):
        page.fill("#id_username", "bestuur@example.nl")
        page.fill("#id_password", "fout")
        with page.expect_navigation():  # each answer in turn, not the page still shown
            page.keyboard.press("Enter")
    assert "Inloggen is even geblokkeerd" in page.inner_text("main")
    assert "15 minuten" in page.inner_text("main")
    assert_accessible(page)
