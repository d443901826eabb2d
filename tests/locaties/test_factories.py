"""The factories build valid rows: other engineers' tests rely on them."""

import pytest

from locaties.geo import buurt_for_point

from .factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    LocatieFactory,
    OpeningstijdFactory,
    ReserveringFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db


def test_factory_rows_pass_model_validation():
    for instance in [
        BuurtFactory(),
        BevolkingspuntFactory(),
        LocatieFactory(),
        TariefFactory(),
        OpeningstijdFactory(),
        ReserveringFactory(),
    ]:
        instance.full_clean()


def test_a_place_in_a_buurt_lies_inside_its_boundary_and_others_do_not():
    first, second = BuurtFactory(), BuurtFactory()
    locatie = LocatieFactory(buurt=second)
    assert buurt_for_point(locatie.lat, locatie.lon) == second
    assert first != second
    loose = LocatieFactory()
    assert buurt_for_point(loose.lat, loose.lon) is None
