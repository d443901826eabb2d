"""VacatureFilter: a vacancy belongs to its place's gemeente, else its organisation's."""

import pytest

from core.filters import apply_filterset
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeenteFactory,
    LocatieFactory,
    OrganisatieFactory,
)
from tests.vrijwilligers.factories import VacatureFactory
from vrijwilligers.filters import VacatureFilter
from vrijwilligers.models import Vacature

pytestmark = pytest.mark.django_db


def test_gemeente_via_place_or_organisation_and_task():
    buurt = BuurtFactory()
    via_locatie = VacatureFactory(locatie=LocatieFactory(buurt=buurt), taak="bar")
    via_organisatie = VacatureFactory(organisatie=OrganisatieFactory(gemeente=buurt.gemeente))
    VacatureFactory(organisatie=OrganisatieFactory(gemeente=GemeenteFactory()))
    found = set(apply_filterset(VacatureFilter, {"gemeente": buurt.gemeente.code}, Vacature.objects.all()))
    assert found == {via_locatie, via_organisatie}
    assert list(apply_filterset(VacatureFilter, {"taak": "bar"}, Vacature.objects.all())) == [via_locatie]


def test_day_part_matches_any_weekday_a_code_exactly_and_flexible_vacancies_always():
    ochtend = VacatureFactory(dagdelen=["di_ochtend"])
    avond = VacatureFactory(dagdelen=["do_avond", "vr_avond"])
    flexibel = VacatureFactory(dagdelen=[])

    def found(params):
        return set(apply_filterset(VacatureFilter, params, Vacature.objects.all()))

    assert found({"dagdeel": "ochtend"}) == {ochtend, flexibel}
    assert found({"dagdeel": ["avond", "ochtend"]}) == {ochtend, avond, flexibel}
    assert found({"dagdeel": "vr_avond"}) == {avond, flexibel}
    assert found({"dagdeel": "middag"}) == {flexibel}


def test_distance_from_a_postcode_counts_from_the_place_hemelsbreed():
    punt = BevolkingspuntFactory(sleutel="6211AB", buurt=None, lat=50.85, lon=5.69)
    dichtbij = VacatureFactory(locatie=LocatieFactory(lat=punt.lat + 0.005, lon=punt.lon))  # ~560 m
    ver = VacatureFactory(locatie=LocatieFactory(lat=punt.lat + 0.03, lon=punt.lon))  # ~3.3 km
    VacatureFactory(locatie=None)  # no place: no distance
    found = set(apply_filterset(VacatureFilter, {"postcode": "6211 ab", "straal": 1000}, Vacature.objects.all()))
    assert found == {dichtbij}
    found = set(apply_filterset(VacatureFilter, {"postcode": "6211AB", "straal": 5000}, Vacature.objects.all()))
    assert found == {dichtbij, ver}
    filterset = VacatureFilter({"postcode": "9999ZZ", "straal": 1000}, queryset=Vacature.objects.all())
    assert not filterset.is_valid() and "postcode" in filterset.errors
