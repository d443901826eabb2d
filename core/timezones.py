"""The zone of every wall-clock time on the platform: opening hours, occurrences,
rentals, mails and calendars are all Europe/Amsterdam, whatever ``TIME_ZONE`` the
server runs with."""

from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
