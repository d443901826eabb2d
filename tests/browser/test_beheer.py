"""The workspace in a real browser, as the demo board member: logging in from the
site's header, a weekly activity made in plain language and found on the buurt page
and in its iCalendar feed, a date cancelled with notice to a registrant, someone who
phoned registered and the attendance recorded. Every page passes axe-core (WCAG 2.1
AA) and breaks no rule of the Content-Security-Policy."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from activiteiten.models import Activiteit
from activiteiten.services import aanmelding_create
from core.timezones import AMSTERDAM
from locaties.constants import Rol
from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.browser.test_login import tab_to
from tests.locaties.factories import BuurtFactory, LidmaatschapFactory, LocatieFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL, PASSWORD = "bestuur@demo.invalid", "demo-bestuur"


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
    """The demo board member's organisation with one place in a buurt."""
    user = UserFactory(username=EMAIL, email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    lidmaatschap = LidmaatschapFactory(user=user, rol=Rol.BESTUUR, organisatie__naam="Stichting Buurthuis Wyck")
    buurt = BuurtFactory(naam="Wyckerpoort")
    locatie = LocatieFactory(naam="Buurthuis Wyck", beheerder=lidmaatschap.organisatie, buurt=buurt)
    return {"organisatie": lidmaatschap.organisatie, "locatie": locatie, "buurt": buurt}


def log_in(page, check):
    page.goto("/agenda")
    tab_to(page, "a[href='/inloggen']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inloggen")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text('Mijn plek')")  # straight into the workspace
    check(page)


def test_a_weekly_activity_made_in_plain_language_shows_on_the_buurt_page_and_feed(page, check, plek):
    log_in(page, check)
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Activiteiten").click()
    check(page)
    page.get_by_role("link", name="Activiteit toevoegen").click()
    check(page)
    page.get_by_label("Naam van de activiteit").fill("Handwerkclub")
    page.get_by_role("radio", name="Elke week").check()
    page.get_by_role("checkbox", name="Dinsdag").check()
    today = timezone.localdate()
    page.get_by_label("Eerste datum").fill(today.isoformat())
    page.get_by_label("Begint om").fill("10:00")
    page.get_by_label("Eindigt om").fill("12:00")
    page.get_by_role("checkbox", name="Niet in de schoolvakanties").check()
    page.get_by_role("radio", name="Gepubliceerd").check()
    page.get_by_label("Eindigt om").fill("09:00")  # a slip first: the form says so and keeps the rest
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector(".error-summary")
    assert page.get_by_label("Naam van de activiteit").input_value() == "Handwerkclub"
    check(page)
    page.get_by_label("Eindigt om").fill("12:00")
    page.get_by_role("button", name="Eerst de data bekijken").click()
    page.wait_for_selector("ol.voorbeeld")
    assert not Activiteit.objects.exists()
    check(page)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector(".melding-success")
    assert "Elke dinsdag, 10:00–12:00" in page.inner_text(".schema")
    assert "niet in de schoolvakanties" in page.inner_text(".schema")
    check(page)

    activiteit = Activiteit.objects.get(titel="Handwerkclub")
    first = activiteit.bijeenkomsten.order_by("start").first()
    week = timezone.localtime(first.start, AMSTERDAM).date()
    page.goto(f"/buurten/{plek['buurt'].code}?week={week - timedelta(days=week.weekday())}")
    assert "Handwerkclub" in page.inner_text("main")
    ical = page.request.get(f"/buurten/{plek['buurt'].code}/agenda.ics")
    assert ical.ok and "SUMMARY:Handwerkclub" in ical.text()


def test_cancelling_a_date_tells_the_registrant_and_shows_on_the_public_page(page, check, plek):
    activiteit = make_activiteit_met_aanmelding(capaciteit=10, locatie=plek["locatie"], titel="Samen eten")
    first = activiteit.bijeenkomsten.order_by("start").first()
    aanmelding_create(bijeenkomst=first, naam="Mien", email="mien@example.nl")
    mail.outbox.clear()
    log_in(page, check)
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Activiteiten").click()
    page.get_by_role("link", name="Samen eten").click()
    page.get_by_role("link", name="Data en aanmeldingen").click()
    page.wait_for_selector("h2")
    maand = timezone.localtime(first.start, AMSTERDAM).strftime("%Y-%m")
    page.goto(page.url.split("?")[0] + f"?maand={maand}")
    check(page)
    page.locator(f"a[href$='/data/{first.pk}/annuleren']").click()
    check(page)
    page.get_by_label("Reden").fill("De kok is ziek")
    page.get_by_role("button", name="Deze datum annuleren").click()
    page.wait_for_selector(".melding-success")
    assert "is geannuleerd. 1 aangemelde persoon krijgt bericht." in page.inner_text(".melding-success")
    check(page)
    assert [m.to for m in mail.outbox] == [["mien@example.nl"]]
    page.goto(f"/activiteiten/{activiteit.slug}")
    assert page.locator(".bijeenkomst.geannuleerd").count() >= 1


def test_registering_someone_who_phoned_then_recording_attendance(page, check, plek, frozen_clock):
    soon = (timezone.localtime() + timedelta(minutes=20)).replace(second=0, microsecond=0)
    activiteit = make_activiteit_met_aanmelding(capaciteit=10, locatie=plek["locatie"], titel="Koffie", start=soon,
                                                rrule="")
    bijeenkomst = activiteit.bijeenkomsten.get()
    log_in(page, check)
    page.locator(".programma").get_by_role("link", name="Koffie").click()  # this week's date on the start page
    page.wait_for_selector("h2:text('Iemand aanmelden die belde')")
    check(page)
    page.get_by_label("Naam", exact=True).fill("Mevrouw Janssen")
    page.get_by_label("Telefoonnummer").fill("043 321 12 34")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.wait_for_selector(".melding-success")
    assert "Mevrouw Janssen" in page.inner_text("table")
    check(page)

    frozen_clock.move_to(bijeenkomst.start + timedelta(minutes=5))
    page.reload()
    page.get_by_label("Hoeveel mensen kwamen er?").fill("9")
    page.get_by_role("button", name="Aanwezigen opslaan").click()
    page.wait_for_selector(".melding-success")
    check(page)
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.aanwezigen == 9


def test_the_workspace_reflows_on_a_phone(page, plek):
    make_activiteit_met_aanmelding(locatie=plek["locatie"], titel="Taalcafé")
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, lambda page: None)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    for link in (page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Activiteiten"),
                 page.get_by_role("link", name="Activiteit toevoegen")):
        link.click()
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
