"""The moments the test suite runs at.

Every test runs on a clock frozen at ``NOW`` (the autouse ``frozen_clock`` fixture in
``tests/conftest.py``); the machine's own clock never matters. ``TEST_NOW`` (ISO 8601,
Europe/Amsterdam wall clock unless it names an offset) starts the whole suite from
another moment, to show that no test depends on the one chosen here::

    make test PYTEST_ARGS="-q" TEST_NOW=2027-07-14T15:00   # summer holiday, a Wednesday

A test that needs another moment names it with ``@pytest.mark.frozen_at("2027-03-09
12:00")`` (or a datetime), or moves the clock with ``frozen_clock.move_to(...)``; a test of time-sensitive behaviour runs at each of the ``AWKWARD`` moments
with ``@pytest.mark.awkward_moments``.
"""

import os
from datetime import datetime

from core.timezones import AMSTERDAM


def parse_moment(text: "str | datetime") -> datetime:
    """An aware datetime from ISO 8601 (or a datetime); a naive one is Amsterdam wall-clock time."""
    moment = text if isinstance(text, datetime) else datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


# A Tuesday afternoon: the weekly Tuesday 14:00 activity of the factories has just begun.
DEFAULT_NOW = datetime(2026, 12, 1, 15, 0, tzinfo=AMSTERDAM)
NOW = parse_moment(os.environ["TEST_NOW"]) if os.environ.get("TEST_NOW") else DEFAULT_NOW

# Moments where calendars, opening hours and counts of days go wrong first.
AWKWARD = {
    "tuesday-15h": datetime(2026, 12, 1, 15, 0, tzinfo=AMSTERDAM),
    "wednesday-morning": datetime(2026, 12, 2, 9, 30, tzinfo=AMSTERDAM),
    "summer-time-starts": datetime(2027, 3, 28, 3, 30, tzinfo=AMSTERDAM),
    # 02:30 happens twice that night; fold=0 is the first one, still summer time.
    "summer-time-ends": datetime(2027, 10, 31, 2, 30, tzinfo=AMSTERDAM),
    "christmas-week": datetime(2026, 12, 24, 16, 0, tzinfo=AMSTERDAM),
    "new-years-eve": datetime(2026, 12, 31, 23, 45, tzinfo=AMSTERDAM),
    "leap-day-2028": datetime(2028, 2, 29, 9, 0, tzinfo=AMSTERDAM),
}
