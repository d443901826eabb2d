"""Reads of the activiteiten app, and the school holiday table."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from activiteiten.models import Bijeenkomst, Schoolvakantie
from activiteiten.selectors import bijeenkomst_list

from .factories import make_activiteit, next_weekday_at

pytestmark = pytest.mark.django_db


def test_bijeenkomst_list_is_one_query_whatever_the_size(django_assert_num_queries):
    # From the next Tuesday on: 4 weekly and 21-28 daily occurrences in the 28 days.
    make_activiteit(start=next_weekday_at(1, 14, weeks_ahead=0))
    make_activiteit(start=next_weekday_at(1, 14, weeks_ahead=0), rrule="FREQ=DAILY")
    van = timezone.now()
    tot = van + timedelta(days=28)
    with django_assert_num_queries(1):
        rows = [
            (b.activiteit.titel, b.activiteit.locatie.naam, b.activiteit.locatie.buurt, b.ruimte)
            for b in bijeenkomst_list(van=van, tot=tot)
        ]
    assert len(rows) == Bijeenkomst.objects.filter(start__gte=van, start__lt=tot).count() > 20
    starts = [b.start for b in bijeenkomst_list(van=van, tot=tot)]
    assert starts == sorted(starts) and all(van <= s < tot for s in starts)


def test_school_holidays_loaded_by_the_migration():
    rows = Schoolvakantie.objects.filter(schooljaar="2025-2026")
    assert rows.count() == 15
    zuid = rows.get(regio="zuid", naam="herfstvakantie")
    assert (zuid.van, zuid.tot) == (date(2025, 10, 11), date(2025, 10, 19))
    assert Schoolvakantie.objects.get(regio="noord", schooljaar="2026-2027", naam="kerstvakantie").tot == date(2027, 1, 3)
