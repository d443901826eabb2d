"""The recurrence rules: pure functions, no database."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from activiteiten.recurrence import (
    Patroon,
    build_rrule,
    localise,
    monthly_last,
    monthly_nth,
    occurrence_starts,
    validate_rrule,
    weekly,
)


def at(y, m, d, hh=10, mm=0):
    return localise(datetime(y, m, d, hh, mm))


def starts(rrule, first, *, until=None, **kwargs):
    van = kwargs.pop("van", first)
    tot = kwargs.pop("tot", first + timedelta(days=400))
    return occurrence_starts(start=first, rrule=rrule, einddatum=until, van=van, tot=tot, **kwargs)


def dates(moments):
    return [m.date() for m in moments]


def test_weekly_on_tuesday():
    result = starts("FREQ=WEEKLY;BYDAY=TU", at(2027, 1, 5), tot=at(2027, 2, 1))
    assert dates(result) == [date(2027, 1, 5), date(2027, 1, 12), date(2027, 1, 19), date(2027, 1, 26)]


def test_every_two_weeks():
    result = starts(weekly(1, interval=2), at(2027, 1, 5), tot=at(2027, 3, 1))
    assert dates(result) == [date(2027, 1, 5), date(2027, 1, 19), date(2027, 2, 2), date(2027, 2, 16)]


def test_monthly_second_tuesday():
    result = starts(monthly_nth(1, 2), at(2027, 1, 1), tot=at(2027, 5, 1))
    assert dates(result) == [date(2027, 1, 12), date(2027, 2, 9), date(2027, 3, 9), date(2027, 4, 13)]


def test_monthly_last_friday():
    result = starts(monthly_last(4), at(2027, 1, 1), tot=at(2027, 5, 1))
    assert dates(result) == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26), date(2027, 4, 30)]


def test_once_when_rule_is_empty():
    first = at(2027, 6, 3, 19, 30)
    assert starts("", first) == [first]
    assert starts("", first, van=first + timedelta(minutes=1)) == []


def test_count_limits_occurrences_even_in_a_later_window():
    first = at(2027, 1, 5)
    assert len(starts("FREQ=WEEKLY;BYDAY=TU;COUNT=3", first)) == 3
    # The window starts after the first two: only the third is left.
    later = starts("FREQ=WEEKLY;BYDAY=TU;COUNT=3", first, van=at(2027, 1, 13))
    assert dates(later) == [date(2027, 1, 19)]


def test_einddatum_is_the_last_date_inclusive():
    result = starts("FREQ=WEEKLY;BYDAY=TU", at(2027, 1, 5), until=date(2027, 1, 19))
    assert dates(result)[-1] == date(2027, 1, 19)
    assert len(result) == 3


def test_until_in_the_rule_also_ends_it():
    result = starts("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270119T235959Z", at(2027, 1, 5))
    assert dates(result) == [date(2027, 1, 5), date(2027, 1, 12), date(2027, 1, 19)]


@pytest.mark.parametrize(
    "first, change",
    [(at(2027, 3, 16), date(2027, 3, 28)), (at(2026, 10, 13), date(2026, 10, 25))],
    ids=["march", "october"],
)
def test_wall_clock_time_is_kept_across_daylight_saving_changes(first, change):
    result = starts("FREQ=WEEKLY;BYDAY=TU", first, tot=first + timedelta(weeks=4))
    assert [m.hour for m in result] == [10, 10, 10, 10]
    assert all(m.minute == 0 for m in result)
    before = [m for m in result if m.date() < change]
    after = [m for m in result if m.date() > change]
    assert before and after
    # The UTC offset does change: the same wall-clock hour is a different instant.
    assert before[0].utcoffset() != after[0].utcoffset()


def test_time_in_the_spring_gap_moves_forward_not_backward():
    result = starts("FREQ=DAILY", at(2027, 3, 27, 2, 30), tot=at(2027, 3, 30, 0))
    assert [m.hour for m in result] == [2, 3, 2]


def test_public_holidays_are_skipped_koningsdag():
    # 27 April 2027 is a Tuesday: Koningsdag.
    first = at(2027, 4, 20)
    kept = starts("FREQ=WEEKLY;BYDAY=TU", first, tot=at(2027, 5, 5))
    skipped = starts("FREQ=WEEKLY;BYDAY=TU", first, tot=at(2027, 5, 5), skip_feestdagen=True)
    assert date(2027, 4, 27) in dates(kept)
    assert dates(skipped) == [date(2027, 4, 20), date(2027, 5, 4)]


def test_public_holidays_are_skipped_tweede_kerstdag():
    # 26 December 2027 is a Sunday.
    first = at(2027, 12, 19, 11)
    skipped = starts("FREQ=WEEKLY;BYDAY=SU", first, tot=at(2028, 1, 4), skip_feestdagen=True)
    assert dates(skipped) == [date(2027, 12, 19), date(2028, 1, 2)]


def test_school_holiday_periods_are_skipped_inclusive():
    first = at(2027, 2, 2)
    periods = [(date(2027, 2, 13), date(2027, 2, 21))]
    result = starts("FREQ=WEEKLY;BYDAY=TU", first, tot=at(2027, 3, 1), schoolvakanties=periods)
    assert dates(result) == [date(2027, 2, 2), date(2027, 2, 9), date(2027, 2, 23)]
    edge = starts("FREQ=WEEKLY;BYDAY=SU", at(2027, 2, 7), tot=at(2027, 3, 1), schoolvakanties=periods)
    assert date(2027, 2, 21) not in dates(edge)


@pytest.mark.parametrize(
    "rule, fragment",
    [
        ("FREQ=HOURLY", "at most daily"),
        ("FREQ=MINUTELY;INTERVAL=5", "at most daily"),
        ("BYDAY=TU", "frequency"),
        ("FREQ=WEEKLY;BYDAY=XX", "not valid"),
        ("FREQ=WEEKLY;INTERVAL=zero", "not valid"),
        ("gibberish", "NAME=VALUE"),
        ("FREQ=FORTNIGHTLY", "unknown frequency"),
        ("FREQ=DAILY;BYHOUR=9", "time comes from the start"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "not both"),
    ],
)
def test_bad_rules_get_a_clear_message(rule, fragment):
    with pytest.raises(ValidationError) as caught:
        validate_rrule(rule)
    assert fragment in " ".join(caught.value.messages)


@pytest.mark.parametrize(
    "rule", ["", "FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;COUNT=5"]
)
def test_good_rules_pass(rule):
    validate_rrule(rule)


def test_build_rrule_from_friendly_choices():
    assert build_rrule(patroon=Patroon.EENMALIG) == ""
    assert build_rrule(patroon=Patroon.WEKELIJKS, weekdag=0) == "FREQ=WEEKLY;BYDAY=MO"
    assert build_rrule(patroon=Patroon.OM_DE_N_WEKEN, weekdag=1, interval=2) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert build_rrule(patroon=Patroon.MAANDELIJKS_NDE, weekdag=1, n=2) == "FREQ=MONTHLY;BYDAY=2TU"
    assert build_rrule(patroon=Patroon.MAANDELIJKS_LAATSTE, weekdag=4) == "FREQ=MONTHLY;BYDAY=-1FR"
    assert build_rrule(patroon=Patroon.WEKELIJKS, weekdag=2, count=6) == "FREQ=WEEKLY;BYDAY=WE;COUNT=6"
    with pytest.raises(ValidationError):
        build_rrule(patroon=Patroon.MAANDELIJKS_NDE, weekdag=1, n=5)
    with pytest.raises(ValidationError):
        build_rrule(patroon=Patroon.WEKELIJKS, weekdag=None)
