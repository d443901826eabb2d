"""The annual report in a real browser, as the demo board member: from the workspace's
menu to last year's figures, a wrong period said beside its field, then a chosen year,
by keyboard. Every page passes axe-core and breaks no rule of the Content-Security-Policy."""

from datetime import date, datetime

import pytest

from activiteiten.services import bijeenkomst_registreer_aanwezigen
from core.timezones import AMSTERDAM
from tests.activiteiten.factories import make_activiteit
from tests.browser.test_beheer import check, log_in, page, plek  # noqa: F401 fixtures used by name
from tests.browser.test_dashboard import ingelogd  # noqa: F401 a fixture used by name

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_board_reads_last_years_figures(page, check, plek, frozen_clock):  # noqa: F811
    activiteit = make_activiteit(
        locatie=plek["locatie"], start=datetime(2026, 12, 8, 14, tzinfo=AMSTERDAM), einddatum=date(2026, 12, 29),
    )
    frozen_clock.move_to(datetime(2027, 1, 13, 12, tzinfo=AMSTERDAM))
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    bijeenkomst_registreer_aanwezigen(bijeenkomst=eerste, aanwezigen=12)
    log_in(page, check)
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Jaarverslag").click()
    page.wait_for_selector("h1:text('Jaarverslag')")
    check(page)
    assert page.get_by_text("opkomst niet ingevuld bij 3 van 4 bijeenkomsten").first.is_visible()
    assert page.get_by_role("heading", name="Voor uw subsidieverantwoording").is_visible()
    tekst = page.get_by_label("Dezelfde antwoorden als tekst om te kopiëren")
    assert "Aantal activiteiten\nActiviteiten: 1. Bijeenkomsten gehouden: 4." in tekst.input_value()
    assert page.get_by_role("link", name="Download als spreadsheet (XLSX)").get_attribute("href").endswith(
        "jaarverslag.xlsx?van=2026-01-01&tot=2026-12-31")
    page.get_by_role("textbox", name="Van", exact=True).fill("2026-12-31")
    page.get_by_role("textbox", name="Tot en met").fill("2026-12-01")
    page.get_by_role("textbox", name="Tot en met").press("Enter")
    page.wait_for_selector(".error-summary")
    check(page)
    assert page.get_by_text("De laatste dag ligt vóór de eerste dag.").first.is_visible()
    page.get_by_role("textbox", name="Van", exact=True).fill("")
    page.get_by_role("textbox", name="Tot en met").fill("")
    page.get_by_label("Jaar").fill("2027")
    page.get_by_label("Jaar").press("Enter")
    page.wait_for_selector("h2:text('Van 1 januari 2027 tot en met 31 december 2027')")
    check(page)
    page.set_viewport_size({"width": 375, "height": 800})
    check(page)


def test_the_official_opens_the_places_side_by_side(ingelogd, assert_accessible):  # noqa: F811
    ingelogd.get_by_role("link", name="Jaarcijfers van de plekken").click()
    ingelogd.wait_for_selector("caption:text('De plekken naast elkaar')")
    assert_accessible(ingelogd)
    assert ingelogd.evaluate("window.__violations") == []
    tabel = ingelogd.locator("table", has=ingelogd.locator("caption", has_text="De plekken naast elkaar"))
    assert tabel.locator("tbody tr").count() == 1
    assert tabel.locator("th[aria-sort=ascending]").inner_text().startswith("Plek")
    tabel.get_by_role("link", name="Bijeenkomsten gehouden").click()
    ingelogd.wait_for_selector("th[aria-sort=ascending] >> text=Bijeenkomsten gehouden")
    assert "sorteer=gehouden" in ingelogd.url
    assert_accessible(ingelogd)
    assert ingelogd.evaluate("window.__violations") == []
