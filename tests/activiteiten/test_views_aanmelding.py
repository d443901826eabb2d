"""Registration without an account on the site, and cancelling by the link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from activiteiten.constants import AanmeldingStatus
from activiteiten.models import Aanmelding
from activiteiten.services import (
    aanmelding_cancel_url,
    aanmelding_create,
    bijeenkomst_annuleer,
)
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding

pytestmark = pytest.mark.django_db


@pytest.fixture
def bijeenkomst():
    return make_activiteit_met_aanmelding(capaciteit=2).bijeenkomsten.order_by("start").first()


def _url(b):
    return f"/bijeenkomsten/{b.pk}/aanmelden"


def test_registering_confirms_and_shows_the_cancel_link(client, bijeenkomst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(bijeenkomst), {"naam": "Mien", "email": "mien@example.nl", "aantal": "2"}, follow=True
        )
    html = response.content.decode()
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == AanmeldingStatus.BEVESTIGD and aanmelding.aantal == 2
    assert "U bent aangemeld" in html
    assert "/aanmelding/annuleren/" in html
    assert len(mail.outbox) == 1


def test_when_full_the_page_warns_and_the_registration_goes_on_the_waiting_list(client, bijeenkomst):
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Eerste", telefoon="0612345678", aantal=2)
    assert "wachtlijst" in client.get(_url(bijeenkomst)).content.decode()
    response = client.post(_url(bijeenkomst), {"naam": "Jan", "telefoon": "0687654321", "aantal": "1"}, follow=True)
    assert Aanmelding.objects.get(naam="Jan").status == AanmeldingStatus.WACHTLIJST
    assert "U staat op de wachtlijst" in response.content.decode()


def test_missing_contact_re_renders_with_the_error_and_keeps_the_input(client, bijeenkomst):
    response = client.post(_url(bijeenkomst), {"naam": "Mien", "aantal": "3"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert 'value="Mien"' in html and 'value="3"' in html
    assert not Aanmelding.objects.exists()


def test_a_cancelled_occurrence_refuses_with_a_clear_message(client, bijeenkomst):
    bijeenkomst_annuleer(bijeenkomst=bijeenkomst)
    response = client.post(_url(bijeenkomst), {"naam": "Mien", "email": "mien@example.nl", "aantal": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Deze datum gaat niet door" in html
    assert 'value="Mien"' in html
    assert not Aanmelding.objects.exists()


def test_a_past_occurrence_refuses_with_a_clear_message(client, bijeenkomst):
    # The services only plan ahead; put the occurrence in the past by hand.
    now = timezone.now()
    type(bijeenkomst).objects.filter(pk=bijeenkomst.pk).update(start=now - timedelta(hours=1), eind=now)
    response = client.post(_url(bijeenkomst), {"naam": "Mien", "email": "mien@example.nl", "aantal": "1"})
    assert response.status_code == 400
    assert not Aanmelding.objects.exists()


def test_activity_without_registration_sends_you_back(client):
    b = make_activiteit().bijeenkomsten.first()
    response = client.get(_url(b))
    assert response.status_code == 302 and response["Location"] == f"/activiteiten/{b.activiteit.slug}"


def test_cancel_link_asks_first_then_cancels_and_promotes_the_waiting_list(client, bijeenkomst):
    eerste = aanmelding_create(bijeenkomst=bijeenkomst, naam="Eerste", email="a@example.nl", aantal=2)
    wachtend = aanmelding_create(bijeenkomst=bijeenkomst, naam="Wachtend", email="b@example.nl")
    path = aanmelding_cancel_url(eerste).split("://", 1)[1].split("/", 1)[1]
    url = "/" + path

    question = client.get(url)
    eerste.refresh_from_db()
    assert question.status_code == 200 and eerste.status == AanmeldingStatus.BEVESTIGD
    assert "Ja, meld mij af" in question.content.decode()

    done = client.post(url)
    eerste.refresh_from_db()
    wachtend.refresh_from_db()
    assert "U bent afgemeld" in done.content.decode()
    assert eerste.status == AanmeldingStatus.GEANNULEERD
    assert wachtend.status == AanmeldingStatus.BEVESTIGD


def test_a_tampered_cancel_link_changes_nothing(client, bijeenkomst):
    aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, naam="Mien", email="a@example.nl")
    response = client.post("/aanmelding/annuleren/" + "x" * 20)
    aanmelding.refresh_from_db()
    assert response.status_code == 404
    assert aanmelding.status == AanmeldingStatus.BEVESTIGD
