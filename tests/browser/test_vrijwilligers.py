"""Volunteers in a real browser: from /vacatures to "Ik wil helpen", the mailed personal
link, the coordinator accepting the sign-up, taking a shift that then shows in "my shifts" and in the calendar feed (parsed by
icalendar), and the coordinator who sees the volunteer in the week's roster; hours and
walk-ins, the volunteers who fit a vacancy, the vacancies by day part and postcode, and
the first-name consent. Every page
passes axe-core (WCAG 2.1 AA) and breaks no rule of the Content-Security-Policy."""

import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from locaties.constants import Rol
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.locaties.factories import BevolkingspuntFactory, BuurtFactory, LidmaatschapFactory, LocatieFactory
from tests.vrijwilligers.factories import DienstFactory, VacatureFactory, VrijwilligerFactory
from vrijwilligers.models import Inzet, LosseInzet, Vrijwilliger
from vrijwilligers.services import inzet_create
from vrijwilligers.tokens import vrijwilliger_token

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
    coordinator = LidmaatschapFactory(rol=Rol.COORDINATOR, organisatie__naam="Stichting Buurthuis Wyck")
    organisatie = coordinator.organisatie
    locatie = LocatieFactory(naam="Buurthuis Wyck", beheerder=organisatie, buurt=BuurtFactory(naam="Wyckerpoort"))
    VacatureFactory(organisatie=organisatie, locatie=locatie, titel="Gastvrouw bij de inloop", gepubliceerd=True)
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    dienst = DienstFactory(locatie=locatie, start=start, eind=start + timedelta(hours=2), benodigd=1)
    return {"organisatie": organisatie, "locatie": locatie, "dienst": dienst, "coordinator": coordinator.user}


def test_sign_up_take_a_shift_find_it_in_my_shifts_and_feed_and_the_roster(page, check, plek, live_server):
    page.goto("/vrijwilligers")
    page.wait_for_selector("h1:text('Vrijwilligersvacatures')")
    check(page)
    page.get_by_role("link", name="Gastvrouw bij de inloop").click()
    check(page)
    page.get_by_role("link", name="Ik wil helpen").click()
    check(page)

    page.get_by_role("button", name="Meld u aan als vrijwilliger").click()
    page.wait_for_selector(".error-summary")
    check(page)  # the errors, beside the fields and at the top
    page.get_by_label("Uw naam").fill("Kees de Vries")
    page.get_by_label("E-mailadres").fill("kees@example.nl")
    page.get_by_role("checkbox", name="Dinsdagochtend").check()
    page.keyboard.press("Tab")  # the form works by keyboard: consent is ticked with the space bar
    page.locator("#id_toestemming").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Meld u aan als vrijwilliger").click()
    page.wait_for_selector("h1:text('Bedankt voor uw aanmelding')")
    check(page)

    (bericht,) = [m for m in mail.outbox if m.to == ["kees@example.nl"]]
    link = re.search(r"https?://\S+/vrijwilliger/\S+", bericht.body).group(0)
    page.goto(urlsplit(link).path)
    page.wait_for_selector("h1:text('Mijn diensten')")
    check(page)  # waiting for the coordinator: no shifts to take yet
    assert page.get_by_role("button", name=re.compile("^Nemen: ")).count() == 0

    client = Client()
    client.force_login(plek["coordinator"])
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.goto(f"/beheer/{plek['organisatie'].slug}/vrijwilligers/")
    check(page)
    page.get_by_role("button", name="Accepteer Kees de Vries").click()
    page.wait_for_selector(".melding-success")
    check(page)

    page.goto(urlsplit(link).path)
    page.get_by_role("button", name=re.compile("^Nemen: ")).click()
    page.wait_for_selector(".melding-success")
    check(page)
    mijn = page.locator("section[aria-labelledby='kop-mijn']")
    assert "Buurthuis Wyck" in mijn.inner_text()
    assert page.get_by_role("button", name=re.compile("^Teruggeven: ")).count() == 1

    feed = page.request.get(urlsplit(link).path + "/diensten.ics")
    events = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == timezone.localtime(plek["dienst"].start)
    assert "Buurthuis Wyck" in str(events[0]["location"])

    week = plek["dienst"].start.date().isoformat()
    page.goto(f"/beheer/{plek['organisatie'].slug}/rooster/{plek['locatie'].slug}/?week={week}")
    page.wait_for_selector("h1:text('Rooster van Buurthuis Wyck')")
    check(page)
    assert "Kees de Vries" in page.locator("table.rooster").inner_text()
    assert page.locator(".dienst-open").count() == 0


def test_the_coordinator_fills_a_gap_and_the_workspace_pages_pass_axe(page, check, plek, live_server):
    VrijwilligerFactory(naam="Anna de Wit", organisaties=[plek["organisatie"]])
    client = Client()
    client.force_login(plek["coordinator"])
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    org, slug = plek["organisatie"].slug, plek["locatie"].slug
    week = plek["dienst"].start.date().isoformat()
    page.goto(f"/beheer/{org}/rooster/{slug}/?week={week}")
    assert page.locator(".dienst-open").count() == 1
    page.locator(".dienst-open a").first.click()
    page.wait_for_selector("h2:text('Zet er een vrijwilliger op')")
    check(page)
    page.get_by_label("Vrijwilliger").select_option(label="Anna de Wit")
    page.get_by_role("button", name="Zet op de dienst").click()
    page.wait_for_selector(".melding-success")
    check(page)
    page.goto(f"/beheer/{org}/rooster/{slug}/?week={week}")
    assert page.locator(".dienst-open").count() == 0
    assert "Anna de Wit" in page.locator("table.rooster").inner_text()
    page.goto(f"/beheer/{org}/rooster/{slug}/nieuw")
    page.get_by_role("button", name="Zet in het rooster").click()
    page.wait_for_selector(".error-summary")
    check(page)
    page.goto(f"/beheer/{org}/vacatures/")
    check(page)
    page.goto(f"/beheer/{org}/vrijwilligers/")
    check(page)
    page.goto(f"/beheer/{org}/")
    check(page)


# --- hours, walk-ins, matching, vacancy filters, the first-name consent --------------------


def _as_coordinator(page, plek, live_server):
    client = Client()
    client.force_login(plek["coordinator"])
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])


def test_the_coordinator_confirms_hours_and_writes_down_a_walk_in(page, check, plek, live_server):
    anna = VrijwilligerFactory(naam="Anna de Wit", organisaties=[plek["organisatie"]], talenten=["koken"])
    begin = (timezone.localtime() - timedelta(hours=4)).replace(minute=0, second=0, microsecond=0)
    inzet = inzet_create(dienst=DienstFactory(locatie=plek["locatie"], start=begin, eind=begin + timedelta(hours=3)),
                         vrijwilliger=anna)
    _as_coordinator(page, plek, live_server)
    org, slug = plek["organisatie"].slug, plek["locatie"].slug
    page.goto(f"/beheer/{org}/rooster/{slug}/?week={begin.date().isoformat()}")
    page.get_by_role("link", name="Uren", exact=True).click()
    page.wait_for_selector("h1:text('Uren in Buurthuis Wyck')")
    check(page)
    veld = page.get_by_label("Uren van Anna de Wit")
    assert veld.input_value() == "3"
    veld.fill("2,5")
    page.get_by_role("button", name="Bevestig").click()
    page.wait_for_selector(".melding-success")
    check(page)
    assert Inzet.objects.get(pk=inzet.pk).uren == Decimal("2.5")
    page.get_by_label("Taak").select_option(label="Keuken")
    page.get_by_label("Uren", exact=True).fill("1,5")
    page.get_by_label("Naam (mag leeg)").fill("Buurman Jan")
    page.get_by_role("button", name="Schrijf de uren op").click()
    page.wait_for_selector("text=Buurman Jan")
    check(page)
    assert LosseInzet.objects.get().uren == Decimal("1.5")
    vacature = VacatureFactory(organisatie=plek["organisatie"], titel="Kok", talenten=["koken"])
    page.goto(f"/beheer/{org}/vacatures/")
    page.get_by_role("link", name="Vrijwilligers die passen bij “Kok”").click()
    page.wait_for_selector("table >> text=Anna de Wit")
    check(page)
    assert vacature.pk


def test_a_resident_filters_vacancies_by_day_part_and_postcode(page, check, plek, live_server):
    punt = BevolkingspuntFactory(sleutel="6211AB", buurt=None, lat=plek["locatie"].lat, lon=plek["locatie"].lon)
    VacatureFactory(organisatie=plek["organisatie"], locatie=plek["locatie"], titel="Avondbar", gepubliceerd=True,
                    dagdelen=["vr_avond"])
    page.goto("/vacatures")
    page.get_by_label("Wanneer").select_option(label="Ochtend")
    page.get_by_label("In de buurt van postcode (mag leeg)").fill(punt.sleutel)
    page.get_by_role("button", name="Toon vacatures").click()
    page.wait_for_selector("text=Gastvrouw bij de inloop")
    assert "Avondbar" not in page.content() and "hemelsbreed" in page.content()
    check(page)
    page.get_by_label("In de buurt van postcode (mag leeg)").fill("9999ZZ")
    page.get_by_role("button", name="Toon vacatures").click()
    page.wait_for_selector("text=Deze postcode is onbekend.")
    check(page)


def test_a_volunteer_agrees_to_show_their_first_name(page, check, plek, live_server):
    mien = VrijwilligerFactory(naam="Mien Jansen", organisaties=[plek["organisatie"]])
    page.goto(f"/vrijwilliger/{vrijwilliger_token(mien)}")
    page.get_by_label("Als ik gastvrouw of gastheer ben bij een open inloop, mag de website mijn voornaam laten zien").check()
    page.get_by_role("button", name="Mijn keuze opslaan").click()
    page.wait_for_selector(".melding-success")
    check(page)
    assert Vrijwilliger.objects.get(pk=mien.pk).voornaam_tonen
