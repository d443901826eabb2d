"""The Netherlands as a box of coordinates (core/geo.py): one box for validators, check
constraints, imports and the what-if."""

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from core.geo import NETHERLANDS


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (50.85, 5.69, True),  # Maastricht
        (53.22, 6.57, True),  # Groningen
        (50.7, 3.3, True),  # the corner itself
        (5.69, 50.85, False),  # latitude and longitude swapped
        (52.37, 9.0, False),  # Germany
        (155000.0, 463000.0, False),  # RD New metres instead of degrees
    ],
)
def test_contains_the_netherlands_and_nothing_far_off(lat, lon, inside):
    assert bool(NETHERLANDS.contains(lat, lon)) is inside


def test_contains_works_on_arrays_element_wise():
    lat, lon = np.array([52.0, 60.0]), np.array([5.0, 5.0])
    assert NETHERLANDS.contains(lat, lon).tolist() == [True, False]


def test_validators_refuse_a_swapped_coordinate():
    for validator in NETHERLANDS.latitude_validators():
        validator(52.0)
    with pytest.raises(ValidationError):
        for validator in NETHERLANDS.latitude_validators():
            validator(5.0)
    with pytest.raises(ValidationError):
        for validator in NETHERLANDS.longitude_validators():
            validator(52.0)


def test_q_names_the_fields_behind_a_prefix():
    condition = NETHERLANDS.q("locatie__")
    assert condition.connector == "AND"
    assert dict(condition.children) == {
        "locatie__lat__gte": 50.7, "locatie__lat__lte": 53.6, "locatie__lon__gte": 3.3, "locatie__lon__lte": 7.3,
    }
