"""openingstijden_set: the week's opening hours replaced in one go, all or nothing, with
the rules of one period (past midnight, no overlap) applied to the whole set."""

from datetime import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from locaties.models import Openingstijd
from locaties.services import openingstijden_set
from tests.locaties.factories import BuurtFactory, LocatieFactory, OpeningstijdFactory

pytestmark = pytest.mark.django_db


def _week(locatie):
    return [(t.weekdag, t.van, t.tot) for t in Openingstijd.objects.filter(locatie=locatie).order_by("weekdag", "van")]


def test_the_week_replaces_the_hours_there_were():
    locatie = LocatieFactory()
    OpeningstijdFactory(locatie=locatie, weekdag=0, van=time(9), tot=time(17))
    OpeningstijdFactory(locatie=locatie, weekdag=3, van=time(9), tot=time(12))
    perioden = [(1, time(9), time(12)), (1, time(13), time(17)), (4, time(20), time(1))]
    saved = openingstijden_set(locatie=locatie, perioden=perioden)
    assert len(saved) == 3
    assert _week(locatie) == sorted(perioden)


def test_an_empty_week_removes_every_hour():
    locatie = LocatieFactory()
    OpeningstijdFactory(locatie=locatie)
    assert openingstijden_set(locatie=locatie, perioden=[]) == []
    assert _week(locatie) == []


def test_past_midnight_keeps_the_meaning_of_tot_volgende_dag():
    locatie = LocatieFactory()
    vrijdag, woensdag = openingstijden_set(
        locatie=locatie, perioden=[(4, time(20), time(1)), (2, time(19), time(0))])
    assert vrijdag.tot_volgende_dag and not vrijdag.tot_middernacht
    assert woensdag.tot_volgende_dag and woensdag.tot_middernacht


def test_overlap_within_a_day_is_refused_beside_the_period_and_nothing_changes():
    locatie = LocatieFactory()
    OpeningstijdFactory(locatie=locatie, weekdag=0, van=time(9), tot=time(17))
    with pytest.raises(ValidationError) as error:
        openingstijden_set(locatie=locatie, perioden=[(1, time(9), time(12)), (1, time(11), time(14))])
    assert list(error.value.message_dict) == ["1"]
    assert "overlap" in error.value.message_dict["1"][0] and "Tuesday 09:00–12:00" in error.value.message_dict["1"][0]
    assert _week(locatie) == [(0, time(9), time(17))]


def test_overlap_across_midnight_is_refused_too():
    locatie = LocatieFactory()
    with pytest.raises(ValidationError) as error:
        openingstijden_set(locatie=locatie, perioden=[(6, time(22), time(2)), (0, time(1), time(3))])
    assert list(error.value.message_dict) == ["1"]


def test_every_bad_period_is_named_at_once():
    locatie = LocatieFactory()
    with pytest.raises(ValidationError) as error:
        openingstijden_set(locatie=locatie, perioden=[
            (0, time(14), time(9)),  # swapped, not past midnight
            (2, time(10), time(12)),
            (3, time(10), time(10)),  # empty
        ])
    assert sorted(error.value.message_dict) == ["0", "2"]
    assert "swapped" in error.value.message_dict["0"][0]


def test_adjacent_periods_are_fine():
    locatie = LocatieFactory()
    openingstijden_set(locatie=locatie, perioden=[(1, time(9), time(12)), (1, time(12), time(17))])
    assert len(_week(locatie)) == 2


def test_the_coverage_hears_of_the_change_after_commit(django_capture_on_commit_callbacks):
    locatie = LocatieFactory(buurt=BuurtFactory())
    with mock.patch("locaties.events.notify") as notify, django_capture_on_commit_callbacks(execute=True):
        openingstijden_set(locatie=locatie, perioden=[(1, time(9), time(12))])
    notify.assert_called_once_with(locatie.buurt.gemeente_id)
