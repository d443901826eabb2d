"""Rooms and their tariffs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from locaties.constants import TariefCategorie
from locaties.models import Ruimte, Tarief
from locaties.services import ruimte_create, tarief_set

from .factories import LocatieFactory, RuimteFactory

pytestmark = pytest.mark.django_db


def test_a_room_name_is_unique_within_its_place():
    locatie = LocatieFactory()
    ruimte_create(locatie=locatie, naam="Grote zaal", capaciteit=80)
    with pytest.raises(ValidationError):
        ruimte_create(locatie=locatie, naam="Grote zaal", capaciteit=40)
    assert Ruimte.objects.filter(locatie=locatie).count() == 1


def test_setting_a_tariff_again_replaces_it_instead_of_adding_one():
    ruimte = RuimteFactory()
    tarief_set(ruimte=ruimte, categorie=TariefCategorie.COMMERCIEEL, prijs_per_uur=Decimal("40"))
    tarief_set(
        ruimte=ruimte, categorie=TariefCategorie.COMMERCIEEL, prijs_per_uur=Decimal("45"),
        minimum_bedrag=Decimal("90"),
    )
    tarief = Tarief.objects.get(ruimte=ruimte, categorie=TariefCategorie.COMMERCIEEL)
    assert (tarief.prijs_per_uur, tarief.minimum_bedrag) == (Decimal("45.00"), Decimal("90.00"))


def test_a_negative_price_is_refused_and_the_old_tariff_kept():
    ruimte = RuimteFactory()
    tarief_set(ruimte=ruimte, categorie=TariefCategorie.BEWONERSINITIATIEF, prijs_per_uur=Decimal("5"))
    with pytest.raises(ValidationError):
        tarief_set(ruimte=ruimte, categorie=TariefCategorie.BEWONERSINITIATIEF, prijs_per_uur=Decimal("-1"))
    assert Tarief.objects.get(ruimte=ruimte).prijs_per_uur == Decimal("5.00")
