"""Browser journeys on the gemeente dashboard: accessible (axe-core, WCAG 2.1 AA), and
the what-if form usable with the keyboard alone."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoeting.dashboard import tabel
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


def test_buurt_table_folds_per_wijk_with_a_sticky_header(ingelogd, assert_accessible):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/")
    wijk = page.locator("details.wijk").first
    assert page.locator("details.wijk").count() == 1
    # One wijk: open from the start; a summary folds and unfolds it without a script.
    assert wijk.evaluate("d => d.open")
    wijk.locator("summary").click()
    assert not wijk.evaluate("d => d.open")
    wijk.locator("summary").focus()
    page.keyboard.press("Enter")
    assert wijk.evaluate("d => d.open")
    header = wijk.locator("thead th").nth(1)
    assert header.evaluate("th => getComputedStyle(th).position") == "sticky"
    cell = wijk.locator("td.getal").first
    assert cell.evaluate("td => getComputedStyle(td).whiteSpace") == "nowrap"
    assert cell.evaluate("td => getComputedStyle(td).fontVariantNumeric") == "tabular-nums"
    # The legend explains each short heading, visible from the start (and foldable).
    assert page.locator("#kolom-inwoners").is_visible()
    assert_accessible(page)


def test_on_a_phone_the_table_shows_the_main_columns_and_the_page_does_not_scroll_sideways(ingelogd, assert_accessible):
    page = ingelogd
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/gemeente/{page.gemeente.code}/")
    table = page.locator("details.wijk table").first
    visible = table.locator("thead th:visible")
    assert visible.count() == 2  # the buurt and its share of residents aged 65+ within 400 m
    assert table.locator(".drempels-telefoon").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_map_names_buurten_on_hover_and_in_the_list_beside_it(ingelogd):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/")
    page.wait_for_selector(".leaflet-overlay-pane path")
    names = page.locator(".buurtlijst li a").all_inner_texts()
    assert len(names) == 2
    # The second buurt has no place in it: hovering its shape names it.
    page.locator(".leaflet-overlay-pane path").nth(1).hover()
    tooltip = page.locator(".leaflet-tooltip.buurt-naam")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() in [n.strip() for n in names]
    page.mouse.move(0, 0)
    # Pointing at a name in the list names (and outlines) that buurt on the map.
    item = page.locator(".buurtlijst li").first
    item.hover()
    page.wait_for_function(
        "name => [...document.querySelectorAll('.leaflet-tooltip.buurt-naam')].some(t => t.textContent.trim() === name)",
        arg=item.locator("a").inner_text().strip(),
    )


def test_chart_labels_do_not_overlap(ingelogd):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/")
    for section in ("verdeling-kop", "trend-kop"):
        boxes = page.evaluate(
            """id => [...document.querySelector(`section[aria-labelledby=${id}] svg`).querySelectorAll('text.as-label')]
                .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""",
            section,
        )
        assert boxes, section
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (section, a, b)
    assert page.locator("section[aria-labelledby=trend-kop] text.as-label").first.get_attribute("transform").startswith("rotate(-35")


def test_whatif_keeps_the_postcode_label_after_a_click_on_the_map(ingelogd):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/wat-als/")
    page.fill("#id_postcode", "6229 AB")
    page.click("#watals-form button[type=submit]")
    page.wait_for_selector("#hypothetische-plekken li")
    page.wait_for_selector(".leaflet-overlay-pane path")
    page.locator("#kaart").scroll_into_view_if_needed()
    box = page.locator("#kaart").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 30, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.querySelectorAll('#hypothetische-plekken li').length === 2")
    items = page.locator("#hypothetische-plekken li").all_inner_texts()
    assert "6229 AB" in items[0] and "6229 AB" not in items[1]
    # A 4-position postcode is taken too, at the middle of its area.
    page.fill("#id_postcode", "6229")
    page.click("#watals-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#hypothetische-plekken li').length === 3")
    items = page.locator("#hypothetische-plekken li").all_inner_texts()
    assert "6229 AB" in items[0] and items[2].strip().startswith("6229 ")


def test_map_source_in_english(ingelogd):
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/")
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    page.wait_for_selector(".leaflet-control-attribution")
    assert "Source: CBS, Kadaster" in page.locator(".leaflet-control-attribution").inner_text()
    assert "Bron" not in page.locator("main").inner_text()


def test_a_folded_wijk_of_a_large_gemeente_loads_its_buurten_when_opened(ingelogd, assert_accessible, monkeypatch):
    monkeypatch.setattr(tabel, "INLINE_BUURTEN", 1)  # two buurten: a large gemeente here
    page = ingelogd
    page.goto(f"/gemeente/{page.gemeente.code}/")
    wijk = page.locator("details.wijk").first
    assert wijk.evaluate("d => d.open")  # the only wijk: open, so its buurten are loaded at once
    wijk.locator("table.dekking-tabel tbody tr").first.wait_for()
    assert wijk.locator("table.dekking-tabel tbody tr").count() == 2
    assert wijk.locator("a[data-deel]").count() == 0  # the link made way for the table
    page.wait_for_selector(".buurtlijst li a")  # the list beside the map, from the map data
    assert_accessible(page)
