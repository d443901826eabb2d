"""The members page in a real browser: the demo board member invites someone by e-mail,
the mail holds the link, the new member chooses a password, logs in and sees the
workspace; the board member changes a role and is refused removing the last board
member. Every page passes axe-core (WCAG 2.1 AA) and breaks no rule of the
Content-Security-Policy."""

import re

import pytest
from django.core import mail

from locaties.constants import Rol
from locaties.models import Lidmaatschap
from tests.browser import test_beheer
from tests.browser.test_beheer import log_in
from tests.locaties.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The workspace journeys' fixtures: the CSP recorder, axe with it, the demo board member's place.
page, check, plek = test_beheer.page, test_beheer.check, test_beheer.plek

NEW_EMAIL, NEW_PASSWORD = "nieuw.lid@example.nl", "fiets boom lantaarn 42"


def _to_members(page, check):
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Leden").click()
    page.wait_for_selector("h1:text('Leden')")
    check(page)


def test_an_invited_member_chooses_a_password_logs_in_and_sees_the_workspace(page, check, plek):
    mail.outbox.clear()
    log_in(page, check)
    _to_members(page, check)
    page.get_by_role("link", name="Iemand uitnodigen").click()
    page.wait_for_selector("h1:text('Iemand uitnodigen')")
    check(page)
    # A wrong address first: the error beside the field and in the summary, what was typed kept.
    page.get_by_label("E-mailadres").fill("nieuw.lid")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_selector(".error-summary")
    assert page.get_by_label("E-mailadres").input_value() == "nieuw.lid"
    check(page)
    page.get_by_label("E-mailadres").fill(NEW_EMAIL)
    page.get_by_role("radio", name=re.compile("Coördinator:")).check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_selector(".melding-success")
    assert f"{NEW_EMAIL} is uitgenodigd als coördinator en krijgt een e-mail." in page.inner_text(".melding-success")
    assert NEW_EMAIL in page.inner_text("main")
    check(page)

    assert [m.to for m in mail.outbox] == [[NEW_EMAIL]]
    link = re.search(r"https?://[^/\s]+(/uitnodiging/\S+)", mail.outbox[0].body).group(1)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()

    page.goto(link)
    page.wait_for_selector("h1:text('Uitnodiging aannemen')")
    assert "Stichting Buurthuis Wyck" in page.inner_text("main")
    check(page)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    page.wait_for_url("**/inloggen?next=*")
    assert "Uw account is klaar" in page.inner_text(".melding-success")
    check(page)
    page.fill("#id_username", NEW_EMAIL)
    page.fill("#id_password", NEW_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text('Mijn plek')")
    assert page.url.endswith(f"/beheer/{plek['organisatie'].slug}/")
    check(page)
    # A coordinator works here, but the members page is not theirs.
    assert page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Leden").count() == 0

    # The link worked once.
    page.goto(link)
    assert "Deze link werkt niet meer" in page.inner_text("main")
    check(page)


def test_the_board_changes_a_role_and_keeps_its_last_board_member(page, check, plek):
    lid = LidmaatschapFactory(organisatie=plek["organisatie"], rol=Rol.COORDINATOR, user__first_name="Mien",
                              user__last_name="Bos")
    log_in(page, check)
    _to_members(page, check)
    page.get_by_role("link", name="Rol wijzigen Mien Bos").click()
    page.wait_for_selector("h1:text('Rol van Mien Bos')")
    check(page)
    page.get_by_role("radio", name=re.compile("Beheerder:")).check()
    page.get_by_role("button", name="Rol opslaan").click()
    page.wait_for_selector(".melding-success")
    assert "Mien Bos is nu beheerder." in page.inner_text(".melding-success")
    check(page)
    lid.refresh_from_db()
    assert lid.rol == Rol.BEHEERDER

    bestuur = Lidmaatschap.objects.get(organisatie=plek["organisatie"], rol=Rol.BESTUUR)
    page.locator(f"a[href$='/leden/{bestuur.pk}/verwijderen']").click()
    page.wait_for_selector("h1")
    check(page)
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.wait_for_selector(".melding-error")
    assert "is het laatste bestuurslid van Stichting Buurthuis Wyck" in page.inner_text(".melding-error")
    check(page)
    assert Lidmaatschap.objects.filter(pk=bestuur.pk).exists()
