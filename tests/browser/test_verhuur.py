"""Renting a room in a real browser: a choir asks for a weekly rehearsal room on the place
page without an account, the demo board member approves it skipping the one date that
clashes, the tenant's mail link shows the status of each date, and the occupancy week
shows the rental on the right days. Every page passes axe-core (WCAG 2.1 AA) and breaks
no rule of the Content-Security-Policy."""

import re
from datetime import time, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from core.timezones import AMSTERDAM
from locaties.constants import ReserveringStatus, Rol, TariefCategorie
from locaties.models import Reservering
from locaties.services import reservering_bevestig
from tests.activiteiten.factories import make_activiteit, next_weekday_at
from tests.browser.test_beheer import EMAIL, PASSWORD, log_in
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.locaties.factories import (
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    ReserveringFactory,
    RuimteFactory,
    TariefFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


@pytest.fixture
def check(assert_accessible):
    def run(page):
        assert_accessible(page)
        assert page.evaluate("window.__violations") == [], page.url

    return run


@pytest.fixture
def zaal():
    user = UserFactory(username=EMAIL, email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    lidmaatschap = LidmaatschapFactory(user=user, rol=Rol.BESTUUR, organisatie__naam="Stichting Buurthuis Wyck")
    locatie = LocatieFactory(naam="Buurthuis Wyck", beheerder=lidmaatschap.organisatie)
    for weekdag in range(7):
        OpeningstijdFactory(locatie=locatie, weekdag=weekdag, van=time(9), tot=time(23))
    zaal = RuimteFactory(locatie=locatie, naam="Repetitieruimte", capaciteit=30, faciliteiten=["muziekruimte"])
    TariefFactory(ruimte=zaal, categorie=TariefCategorie.MAATSCHAPPELIJK)
    return zaal


def test_a_choir_requests_a_weekly_room_and_the_board_approves_skipping_one_date(page, check, zaal):
    first = next_weekday_at(1, 19)  # a Tuesday evening, next week
    andere = ReserveringFactory(ruimte=zaal, start=first + timedelta(weeks=2, minutes=30), huurder_naam="Familie Jansen")

    page.goto(f"/locaties/{zaal.locatie.slug}")
    check(page)
    page.get_by_role("link", name="Repetitieruimte huren aanvragen").click()
    page.wait_for_selector("h1:text('Repetitieruimte huren')")
    check(page)
    page.get_by_label("Organisatie of naam").fill("Zangkoor Wyck")
    page.get_by_label("E-mail").fill("koor@example.nl")
    page.locator("input[name=huurder_categorie][value=maatschappelijk]").check()
    page.get_by_label("Waarvoor is de ruimte?").fill("Repetitie")
    page.get_by_label("Aantal personen").fill("45")  # more than fit
    page.get_by_label("Datum", exact=True).fill(f"{timezone.localtime(first, AMSTERDAM):%Y-%m-%d}")
    page.get_by_label("Van", exact=True).fill("19:00")
    page.get_by_label("Tot", exact=True).fill("21:00")
    page.locator("input[name=herhaling][value='1']").check()
    page.get_by_label("Herhalen tot en met (voor een reeks)").fill(f"{timezone.localtime(first + timedelta(weeks=3), AMSTERDAM):%Y-%m-%d}")
    page.get_by_role("button", name="Toon prijs en data").click()
    page.wait_for_selector(".error-summary")
    check(page)
    assert page.get_by_label("Organisatie of naam").input_value() == "Zangkoor Wyck"
    page.get_by_label("Aantal personen").fill("25")
    page.get_by_role("button", name="Toon prijs en data").click()
    page.wait_for_selector("h2:text('Prijs en data')")
    check(page)
    assert page.locator("input[name=overslaan]").count() == 4
    assert page.locator("input[name=overslaan]:checked").count() == 0  # a request does not block
    page.get_by_role("button", name="Verstuur de aanvraag").click()
    page.wait_for_selector("h1:text('Uw huuraanvraag')")
    check(page)
    assert page.locator("tbody tr").count() == 4
    assert page.get_by_text("Aangevraagd").count() == 4

    # Meanwhile the other tenant's evening, on the third Tuesday, is confirmed.
    reservering_bevestig(reservering=andere)
    mail.outbox.clear()

    log_in(page, check)
    # The board sees the request in the calendar before deciding.
    page.goto(_bezetting(zaal, first))
    page.wait_for_selector("h1:text('Bezetting van Buurthuis Wyck')")
    assert "Zangkoor Wyck (aangevraagd)" in page.locator("table.bezetting-rooster").inner_text()
    page.goto(f"/beheer/{zaal.locatie.beheerder.slug}/")
    page.get_by_role("link", name="Alle huuraanvragen").click()
    page.wait_for_selector("h1:text('Huuraanvragen')")
    check(page)
    page.get_by_role("link", name=re.compile("Zangkoor Wyck: Repetitie")).click()
    page.wait_for_selector("h1:text('Huuraanvraag van Zangkoor Wyck')")
    check(page)
    assert "Familie Jansen" in page.locator("table").inner_text()  # the place's own people see who
    assert page.get_by_label("Keur alle vrije data goed en sla de botsende data over").is_checked()
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_selector(".melding")
    check(page)
    assert "Goedgekeurd: 3 data. 1 datum overgeslagen" in page.content()

    [bericht] = [m for m in mail.outbox if m.to == ["koor@example.nl"]]
    assert "konden wij niet geven" in bericht.body or "could not be given" in bericht.body
    assert "Jansen" not in bericht.body
    link = re.search(r"https?://\S+/huren/aanvraag/\S+", bericht.body).group(0)
    page.goto("/huren/aanvraag/" + link.rsplit("/huren/aanvraag/", 1)[1])
    page.wait_for_selector("h1:text('Uw huuraanvraag')")
    check(page)
    assert page.get_by_text("Bevestigd").count() == 3
    assert page.get_by_text("Afgewezen").count() == 1

    page.goto(_bezetting(zaal, first))
    page.wait_for_selector("h1:text('Bezetting van Buurthuis Wyck')")
    check(page)
    dinsdag = page.locator(f"#dag-{timezone.localtime(first, AMSTERDAM):%Y%m%d}").locator("xpath=..")
    assert "Zangkoor Wyck" in dinsdag.inner_text()
    maandag = page.locator(f"#dag-{timezone.localtime(first - timedelta(days=1), AMSTERDAM):%Y%m%d}").locator("xpath=..")
    assert "Zangkoor Wyck" not in maandag.inner_text()
    assert Reservering.objects.filter(huurder_naam="Zangkoor Wyck", status=ReserveringStatus.BEVESTIGD).count() == 3

    # The room's private feed, linked from the occupancy page, holds the confirmed dates.
    feed = urlsplit(page.locator("#kop-feeds ~ ul a").first.get_attribute("href")).path  # the test server's
    ics = page.request.get(feed).text()
    assert ics.count("BEGIN:VEVENT") >= 3 and "Zangkoor Wyck" in ics


def _bezetting(zaal, moment, *, maand=False):
    local = timezone.localtime(moment, AMSTERDAM)
    query = f"maand={local:%Y-%m}" if maand else f"week={local:%Y-%m-%d}"
    return f"/beheer/{zaal.locatie.beheerder.slug}/plekken/{zaal.locatie.slug}/bezetting?{query}"


def test_the_board_books_a_free_slot_for_an_activity_and_finds_it_in_the_month(page, check, zaal):
    taalcafe = make_activiteit(locatie=zaal.locatie, titel="Taalcafé")
    datum = taalcafe.bijeenkomsten.order_by("start").first()
    local = timezone.localtime(datum.start, AMSTERDAM)
    log_in(page, check)
    page.goto(_bezetting(zaal, datum.start))
    page.wait_for_selector("h1:text('Bezetting van Buurthuis Wyck')")
    page.get_by_role("link", name=f"Repetitieruimte boeken voor een activiteit op {local.day} december").click()
    page.wait_for_selector("h1:text('Repetitieruimte boeken voor een activiteit')")
    check(page)
    page.get_by_label(re.compile("14:00–16:00 Taalcafé")).check()
    page.get_by_label("Alleen deze datum").check()
    page.get_by_role("button", name="Ruimte boeken").click()
    page.wait_for_selector(".melding")
    check(page)
    assert "Repetitieruimte is geboekt voor Taalcafé" in page.content()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(_bezetting(zaal, datum.start, maand=True))
    page.wait_for_selector("caption:text('De maand per ruimte')")
    check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    rij = page.locator("table.bezetting-rooster tr", has=page.locator(f"a[href='#dag-{local:%Y%m%d}']"))
    assert "Taalcafé" in rij.inner_text()
    datum.refresh_from_db()
    assert datum.ruimte == zaal


def test_the_request_form_and_the_occupancy_week_work_on_a_phone(page, check, zaal):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/locaties/{zaal.locatie.slug}/ruimtes/{zaal.pk}/huren")
    page.wait_for_selector("h1:text('Repetitieruimte huren')")
    check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button = page.get_by_role("button", name="Verstuur de aanvraag").bounding_box()
    assert button["height"] >= 44
    log_in(page, check)
    page.goto(f"/beheer/{zaal.locatie.beheerder.slug}/plekken/{zaal.locatie.slug}/bezetting")
    page.wait_for_selector("h1:text('Bezetting van Buurthuis Wyck')")
    check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
