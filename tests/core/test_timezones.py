"""The one zone of every wall-clock time (core/timezones.py)."""

from datetime import UTC, datetime

from core.timezones import AMSTERDAM


def test_amsterdam_keeps_wall_clock_time_across_daylight_saving():
    winter = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=AMSTERDAM)
    assert winter.astimezone(UTC).hour == 9
    assert summer.astimezone(UTC).hour == 8
