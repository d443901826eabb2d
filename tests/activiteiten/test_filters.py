"""BijeenkomstFilter and ActiviteitFilter: period defaults and cap, day part, activity filters."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activiteiten.constants import ActiviteitSoort
from activiteiten.filters import ActiviteitFilter, BijeenkomstFilter, WensFilter
from activiteiten.models import Activiteit, Bijeenkomst, Wens
from core.filters import apply_filterset
from tests.activiteiten.factories import (
    BuurtFactory,
    LocatieFactory,
    WensFactory,
    make_activiteit,
    make_activiteit_met_aanmelding,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


def _bijeenkomsten(**params):
    return list(apply_filterset(BijeenkomstFilter, params, Bijeenkomst.objects.order_by("start")))


def test_default_period_is_the_coming_four_weeks():
    make_activiteit()  # weekly on Tuesday, starting at least a week ahead
    found = _bijeenkomsten()
    assert 2 <= len(found) <= 4
    today = timezone.localdate()
    assert all(today <= timezone.localtime(b.start).date() < today + timedelta(days=28) for b in found)


def test_period_is_capped_at_a_year_and_must_run_forward():
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _bijeenkomsten(van=today.isoformat(), tot=(today + timedelta(days=366)).isoformat())
    assert "tot" in error.value.message_dict
    with pytest.raises(ValidationError):
        _bijeenkomsten(van=today.isoformat(), tot=(today - timedelta(days=1)).isoformat())
    # 365 days is allowed.
    _bijeenkomsten(van=today.isoformat(), tot=(today + timedelta(days=365)).isoformat())


def test_day_part_uses_amsterdam_wall_clock():
    make_activiteit(titel="Ochtend", start=next_weekday_at(1, 10))
    make_activiteit(titel="Avond", start=next_weekday_at(1, 19, 30))
    assert {b.activiteit.titel for b in _bijeenkomsten(dagdeel="ochtend")} == {"Ochtend"}
    assert {b.activiteit.titel for b in _bijeenkomsten(dagdeel="avond")} == {"Avond"}
    assert {b.activiteit.titel for b in _bijeenkomsten(dagdeel=["ochtend", "avond"])} == {"Ochtend", "Avond"}
    assert _bijeenkomsten(dagdeel="middag") == []


def test_activity_filters_on_occurrences_and_activities():
    buurt = BuurtFactory()
    hier = LocatieFactory(buurt=buurt, toegankelijkheid=["drempelvrij"])
    inloop = make_activiteit(
        titel="Inloop", locatie=hier, soort=ActiviteitSoort.OPEN_INLOOP, categorieen=["spel"], doelgroepen=["ouderen"]
    )
    betaald = make_activiteit_met_aanmelding(titel="Kookles", kosten=Decimal("5.00"), categorieen=["eten_drinken"])
    cases = {
        "buurt": ({"buurt": buurt.code}, {inloop}),
        "gemeente": ({"gemeente": buurt.gemeente.code}, {inloop}),
        "locatie": ({"locatie": hier.slug}, {inloop}),
        "categorie": ({"categorie": ["spel", "taal"]}, {inloop}),
        "doelgroep": ({"doelgroep": "ouderen"}, {inloop}),
        "gratis": ({"gratis": "true"}, {inloop}),
        "niet gratis": ({"gratis": "false"}, {betaald}),
        "aanmelding": ({"aanmeldingNodig": "true"}, {betaald}),
        "open inloop": ({"openInloop": "true"}, {inloop}),
        "toegankelijk": ({"toegankelijkheid": "drempelvrij"}, {inloop}),
        "nabij": ({"lat": str(hier.lat), "lon": str(hier.lon), "straal": "50"}, {inloop}),
    }
    for name, (params, expected) in cases.items():
        activiteiten = set(apply_filterset(ActiviteitFilter, params, Activiteit.objects.all()))
        assert activiteiten == expected, name
        via_bijeenkomsten = {b.activiteit for b in _bijeenkomsten(**params)}
        assert via_bijeenkomsten == expected, name


def test_wens_filter_on_area_and_status():
    wens = WensFactory()
    WensFactory(status="opgepakt")
    found = apply_filterset(WensFilter, {"buurt": wens.buurt.code, "status": "nieuw"}, Wens.objects.all())
    assert list(found) == [wens]
