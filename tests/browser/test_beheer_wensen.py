"""Wishes and attendance in a real browser, as the demo board member: a new wish from the
buurt approved, another answered ("opgepakt" with the activity, after a slip without a
reason for "niet haalbaar") and the answer on the buurt page; and the attendance of a
week recorded on one screen, with ticks on a date's registrations. Every page passes
axe-core (WCAG 2.1 AA) and breaks no rule of the Content-Security-Policy."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activiteiten.models import Aanmelding, Bijeenkomst, Wens
from activiteiten.services import aanmelding_create, wens_create, wens_goedkeur
from core.timezones import AMSTERDAM
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding
from tests.browser.test_beheer import log_in, plek  # noqa: F401 the fixture, used by name
from tests.browser.test_csp import RECORD_VIOLATIONS

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


def test_answering_a_wish_shows_on_the_buurt_page(page, check, plek):  # noqa: F811
    activiteit = make_activiteit(locatie=plek["locatie"], titel="Taalcafé op zaterdag")
    wens = wens_goedkeur(wens=wens_create(buurt=plek["buurt"], tekst="Een taalcafé voor nieuwkomers"))
    nieuw = wens_create(buurt=plek["buurt"], tekst="Een moestuin achter het buurthuis")
    log_in(page, check)

    page.locator(f"a[href$='/wensen/{wens.pk}/']").click()  # the start page links each waiting wish
    page.wait_for_selector("h1:text('Een wens voor Wyckerpoort')")
    check(page)
    page.get_by_role("radio", name="Niet haalbaar: zeg waarom").check()
    page.get_by_role("button", name="Antwoord opslaan").click()  # a slip: no reason
    page.wait_for_selector(".error-summary")
    assert page.get_by_role("radio", name="Niet haalbaar: zeg waarom").is_checked()
    check(page)
    page.get_by_role("radio", name="Opgepakt: een activiteit beantwoordt de wens").check()
    page.get_by_label("Welke activiteit beantwoordt de wens?").select_option(label="Taalcafé op zaterdag (Buurthuis Wyck)")
    page.get_by_role("button", name="Antwoord opslaan").click()
    page.wait_for_selector(".melding-success")
    assert "“Taalcafé op zaterdag” deze wens beantwoordt" in page.inner_text(".melding-success")
    check(page)

    page.locator(f"a[href$='/wensen/{nieuw.pk}/']").click()  # "Beoordelen"
    page.wait_for_selector("h2:text('Beoordeling')")
    check(page)
    page.get_by_role("button", name="Goedkeuren: tonen").click()
    page.wait_for_selector(".melding-success")
    assert "is goedgekeurd" in page.inner_text(".melding-success")
    assert Wens.objects.get(pk=nieuw.pk).goedgekeurd

    page.goto(f"/buurten/{plek['buurt'].code}")
    wensen = page.locator("#wensen")
    assert "Een moestuin achter het buurthuis" in wensen.inner_text()
    wensen.get_by_role("link", name="Taalcafé op zaterdag").click()
    page.wait_for_url(f"**/activiteiten/{activiteit.slug}")
    check(page)


def test_recording_the_attendance_of_a_week(page, check, plek, frozen_clock):  # noqa: F811
    soon = (timezone.localtime() + timedelta(minutes=10)).replace(second=0, microsecond=0)
    koffie = make_activiteit_met_aanmelding(capaciteit=10, locatie=plek["locatie"], titel="Koffieochtend",
                                            start=soon, rrule="")
    eten = make_activiteit(locatie=plek["locatie"], titel="Samen eten", start=soon + timedelta(minutes=10), rrule="")
    b_koffie, b_eten = Bijeenkomst.objects.get(activiteit=koffie), Bijeenkomst.objects.get(activiteit=eten)
    anna = aanmelding_create(bijeenkomst=b_koffie, naam="Anna de Vries", telefoon="0612345678", aantal=2)
    aanmelding_create(bijeenkomst=b_koffie, naam="Bert Smeets", telefoon="0687654321")
    log_in(page, check)
    frozen_clock.move_to(b_eten.start + timedelta(minutes=5))  # both dates have begun

    page.get_by_role("link", name="Aanwezigheid van deze week invullen").click()
    page.wait_for_selector("h1:text('Aanwezigheid van de week')")
    week = timezone.localtime(b_koffie.start, AMSTERDAM).date()
    if f"week={week - timedelta(days=week.weekday()):%Y-%m-%d}" not in page.url:  # the dates fell in last week
        page.goto(page.url.split("?")[0] + f"?week={week:%Y-%m-%d}")
    check(page)
    page.locator(f"#id_b{b_koffie.pk}").fill("4")
    page.locator(f"#id_b{b_eten.pk}").fill("-2")  # a slip: the form says so and keeps the rest
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_selector(".error-summary")
    assert page.locator(f"#id_b{b_koffie.pk}").input_value() == "4"
    check(page)
    page.locator(f"#id_b{b_eten.pk}").fill("11")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_selector(".melding-success")
    assert "de aanwezigheid van 2 datums" in page.inner_text(".melding-success")
    check(page)
    b_koffie.refresh_from_db()
    b_eten.refresh_from_db()
    assert (b_koffie.aanwezigen, b_eten.aanwezigen) == (4, 11)

    # Ticks per registrant on the date's page, beside the count.
    page.locator(f"a[href$='/data/{b_koffie.pk}/']", has_text="Aanmeldingen en afvinken").click()
    page.wait_for_selector("h2:text('Wie kwamen er?')")
    check(page)
    page.get_by_role("checkbox", name="Anna de Vries (2)").check()
    page.get_by_label("Gekomen zonder aanmelding").fill("1")
    page.get_by_role("button", name="Opslaan wie er kwamen").click()
    page.wait_for_selector(".melding-success")
    assert "2 van de 3 aangemelde mensen kwamen" in page.inner_text(".melding-success")
    check(page)
    assert Aanmelding.objects.get(pk=anna.pk).aanwezig is True
    b_koffie.refresh_from_db()
    assert b_koffie.aanwezigen == 3


def test_the_wishes_and_the_week_reflow_on_a_phone(page, plek):  # noqa: F811
    wens = wens_goedkeur(wens=wens_create(buurt=plek["buurt"], tekst="Een taalcafé voor nieuwkomers"))
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, lambda page: None)
    organisatie = plek["organisatie"].slug
    for url in (f"/beheer/{organisatie}/wensen/", f"/beheer/{organisatie}/wensen/{wens.pk}/",
                f"/beheer/{organisatie}/aanwezigheid/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
