""""Loopt dit nog?" in a real browser: the reminder mail's one-click link, opened without
logging in, asks first and confirms on the button; the public page stops saying "niet
recent bevestigd"; a second visit says the link was used. And the workspace's button in
the list of activities. Every page passes axe-core (WCAG 2.1 AA) and breaks no rule of
the Content-Security-Policy."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from activiteiten.models import Activiteit
from activiteiten.services import activiteiten_herinner
from locaties.constants import Rol
from tests.activiteiten.factories import make_activiteit
from tests.browser.test_beheer import EMAIL, log_in
from tests.browser.test_beheer import check as check  # noqa: F401  (the fixture, by name)
from tests.browser.test_beheer import page as page  # noqa: F401  (the fixture, by name)
from tests.browser.test_beheer import plek as plek  # noqa: F401  (the fixture, by name)
from tests.locaties.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"(https?://\S+/activiteiten/bevestigen/\S+)")


def _lang_niet_bevestigd(plek, dagen: int = 60) -> Activiteit:
    activiteit = make_activiteit(locatie=plek["locatie"], titel="Kienen")
    Activiteit.objects.filter(pk=activiteit.pk).update(laatst_bevestigd=timezone.localdate() - timedelta(days=dagen))
    return activiteit


def test_the_reminder_link_confirms_without_logging_in(page, check, plek, settings):  # noqa: F811
    settings.ACTIVITEIT_BEVESTIG_WEKEN, settings.ACTIVITEIT_BEVESTIG_GRATIE_WEKEN = 8, 4
    LidmaatschapFactory(organisatie=plek["organisatie"], rol=Rol.COORDINATOR, user=UserFactory(email="coord@example.nl"))
    activiteit = _lang_niet_bevestigd(plek)

    page.goto(f"/activiteiten/{activiteit.slug}")
    assert page.locator("#niet-bevestigd").is_visible()
    check(page)

    assert activiteiten_herinner() == 1
    bericht = next(m for m in mail.outbox if m.to == ["coord@example.nl"])
    assert bericht.subject == "Loopt “Kienen” nog?"
    link = urlsplit(LINK.search(bericht.body).group(1)).path

    page.goto(link)
    page.wait_for_selector("h1:text('Loopt deze activiteit nog?')")
    check(page)
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate() - timedelta(days=60)

    button = page.get_by_role("button", name="Ja, dit loopt nog")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text('Bevestigd: deze activiteit loopt nog')")
    assert "Dank u: “Kienen” is bevestigd" in page.locator(".meldingen").inner_text()
    check(page)
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate()

    page.get_by_role("link", name="Bekijk de openbare pagina").click()
    page.wait_for_url(f"**/activiteiten/{activiteit.slug}")
    assert page.locator("#niet-bevestigd").count() == 0

    page.goto(link)
    assert "Deze link is al gebruikt" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Ja, dit loopt nog").count() == 0
    check(page)


def test_the_workspace_button_in_the_list(page, check, plek):  # noqa: F811
    activiteit = _lang_niet_bevestigd(plek)
    log_in(page, check)
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Activiteiten").click()
    check(page)
    page.get_by_role("button", name=re.compile(r"^Ja, dit loopt nog\s*\(Kienen\)$")).click()
    page.wait_for_selector(".melding-success")
    assert "“Kienen” is bevestigd: de activiteit loopt nog." in page.locator(".meldingen").inner_text()
    assert page.url.endswith(f"/beheer/{plek['organisatie'].slug}/activiteiten/")
    check(page)
    assert Activiteit.objects.get(pk=activiteit.pk).laatst_bevestigd == timezone.localdate()
    assert EMAIL  # logged in as the demo board member
