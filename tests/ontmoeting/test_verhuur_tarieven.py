"""Tariffs that change on a date: each date of a request is priced by the tariff valid
on that date (a series across a change is priced per date), the board announces new
prices with their start in the rooms section, and the place page shows today's prices
and the announced ones with their date."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse

from locaties.constants import TariefCategorie
from locaties.models import Reservering, Tarief
from locaties.selectors_verhuur import verhuur_momenten
from locaties.services import reservering_prijs, tarief_set
from locaties.services.verhuur import verhuur_aanvraag_create
from tests.locaties.factories import RuimteFactory, TariefFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
# The frozen clock stands at Tuesday 1 December 2026; new prices from Sunday 20 December.
WISSEL = date(2026, 12, 20)
DINSDAGEN = [date(2026, 12, 8), date(2026, 12, 15), date(2026, 12, 22), date(2026, 12, 29)]


@pytest.fixture
def zaal(locatie):
    zaal = RuimteFactory(locatie=locatie, naam="Grote zaal", capaciteit=40, verhuurbaar=True)
    TariefFactory(ruimte=zaal, categorie=TariefCategorie.MAATSCHAPPELIJK, prijs_per_uur=Decimal("12.50"), minimum_bedrag=Decimal("25"))
    TariefFactory(ruimte=zaal, categorie=TariefCategorie.COMMERCIEEL, prijs_per_uur=Decimal("40"), minimum_bedrag=Decimal("80"))
    tarief_set(ruimte=zaal, categorie=TariefCategorie.MAATSCHAPPELIJK, prijs_per_uur=Decimal("15"),
               minimum_bedrag=Decimal("30"), geldig_vanaf=WISSEL)
    return zaal


def _serie(van="19:00", tot="21:00"):
    return verhuur_momenten(datum=DINSDAGEN[0], van=time.fromisoformat(van), tot=time.fromisoformat(tot),
                            interval_weken=1, tot_datum=DINSDAGEN[-1])


def test_a_series_across_a_tariff_change_is_priced_per_date(zaal):
    rows = verhuur_aanvraag_create(
        ruimte=zaal, momenten=_serie(), interval_weken=1, huurder_naam="Zangkoor Wyck",
        huurder_email="koor@example.nl", huurder_categorie="maatschappelijk", doel="Repetitie", aantal_personen=20,
    )
    # 2 hours × 12.50 = 25.00 before the change; 2 hours × 15 = 30.00 from it on.
    assert [r.prijs for r in sorted(rows, key=lambda r: r.periode.lower)] == [
        Decimal("25.00"), Decimal("25.00"), Decimal("30.00"), Decimal("30.00"),
    ]


@pytest.mark.parametrize(("dag", "van", "tot", "prijs"), [
    (date(2026, 12, 19), "19:00", "20:00", "25.00"),  # the old minimum, the day before
    (date(2026, 12, 20), "19:00", "20:00", "30.00"),  # the new minimum, on the day itself
    (date(2026, 12, 20), "19:00", "22:10", "47.50"),  # 3h10 × 15 = 47.50
    (date(2026, 12, 21), "19:00", "20:20", "30.00"),  # 20.00 is under the new minimum
])
def test_the_minimum_and_rounding_follow_the_tariff_valid_on_the_date(zaal, dag, van, tot, prijs):
    [(start, eind)] = verhuur_momenten(datum=dag, van=time.fromisoformat(van), tot=time.fromisoformat(tot))
    assert reservering_prijs(ruimte=zaal, start=start, eind=eind, huurder_categorie="maatschappelijk") == Decimal(prijs)


def test_a_category_whose_first_price_starts_later_has_no_price_before_it(zaal):
    tarief_set(ruimte=zaal, categorie=TariefCategorie.BEWONERSINITIATIEF, prijs_per_uur=Decimal("5"), geldig_vanaf=WISSEL)
    [(start, eind)] = verhuur_momenten(datum=DINSDAGEN[0], van=time(19), tot=time(21))
    with pytest.raises(Exception, match="no tariff"):
        reservering_prijs(ruimte=zaal, start=start, eind=eind, huurder_categorie="bewonersinitiatief")


def test_the_preview_of_a_series_across_the_change_states_both_tariffs(client, zaal):
    data = {
        "huurder_naam": "Zangkoor Wyck", "huurder_email": "koor@example.nl", "huurder_telefoon": "",
        "huurder_categorie": "maatschappelijk", "doel": "Repetitie", "aantal_personen": "25",
        "datum": DINSDAGEN[0].isoformat(), "van": "19:00", "tot": "21:00", "herhaling": "1",
        "herhaal_tot": DINSDAGEN[-1].isoformat(), "opmerking": "", "bekijk": "1",
    }
    html = client.post(reverse("site:huren", args=[zaal.locatie.slug, zaal.pk]), data, **EN).content.decode()
    assert "From 8 December 2026: € 12.50 per hour, at least € 25.00 each time." in html
    assert "From 22 December 2026: € 15.00 per hour, at least € 30.00 each time." in html
    assert "Total for 4 dates: € 110.00" in html
    assert not Reservering.objects.exists()


def test_the_place_page_shows_todays_prices_and_the_announced_ones_with_their_date(client, zaal):
    html = client.get(reverse("site:locatie", args=[zaal.locatie.slug]), **EN).content.decode()
    assert "<td>€ 12.50</td>" in html and "<td>€ 15.00</td>" not in html
    assert "New prices from 20 December 2026:" in html
    assert "Association or non-profit € 15.00 per hour, at least € 30.00." in html


@pytest.mark.frozen_at("2026-12-21 10:00")
def test_once_the_day_has_come_the_new_price_is_todays(client, zaal):
    html = client.get(reverse("site:locatie", args=[zaal.locatie.slug]), **EN).content.decode()
    assert "<td>€ 15.00</td>" in html and "<td>€ 12.50</td>" not in html and "New prices from" not in html


def _form(**overrides):
    data = {
        "naam": "Grote zaal", "capaciteit": "40", "oppervlakte_m2": "", "verhuurbaar": "on", "wisseltijd_minuten": "0",
        "prijs_bewonersinitiatief": "", "minimum_bewonersinitiatief": "",
        "prijs_maatschappelijk": "12,50", "minimum_maatschappelijk": "25",
        "prijs_commercieel": "40", "minimum_commercieel": "80",
        "nieuw_vanaf": "", "nieuw_prijs_bewonersinitiatief": "", "nieuw_minimum_bewonersinitiatief": "",
        "nieuw_prijs_maatschappelijk": "", "nieuw_minimum_maatschappelijk": "",
        "nieuw_prijs_commercieel": "", "nieuw_minimum_commercieel": "",
    }
    data.update(overrides)
    return data


def _room_url(zaal):
    return reverse("beheer:ruimte", args=[zaal.locatie.beheerder.slug, zaal.locatie.slug, zaal.pk])


def test_the_board_sees_the_announced_change_in_the_form_and_moves_it(client, zaal, bestuur):
    page = client.get(_room_url(zaal), **EN).content.decode()
    assert 'name="nieuw_vanaf" value="2026-12-20"' in page and 'name="nieuw_prijs_maatschappelijk" value="15,00"' in page
    response = client.post(_room_url(zaal), _form(
        nieuw_vanaf="2027-01-01", nieuw_prijs_maatschappelijk="14", nieuw_minimum_maatschappelijk="28",
        nieuw_prijs_commercieel="45", nieuw_minimum_commercieel="90",
    ), **EN)
    assert response.status_code == 302
    rows = {(t.categorie, t.geldig_vanaf): (t.prijs_per_uur, t.minimum_bedrag) for t in Tarief.objects.filter(ruimte=zaal)}
    assert rows == {
        ("maatschappelijk", None): (Decimal("12.50"), Decimal("25.00")),
        ("commercieel", None): (Decimal("40.00"), Decimal("80.00")),
        ("maatschappelijk", date(2027, 1, 1)): (Decimal("14.00"), Decimal("28.00")),
        ("commercieel", date(2027, 1, 1)): (Decimal("45.00"), Decimal("90.00")),
    }
    listing = client.get(reverse("beheer:ruimtes", args=[zaal.locatie.beheerder.slug, zaal.locatie.slug]), **EN)
    assert "New prices from 1 January 2027:" in listing.content.decode()


def test_emptying_the_date_and_prices_withdraws_the_announced_change(client, zaal, bestuur):
    assert client.post(_room_url(zaal), _form(), **EN).status_code == 302
    assert not Tarief.objects.filter(ruimte=zaal, geldig_vanaf__isnull=False).exists()


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"nieuw_vanaf": "2026-12-01", "nieuw_prijs_commercieel": "45"}, "nieuw_vanaf", "New prices start after today"),
    ({"nieuw_prijs_commercieel": "45"}, "nieuw_vanaf", "Give the day the new prices start."),
    ({"nieuw_vanaf": "2027-01-01", "nieuw_prijs_commercieel": "veel"}, "nieuw_prijs_commercieel", ""),
])
def test_a_bad_announcement_is_refused_beside_the_field_and_changes_nothing(client, zaal, bestuur, overrides, field, message):
    before = set(Tarief.objects.filter(ruimte=zaal).values_list("categorie", "geldig_vanaf", "prijs_per_uur"))
    response = client.post(_room_url(zaal), _form(**overrides), **EN)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert set(Tarief.objects.filter(ruimte=zaal).values_list("categorie", "geldig_vanaf", "prijs_per_uur")) == before


def test_changing_todays_price_keeps_the_announced_one(client, zaal, bestuur):
    data = _form(prijs_maatschappelijk="13", nieuw_vanaf=WISSEL.isoformat(), nieuw_prijs_maatschappelijk="15",
                 nieuw_minimum_maatschappelijk="30")
    assert client.post(_room_url(zaal), data, **EN).status_code == 302
    prices = dict(Tarief.objects.filter(ruimte=zaal, categorie="maatschappelijk").values_list("geldig_vanaf", "prijs_per_uur"))
    assert prices == {None: Decimal("13.00"), WISSEL: Decimal("15.00")}
    assert reservering_prijs(ruimte=zaal, start=_serie()[0][0], eind=_serie()[0][1], huurder_categorie="maatschappelijk") == Decimal("26.00")
