"""A place's pages in a real browser, as the demo board member: the week's opening hours
set (one of them past midnight) and a closure added that cancels a date and tells its
registrant; and the profile and its photos on a phone. Every page passes axe-core (WCAG 2.1 AA) and
breaks no rule of the Content-Security-Policy."""

from datetime import time

import pytest
from django.core import mail
from django.utils import timezone

from activiteiten.services import aanmelding_create
from core.timezones import AMSTERDAM
from locaties.constants import Rol
from locaties.models import Openingstijd, Sluiting
from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.browser.test_beheer import EMAIL, PASSWORD, log_in
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.locaties.factories import BuurtFactory, LidmaatschapFactory, LocatieFactory, UserFactory
from tests.locaties.test_services import jpeg_with_gps

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
def plek():
    """The demo board member (the one ``log_in`` logs in) and their organisation's place."""
    user = UserFactory(username=EMAIL, email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    lidmaatschap = LidmaatschapFactory(user=user, rol=Rol.BESTUUR, organisatie__naam="Stichting Buurthuis Wyck")
    buurt = BuurtFactory(naam="Wyckerpoort")
    locatie = LocatieFactory(naam="Buurthuis Wyck", beheerder=lidmaatschap.organisatie, buurt=buurt)
    return {"organisatie": lidmaatschap.organisatie, "locatie": locatie, "buurt": buurt}


def _naar_plek(page, check, naam):
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Plekken").click()
    page.wait_for_selector("h1:text('Plekken')")
    check(page)
    page.get_by_role("link", name=naam, exact=True).click()
    page.wait_for_selector(f"h1:text('{naam}')")
    check(page)


def test_setting_the_hours_and_a_closure_that_cancels_a_date(page, check, plek):
    activiteit = make_activiteit_met_aanmelding(capaciteit=10, locatie=plek["locatie"], titel="Samen eten")
    eerste = activiteit.bijeenkomsten.filter(start__gt=timezone.now()).order_by("start").first()
    aanmelding_create(bijeenkomst=eerste, naam="Mien", email="mien@example.nl")
    mail.outbox.clear()
    log_in(page, check)
    _naar_plek(page, check, "Buurthuis Wyck")

    page.get_by_role("navigation", name="Deze plek").get_by_role("link", name="Openingstijden").click()
    page.wait_for_selector("h1:text('Openingstijden van Buurthuis Wyck')")
    check(page)
    page.get_by_label("Dinsdag, periode 1: van").fill("09:00")
    page.get_by_label("Dinsdag, periode 1: tot").fill("12:00")
    page.get_by_label("Dinsdag, periode 2: van").fill("11:00")  # a slip: overlaps the morning
    page.get_by_label("Dinsdag, periode 2: tot").fill("17:00")
    page.get_by_label("Vrijdag, periode 1: van").fill("20:00")
    page.get_by_label("Vrijdag, periode 1: tot").fill("01:00")
    page.get_by_role("button", name="Openingstijden opslaan").click()
    page.wait_for_selector(".error-summary")
    assert page.get_by_label("Vrijdag, periode 1: van").input_value() == "20:00"
    assert not Openingstijd.objects.exists()
    check(page)
    page.get_by_label("Dinsdag, periode 2: van").fill("13:00")
    page.get_by_role("button", name="Openingstijden opslaan").click()
    page.wait_for_selector(".melding-success")
    assert "3 periodes per week" in page.inner_text(".melding-success")
    check(page)
    assert Openingstijd.objects.get(weekdag=4).tot == time(1)

    page.get_by_role("navigation", name="Deze plek").get_by_role("link", name="Sluitingen").click()
    check(page)
    page.get_by_role("link", name="Sluiting toevoegen").click()
    check(page)
    dag = timezone.localtime(eerste.start, AMSTERDAM).date()
    page.get_by_label("Eerste dag dicht").fill(dag.isoformat())
    page.get_by_label("Laatste dag dicht").fill(dag.isoformat())
    page.get_by_label("Reden").fill("Verbouwing")
    page.get_by_role("button", name="Data in deze periode bekijken").click()
    page.wait_for_selector("h2:text('Data in deze periode')")
    assert "Samen eten" in page.inner_text(".schema") and "1 aanmelding" in page.inner_text(".schema")
    assert not Sluiting.objects.exists()
    check(page)
    page.get_by_role("checkbox", name="Annuleer deze data en bericht de aangemelde mensen").check()
    page.get_by_role("button", name="Sluiting opslaan").click()
    page.wait_for_selector(".melding-success")
    melding = page.inner_text(".melding-success")
    assert "Gesloten op" in melding and "1 datum geannuleerd, 1 persoon krijgt bericht." in melding
    assert "Verbouwing" in page.inner_text("table")
    check(page)
    eerste.refresh_from_db()
    assert eerste.geannuleerd
    assert [m.to for m in mail.outbox] == [["mien@example.nl"]]


def test_the_profile_reflows_on_a_phone_and_shows_the_buurt(page, check, plek):
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, lambda page: None)
    _naar_plek(page, check, "Buurthuis Wyck")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert "Wyckerpoort" in page.inner_text(".schema")
    page.get_by_label("Naam van de plek").fill("")
    page.get_by_role("checkbox", name="Ringleiding").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector(".error-summary")
    assert page.get_by_role("checkbox", name="Ringleiding").is_checked()
    check(page)

    page.get_by_role("navigation", name="Deze plek").get_by_role("link", name="Foto’s").click()
    page.wait_for_selector("h1:text('Foto’s van Buurthuis Wyck')")
    check(page)
    page.get_by_label("Foto", exact=True).set_input_files(
        {"name": "zaal.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps().read()})
    page.get_by_label("Wat er op de foto staat").last.fill("De zaal met lange tafels")
    page.get_by_role("button", name="Foto toevoegen").click()
    page.wait_for_selector(".melding-success")
    assert page.locator("img[alt='De zaal met lange tafels']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    check(page)
