"""A person with a keyboard reaches the content of the home page."""

import pytest

from tests.locaties.factories import BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_keyboard_user_skips_to_the_content_and_sees_large_type(page):
    LocatieFactory(naam="Gemeenschapshuis Aw Sjaol", buurt=BuurtFactory(naam="Itteren"))

    page.goto("/")
    page.keyboard.press("Tab")

    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    assert page.get_by_role("heading", level=1).inner_text() == "Wat is er te doen in uw buurt?"
    assert page.get_by_role("searchbox", name="Uw buurt of postcode").is_visible()
    font_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 18


def test_home_reflows_at_320_pixels_without_horizontal_scrolling(page):
    LocatieFactory(naam="Buurthuis met een heel erg lange naam zonder spaties", buurt=BuurtFactory())
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_home_has_no_wcag_violations_in_dutch_and_english(page, assert_accessible):
    LocatieFactory(naam="Haarderhof", buurt=BuurtFactory(naam="Borgharen"))
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_accessible(page)
