"""Each place's unique coverage: the residents and 65+ within 400 m whom only it covers,
on hand-made cases with the dashboard's own coverage computation."""

import pytest

from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.dekking.whatif import uniek_bereik_per_locatie
from tests.locaties.factories import BevolkingspuntFactory, BuurtFactory, LocatieFactory
from tests.ontmoeting.test_dekking import offset, weekly

pytestmark = pytest.mark.django_db

CENTRE = (50.85, 5.69)


@pytest.fixture
def buurt():
    return BuurtFactory(lat=CENTRE[0], lon=CENTRE[1], inwoners=300, inwoners_65plus=60)


def _punt(buurt, east, inwoners, ouderen):
    BevolkingspuntFactory(buurt=buurt, lat=offset(*CENTRE, east, 0)[0], lon=offset(*CENTRE, east, 0)[1],
                          inwoners=inwoners, inwoners_65plus=ouderen)


def _plek(buurt, east, **overrides):
    plek = LocatieFactory(buurt=buurt, lat=offset(*CENTRE, east, 0)[0], lon=offset(*CENTRE, east, 0)[1], **overrides)
    weekly(plek)
    return plek


def test_two_overlapping_places_and_one_alone(buurt):
    """West at 0 m and Midden at 500 m share the residents at 250 m; each alone covers
    its own side; Oost at 2000 m covers its residents alone."""
    for east, n, old in ((-200, 100, 10), (250, 40, 4), (700, 30, 3), (2000, 20, 2), (3000, 7, 7)):
        _punt(buurt, east, n, old)
    west, midden, oost = _plek(buurt, 0), _plek(buurt, 500), _plek(buurt, 2000)
    dekking_compute(gemeente=buurt.gemeente)
    assert uniek_bereik_per_locatie(gemeente=buurt.gemeente) == {
        west.pk: (100, 10), midden.pk: (30, 3), oost.pk: (20, 2),
    }


def test_an_unpublished_place_neither_counts_nor_takes_away(buurt):
    _punt(buurt, 100, 50, 5)
    plek = _plek(buurt, 0)
    verborgen = _plek(buurt, 150, gepubliceerd=False)
    dekking_compute(gemeente=buurt.gemeente)
    assert uniek_bereik_per_locatie(gemeente=buurt.gemeente) == {plek.pk: (50, 5)}
    assert verborgen.pk not in uniek_bereik_per_locatie(gemeente=buurt.gemeente)


def test_nobody_within_reach(buurt):
    _punt(buurt, 1500, 50, 5)
    plek = _plek(buurt, 0)
    dekking_compute(gemeente=buurt.gemeente)
    assert uniek_bereik_per_locatie(gemeente=buurt.gemeente) == {plek.pk: (0, 0)}
