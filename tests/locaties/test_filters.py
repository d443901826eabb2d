"""LocatieFilter: area, kind, accessibility, nearness by point and by postcode."""

import pytest
from django.core.exceptions import ValidationError

from core.filters import apply_filterset
from locaties.filters import LocatieFilter, within_radius
from locaties.models import Locatie
from tests.locaties.factories import BevolkingspuntFactory, BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def _filter(**params):
    return list(apply_filterset(LocatieFilter, params, Locatie.objects.order_by("pk")))


def test_filters_on_area_kind_and_accessibility():
    buurt = BuurtFactory()
    binnen = LocatieFactory(buurt=buurt, toegankelijkheid=["drempelvrij", "ringleiding"], soort="huiskamer")
    buiten = LocatieFactory(toegankelijkheid=["drempelvrij"])
    assert _filter(buurt=buurt.code) == [binnen]
    assert _filter(gemeente=buurt.gemeente.code) == [binnen]
    assert _filter(wijk=buurt.wijk.code) == [binnen]
    assert _filter(soort="huiskamer") == [binnen]
    assert set(_filter(toegankelijkheid="drempelvrij")) == {binnen, buiten}
    assert _filter(toegankelijkheid=["drempelvrij", "ringleiding"]) == [binnen]


def test_nearness_by_point_is_straight_line_metres():
    dichtbij = LocatieFactory(lat=52.0, lon=5.0)
    # ~333 m north and ~690 m east: inside 400 m only the first.
    LocatieFactory(lat=52.003, lon=5.0)
    LocatieFactory(lat=52.0, lon=5.01)
    assert _filter(lat="52.0", lon="5.0", straal="100") == [dichtbij]
    assert len(_filter(lat="52.0", lon="5.0", straal="400")) == 2
    assert len(_filter(lat="52.0", lon="5.0", straal="800")) == 3


def test_nearness_by_postcode_uses_its_population_point():
    punt = BevolkingspuntFactory(buurt=None, sleutel="6211AB", lat=50.85, lon=5.69)
    hier = LocatieFactory(lat=punt.lat, lon=punt.lon + 0.001)
    LocatieFactory(lat=51.5, lon=5.0)
    assert _filter(postcode="6211 ab", straal="400") == [hier]
    assert _filter(postcode="6211", straal="400") == [hier]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"lat": "52", "straal": "400"}, "lon"),
        ({"lat": "52", "lon": "5"}, "straal"),
        ({"straal": "400"}, "straal"),
        ({"postcode": "9999ZZ", "straal": "400"}, "postcode"),
        ({"lat": "52", "lon": "5", "straal": "0"}, "straal"),
        ({"soort": "kasteel"}, "soort"),
    ],
)
def test_incomplete_or_wrong_input_is_refused_by_name(params, field):
    with pytest.raises(ValidationError) as error:
        _filter(**params)
    assert field in error.value.message_dict


def test_within_radius_keeps_the_row_exactly_on_the_edge_out_of_a_smaller_circle():
    LocatieFactory(lat=52.0, lon=5.0)
    assert within_radius(Locatie.objects.all(), lat=52.001, lon=5.0, straal=100).count() == 0
    assert within_radius(Locatie.objects.all(), lat=52.001, lon=5.0, straal=120).count() == 1
