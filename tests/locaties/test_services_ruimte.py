"""Rooms and their tariffs, which may change on a date."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from locaties.constants import TariefCategorie
from locaties.models import Ruimte, Tarief
from locaties.services import (
    ruimte_create,
    ruimte_met_tarieven_set,
    tarief_geldig,
    tarief_set,
    tarieven_aankondig,
    tarieven_set,
)

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


# --- tariffs that change on a date ---------------------------------------------------------------

WISSEL = date(2026, 12, 20)  # after the frozen clock's 1 December 2026


def test_the_tariff_valid_on_a_date_is_the_latest_start_on_or_before_it():
    ruimte = RuimteFactory()
    tarief_set(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("40"))
    tarief_set(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("45"), geldig_vanaf=WISSEL)
    tarief_set(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("50"), geldig_vanaf=date(2027, 6, 1))
    rows = list(Tarief.objects.filter(ruimte=ruimte))
    prices = [tarief_geldig(tarieven=rows, categorie="commercieel", dag=d).prijs_per_uur
              for d in (date(2026, 12, 19), WISSEL, date(2027, 5, 31), date(2027, 6, 1))]
    assert prices == [Decimal("40"), Decimal("45"), Decimal("45"), Decimal("50")]
    assert tarief_geldig(tarieven=rows, categorie="maatschappelijk", dag=WISSEL) is None


def test_one_tariff_per_category_and_start_even_without_a_start():
    ruimte = RuimteFactory()
    Tarief.objects.create(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("40"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Tarief.objects.create(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("41"))


def test_announcing_replaces_the_earlier_announcement_and_keeps_todays_prices():
    ruimte = RuimteFactory()
    tarief_set(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("40"))
    tarieven_aankondig(ruimte=ruimte, geldig_vanaf=WISSEL, tarieven={"commercieel": (Decimal("45"), Decimal("90"))})
    tarieven_aankondig(ruimte=ruimte, geldig_vanaf=date(2027, 1, 1), tarieven={"commercieel": (Decimal("44"), Decimal("0"))})
    assert dict(Tarief.objects.filter(ruimte=ruimte).values_list("geldig_vanaf", "prijs_per_uur")) == {
        None: Decimal("40.00"), date(2027, 1, 1): Decimal("44.00"),
    }
    tarieven_aankondig(ruimte=ruimte, geldig_vanaf=None, tarieven={})
    assert list(Tarief.objects.filter(ruimte=ruimte).values_list("geldig_vanaf", flat=True)) == [None]


def test_an_announcement_starts_after_today():
    ruimte = RuimteFactory()
    with pytest.raises(ValidationError) as error:
        tarieven_aankondig(ruimte=ruimte, geldig_vanaf=date(2026, 12, 1), tarieven={"commercieel": (Decimal("45"), Decimal("0"))})
    assert "geldig_vanaf" in error.value.error_dict


@pytest.mark.frozen_at("2027-01-05 10:00")
def test_todays_prices_change_the_tariff_in_force_and_none_removes_the_category():
    ruimte = RuimteFactory()
    Tarief.objects.create(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("40"))
    Tarief.objects.create(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("45"), geldig_vanaf=date(2027, 1, 1))
    Tarief.objects.create(ruimte=ruimte, categorie="maatschappelijk", prijs_per_uur=Decimal("10"))
    tarieven_set(ruimte=ruimte, tarieven={"commercieel": (Decimal("47"), Decimal("0")), "maatschappelijk": None})
    assert dict(Tarief.objects.filter(ruimte=ruimte).values_list("geldig_vanaf", "prijs_per_uur")) == {
        None: Decimal("40.00"), date(2027, 1, 1): Decimal("47.00"),
    }


def test_a_room_with_its_tariffs_is_saved_all_or_nothing():
    locatie = LocatieFactory()
    with pytest.raises(ValidationError):
        ruimte_met_tarieven_set(
            locatie=locatie, ruimte=None, velden={"naam": "Zaal", "capaciteit": 20},
            tarieven={"commercieel": (Decimal("40"), Decimal("0"))},
            nieuw_vanaf=date(2026, 11, 1), nieuwe_tarieven={"commercieel": (Decimal("45"), Decimal("0"))},
        )
    assert not Ruimte.objects.filter(locatie=locatie).exists() and not Tarief.objects.exists()
    ruimte = ruimte_met_tarieven_set(
        locatie=locatie, ruimte=None, velden={"naam": "Zaal", "capaciteit": 20},
        tarieven={"commercieel": (Decimal("40"), Decimal("0"))},
        nieuw_vanaf=WISSEL, nieuwe_tarieven={"commercieel": (Decimal("45"), Decimal("0"))},
    )
    assert Tarief.objects.filter(ruimte=ruimte).count() == 2
