"""The workspace's rooms and prices: the board lists, adds and changes a place's rooms
and the price per tenant category; a coördinator and another organisation cannot; a
form with mistakes keeps what was typed; the list's queries do not grow with rooms."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locaties.constants import Rol
from locaties.models import Ruimte, Tarief
from tests.locaties.factories import (
    LidmaatschapFactory,
    LocatieFactory,
    RuimteFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _room_form(**overrides):
    data = {
        "naam": "Grote zaal", "capaciteit": "60", "oppervlakte_m2": "90", "faciliteiten": ["keuken", "beamer"],
        "verhuurbaar": "on", "wisseltijd_minuten": "30",
        "prijs_bewonersinitiatief": "0", "minimum_bewonersinitiatief": "",
        "prijs_maatschappelijk": "12,50", "minimum_maatschappelijk": "25",
        "prijs_commercieel": "", "minimum_commercieel": "",
    }
    data.update(overrides)
    return data


def test_adding_a_room_with_its_prices(client, bestuur, org, locatie):
    response = client.post(reverse("beheer:ruimte-nieuw", args=[org.slug, locatie.slug]), _room_form(), follow=True, **EN)
    room = Ruimte.objects.get(locatie=locatie, naam="Grote zaal")
    assert (room.capaciteit, room.oppervlakte_m2, room.faciliteiten, room.verhuurbaar, room.wisseltijd_minuten) == (
        60, 90, ["keuken", "beamer"], True, 30)
    prices = {t.categorie: (t.prijs_per_uur, t.minimum_bedrag) for t in room.tarieven.all()}
    assert prices == {"bewonersinitiatief": (Decimal("0"), Decimal("0")),
                      "maatschappelijk": (Decimal("12.50"), Decimal("25"))}
    assert "“Grote zaal” and its prices are saved." in response.content.decode()
    page = response.content.decode()
    assert "Kitchen, Projector and screen" in page and "€ 12.50" in page


def test_changing_a_room_removes_an_emptied_price(client, bestuur, org, locatie):
    room = RuimteFactory(locatie=locatie, naam="Zaal")
    TariefFactory(ruimte=room, categorie="commercieel", prijs_per_uur=Decimal("40"))
    url = reverse("beheer:ruimte", args=[org.slug, locatie.slug, room.pk])
    form = client.get(url, **EN).content.decode()
    assert 'value="40,00"' in form  # the price as the board writes it
    client.post(url, _room_form(naam="Zaal", capaciteit="25"), **EN)
    room.refresh_from_db()
    assert room.capaciteit == 25
    assert set(room.tarieven.values_list("categorie", flat=True)) == {"bewonersinitiatief", "maatschappelijk"}


def test_a_form_with_mistakes_keeps_what_was_typed_and_saves_nothing(client, bestuur, org, locatie):
    response = client.post(reverse("beheer:ruimte-nieuw", args=[org.slug, locatie.slug]), _room_form(
        capaciteit="", prijs_maatschappelijk="twaalf", prijs_commercieel="", minimum_commercieel="10",
    ), **EN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Something is not right yet" in page
    assert "Write the cost as an amount" in page
    assert "Give a price per hour, or leave the minimum empty too." in page
    assert 'value="twaalf"' in page and 'value="Grote zaal"' in page
    assert not Ruimte.objects.filter(locatie=locatie).exists()


def test_a_second_room_with_the_same_name_is_refused_beside_the_name(client, bestuur, org, locatie):
    RuimteFactory(locatie=locatie, naam="Grote zaal")
    response = client.post(reverse("beheer:ruimte-nieuw", args=[org.slug, locatie.slug]), _room_form(), **EN)
    assert response.status_code == 400
    assert 'id="id_naam-fout"' in response.content.decode()
    assert Ruimte.objects.filter(locatie=locatie).count() == 1


def test_a_coordinator_does_not_change_rooms(client, org, locatie):
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user)
    room = RuimteFactory(locatie=locatie)
    assert client.get(reverse("beheer:ruimtes", args=[org.slug, locatie.slug])).status_code == 403
    assert client.post(reverse("beheer:ruimte", args=[org.slug, locatie.slug, room.pk]), _room_form()).status_code == 403
    assert client.get(reverse("beheer:start", args=[org.slug]), **EN).content.decode().count("Rooms and prices") == 0


def test_another_organisations_place_and_room_answer_404(client, bestuur, org):
    elsewhere = LocatieFactory()
    room = RuimteFactory(locatie=elsewhere)
    assert client.get(reverse("beheer:ruimtes", args=[org.slug, elsewhere.slug])).status_code == 404
    assert client.get(reverse("beheer:ruimte", args=[org.slug, elsewhere.slug, room.pk])).status_code == 404
    # Nor through one's own place with the other's room number.
    own = LocatieFactory(beheerder=org)
    assert client.get(reverse("beheer:ruimte", args=[org.slug, own.slug, room.pk])).status_code == 404


def test_the_start_page_links_to_each_places_rooms(client, bestuur, org, locatie):
    page = client.get(reverse("beheer:start", args=[org.slug]), **EN).content.decode()
    assert reverse("beheer:ruimtes", args=[org.slug, locatie.slug]) in page


def test_the_room_list_uses_a_constant_number_of_queries(client, bestuur, org, locatie):
    url = reverse("beheer:ruimtes", args=[org.slug, locatie.slug])
    TariefFactory(ruimte=RuimteFactory(locatie=locatie))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(5):
        TariefFactory(ruimte=RuimteFactory(locatie=locatie))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    assert Tarief.objects.filter(ruimte__locatie=locatie).count() == 6
