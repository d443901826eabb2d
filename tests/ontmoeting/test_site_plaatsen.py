"""The site's pages and structured data show places left / full as
``Bijeenkomst.objects.with_plaatsen()`` defines it: cancelled registrations and the
waiting list never count, and a cancelled date is never "full"."""

import json
import re

import pytest

from activiteiten.services import aanmelding_annuleer, aanmelding_cancel_token, aanmelding_create, bijeenkomst_annuleer
from tests.activiteiten.factories import make_activiteit_met_aanmelding

pytestmark = pytest.mark.django_db


@pytest.fixture
def activiteit():
    return make_activiteit_met_aanmelding(capaciteit=2)


def _events(html) -> list[dict]:
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [node for node in json.loads(script)["@graph"] if node["@type"] == "Event"]


def test_the_activity_page_says_full_only_of_full_dates_that_take_place(client, activiteit):
    eerste, tweede, derde = activiteit.bijeenkomsten.order_by("start")[:3]
    aanmelding_create(bijeenkomst=eerste, naam="Ans", email="ans@example.nl", aantal=2)
    aanmelding_create(bijeenkomst=tweede, naam="Bob", email="bob@example.nl", aantal=2)
    bijeenkomst_annuleer(bijeenkomst=tweede)
    cees = aanmelding_create(bijeenkomst=derde, naam="Cees", email="cees@example.nl", aantal=2)
    aanmelding_annuleer(token=aanmelding_cancel_token(cees))

    html = client.get(f"/activiteiten/{activiteit.slug}").content.decode()

    assert html.count("Vol: wachtlijst") == 1
    events = _events(html)
    assert events[0]["remainingAttendeeCapacity"] == 0
    assert "remainingAttendeeCapacity" not in events[1]  # cancelled
    assert events[2]["remainingAttendeeCapacity"] == 2  # Cees cancelled


def test_the_registration_form_counts_places_left_without_cancellations(client, activiteit):
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Ans", email="ans@example.nl")
    bob = aanmelding_create(bijeenkomst=bijeenkomst, naam="Bob", email="bob@example.nl")
    aanmelding_annuleer(token=aanmelding_cancel_token(bob))
    assert "Nog 1 plek vrij." in client.get(f"/bijeenkomsten/{bijeenkomst.pk}/aanmelden").content.decode()
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Cor", email="cor@example.nl")
    assert "wachtlijst" in client.get(f"/bijeenkomsten/{bijeenkomst.pk}/aanmelden").content.decode()
