"""The buurt's wishes answered: by the boards and managers of places in or within 400 m
of the buurt in the workspace, and by the gemeente's officials through the dashboard;
moderation (approve, reject), "opgepakt" with the activity, "niet haalbaar" with the
reason, and the answer on the public buurt page."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activiteiten.constants import ActiviteitStatus, WensStatus
from activiteiten.models import Wens
from activiteiten.selectors import wens_list_near
from activiteiten.services import wens_beantwoord, wens_create, wens_goedkeur
from locaties.constants import Rol
from locaties.selectors import buurt_ids_near_locaties
from ontmoeting.dekking.compute import dekking_compute
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import (
    BUURT_HALF_SIDE,
    BuurtFactory,
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def buurt():
    return BuurtFactory(naam="Wyckerpoort", lat=51.0, lon=5.0)


@pytest.fixture
def locatie(org, buurt):
    """Just outside the buurt: about 220 m north of its boundary."""
    return LocatieFactory(beheerder=org, naam="Buurthuis Wyck", buurt=None,
                          lat=51.0 + BUURT_HALF_SIDE + 0.002, lon=5.0)


@pytest.fixture
def wens(buurt):
    return wens_goedkeur(wens=wens_create(buurt=buurt, tekst="Een taalcafé op zaterdag", contact_email="a@example.nl"))


def _url(name, *args):
    return reverse(name, args=args)


def test_a_place_within_400_m_counts_and_one_further_away_does_not(buurt, org):
    near = LocatieFactory(beheerder=org, buurt=None, lat=51.0 + BUURT_HALF_SIDE + 0.002, lon=5.0)
    far = LocatieFactory(beheerder=org, buurt=None, lat=51.0 + BUURT_HALF_SIDE + 0.005, lon=5.0)
    inside = LocatieFactory(beheerder=org, buurt=buurt)
    assert buurt.pk in buurt_ids_near_locaties(locaties=[near])
    assert buurt.pk not in buurt_ids_near_locaties(locaties=[far])
    assert buurt_ids_near_locaties(locaties=[inside]) == {buurt.pk}


def test_the_list_shows_the_wishes_near_the_places_with_a_link_to_answer(client, bestuur, org, locatie, wens):
    nieuw = wens_create(buurt=wens.buurt, tekst="Een moestuin")
    elders = wens_goedkeur(wens=wens_create(buurt=BuurtFactory(), tekst="Een jeu-de-boulesbaan"))
    response = client.get(_url("beheer:wensen", org.slug), **EN)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Een taalcafé op zaterdag" in text and "Een moestuin" in text
    assert "Een jeu-de-boulesbaan" not in text
    assert _url("beheer:wens", org.slug, wens.pk) in text
    assert "waits for moderation" in text
    # The one to moderate comes first.
    assert list(wens_list_near(locaties=[locatie])) == [nieuw, wens]
    assert client.get(_url("beheer:wens", org.slug, elders.pk)).status_code == 404


def test_the_start_page_links_each_waiting_wish_to_its_answer_page(client, bestuur, org, locatie, wens):
    text = client.get(_url("beheer:start", org.slug), **EN).content.decode()
    assert _url("beheer:wens", org.slug, wens.pk) in text
    assert _url("beheer:wensen", org.slug) in text


def test_approving_shows_the_wish_on_the_buurt_page(client, bestuur, org, locatie, buurt):
    wens = wens_create(buurt=buurt, tekst="Een moestuin")
    assert "Een moestuin" not in client.get(_url("site:buurt", buurt.code)).content.decode()
    response = client.post(_url("beheer:wens", org.slug, wens.pk), {"actie": "goedkeuren"}, follow=True, **EN)
    assert "The wish is approved: it shows on the buurt page of Wyckerpoort." in response.content.decode()
    wens.refresh_from_db()
    assert wens.goedgekeurd and not wens.afgewezen
    assert "Een moestuin" in client.get(_url("site:buurt", buurt.code)).content.decode()


def test_rejecting_hides_the_wish_and_it_waits_for_no_one(client, bestuur, org, locatie, wens):
    response = client.post(_url("beheer:wens", org.slug, wens.pk), {"actie": "afwijzen"}, follow=True, **EN)
    assert "The wish is rejected" in response.content.decode()
    wens.refresh_from_db()
    assert wens.afgewezen and not wens.goedgekeurd
    assert "Een taalcafé op zaterdag" not in client.get(_url("site:buurt", wens.buurt.code)).content.decode()
    assert "Een taalcafé op zaterdag" not in client.get(_url("beheer:wensen", org.slug)).content.decode()


def test_taken_up_links_the_activity_on_the_buurt_page(client, bestuur, org, locatie, wens):
    activiteit = make_activiteit(locatie=locatie, titel="Taalcafé op zaterdag")
    response = client.post(_url("beheer:wens", org.slug, wens.pk), {
        "actie": "antwoorden", "status": "opgepakt", "activiteit": activiteit.pk,
    }, follow=True, **EN)
    assert "shows that “Taalcafé op zaterdag” answers this wish" in response.content.decode()
    wens.refresh_from_db()
    assert wens.status == WensStatus.OPGEPAKT and wens.activiteit == activiteit and wens.beantwoord_op
    page = client.get(_url("site:buurt", wens.buurt.code), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Opgepakt" in page
    assert f'href="{_url("site:activiteit", activiteit.slug)}"' in page


def test_the_activity_must_be_published_near_the_buurt(client, bestuur, org, locatie, wens):
    concept = make_activiteit(locatie=locatie, titel="Nog geheim", status=ActiviteitStatus.CONCEPT)
    far = make_activiteit(locatie=LocatieFactory(beheerder=org, buurt=None, lat=52.5, lon=6.0), titel="Ver weg")
    page = client.get(_url("beheer:wens", org.slug, wens.pk), **EN).content.decode()
    assert "Nog geheim" not in page and "Ver weg" not in page
    response = client.post(_url("beheer:wens", org.slug, wens.pk), {
        "actie": "antwoorden", "status": "opgepakt", "activiteit": far.pk}, **EN)
    assert response.status_code == 400
    assert concept.pk and Wens.objects.get(pk=wens.pk).status == WensStatus.NIEUW


def test_not_feasible_needs_a_reason_and_keeps_what_was_typed(client, bestuur, org, locatie, wens):
    url = _url("beheer:wens", org.slug, wens.pk)
    response = client.post(url, {"actie": "antwoorden", "status": "niet_haalbaar", "reden": " "}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "error-summary" in text and "Say in a sentence why it is not feasible" in text
    assert re.search(r'value="niet_haalbaar"[^>]*checked', text)
    response = client.post(url, {"actie": "antwoorden", "status": "niet_haalbaar",
                                 "reden": "Er is op zaterdag geen vrijwilliger."}, follow=True, **EN)
    assert "not feasible, and why" in response.content.decode()
    page = client.get(_url("site:buurt", wens.buurt.code), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Niet haalbaar" in page and "Er is op zaterdag geen vrijwilliger." in page


def test_a_coordinator_sees_the_wishes_but_does_not_answer(client, org, locatie, wens):
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user)
    text = client.get(_url("beheer:wensen", org.slug), **EN).content.decode()
    assert "Een taalcafé op zaterdag" in text
    assert _url("beheer:wens", org.slug, wens.pk) not in text
    assert client.get(_url("beheer:wens", org.slug, wens.pk)).status_code == 403


def test_a_board_far_from_the_buurt_gets_404(client, wens):
    far = OrganisatieFactory()
    LocatieFactory(beheerder=far, buurt=None, lat=51.0 + BUURT_HALF_SIDE + 0.005, lon=5.0)
    client.force_login(LidmaatschapFactory(organisatie=far, rol=Rol.BESTUUR).user)
    assert client.get(_url("beheer:wens", far.slug, wens.pk)).status_code == 404


def test_the_official_answers_through_the_dashboard(client, buurt, wens):
    official = GemeentemedewerkerFactory(gemeente=buurt.gemeente).user
    client.force_login(official)
    assert official.has_perm("activiteiten.answer_wens", wens)
    dekking_compute(gemeente=buurt.gemeente)
    page = client.get(_url("dashboard:buurt", buurt.gemeente.code, buurt.code), **EN).content.decode()
    assert _url("dashboard:wens", buurt.gemeente.code, wens.pk) in page
    assert _url("dashboard:wensen", buurt.gemeente.code) in page
    nieuw = wens_create(buurt=buurt, tekst="Een moestuin")
    lijst = client.get(_url("dashboard:wensen", buurt.gemeente.code), **EN).content.decode()
    assert "Een moestuin" in lijst and _url("dashboard:wens", buurt.gemeente.code, nieuw.pk) in lijst
    response = client.post(_url("dashboard:wens", buurt.gemeente.code, wens.pk), {
        "actie": "antwoorden", "status": "niet_haalbaar", "reden": "Geen budget dit jaar."}, follow=True, **EN)
    assert response.redirect_chain[-1][0] == _url("dashboard:wensen", buurt.gemeente.code)
    assert "not feasible, and why" in response.content.decode()
    other = BuurtFactory()
    elders = wens_goedkeur(wens=wens_create(buurt=other, tekst="Elders"))
    assert client.get(_url("dashboard:wens", buurt.gemeente.code, elders.pk)).status_code == 404


def test_only_an_approved_wish_gets_an_answer(buurt):
    wens = wens_create(buurt=buurt, tekst="Een moestuin")
    with pytest.raises(Exception, match="Approve the wish first"):
        wens_beantwoord(wens=wens, status=WensStatus.NIET_HAALBAAR, reden="Nee")


def test_back_to_no_answer_clears_the_answer(buurt, wens):
    wens_beantwoord(wens=wens, status=WensStatus.NIET_HAALBAAR, reden="Nee")
    wens_beantwoord(wens=wens, status=WensStatus.NIEUW, reden="Nee")
    wens.refresh_from_db()
    assert (wens.status, wens.reden, wens.beantwoord_op, wens.activiteit) == (WensStatus.NIEUW, "", None, None)


def test_the_resident_who_left_an_address_hears_the_answer(locatie, wens, django_capture_on_commit_callbacks):
    activiteit = make_activiteit(locatie=locatie, titel="Taalcafé op zaterdag")
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        wens_beantwoord(wens=wens, status=WensStatus.OPGEPAKT, activiteit=activiteit)
    assert [m.to for m in mail.outbox] == [["a@example.nl"]]
    assert "Een antwoord op uw wens voor Wyckerpoort" == mail.outbox[0].subject
    body = mail.outbox[0].body
    assert "Een taalcafé op zaterdag" in body and "Taalcafé op zaterdag" in body
    assert f"/activiteiten/{activiteit.slug}" in body and f"/buurten/{wens.buurt.code}" in body
    # The same answer again tells nothing new; no address, no mail.
    zonder = wens_goedkeur(wens=wens_create(buurt=wens.buurt, tekst="Een moestuin"))
    with django_capture_on_commit_callbacks(execute=True):
        wens_beantwoord(wens=wens, status=WensStatus.OPGEPAKT, activiteit=activiteit)
        wens_beantwoord(wens=zonder, status=WensStatus.NIET_HAALBAAR, reden="Geen grond")
    assert len(mail.outbox) == 1


def test_the_lists_use_a_constant_number_of_queries(client, bestuur, org, locatie, buurt):
    official = GemeentemedewerkerFactory(gemeente=buurt.gemeente).user
    activiteit = make_activiteit(locatie=locatie, titel="Taalcafé")
    urls = [_url("beheer:wensen", org.slug), _url("dashboard:wensen", buurt.gemeente.code)]

    def counts():
        result = []
        for url, user in zip(urls, [bestuur, official], strict=True):
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    wens_create(buurt=buurt, tekst="Eén")
    few = counts()
    for n in range(6):
        wens = wens_goedkeur(wens=wens_create(buurt=buurt, tekst=f"Meer {n}"))
        if n % 2:
            wens_beantwoord(wens=wens, status=WensStatus.OPGEPAKT, activiteit=activiteit)
    assert counts() == few
