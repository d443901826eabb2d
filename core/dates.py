"""The dates and moments accepted from outside (query parameters, bodies, forms): in
the years 1000 to 2999.

Far wider than any calendar, period or opening date a person means (a dorpshuis open
since 1650 fits), and far enough from Python's own limits (years 1 and 9999) that
adding a day, a four-week period, a year's horizon or a time zone to an accepted date
can never overflow: outside it, arithmetic raises ``OverflowError`` (a 500) instead of
saying what is wrong.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1000, 1, 1)
LATEST = date(2999, 12, 31)

OUT_OF_RANGE = _("Give a date between %(earliest)s and %(latest)s.")


def validate_date_in_range(value: date | datetime | None) -> None:
    """A validator for a date or datetime field (Django forms and DRF alike)."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            OUT_OF_RANGE, code="out_of_range",
            params={"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )


def parse_date_in_range(raw: str) -> date:
    """``YYYY-MM-DD`` as a date in range; ``ValueError`` otherwise (with a message to show)."""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValueError(str(_("Give dates as YYYY-MM-DD."))) from None
    try:
        validate_date_in_range(day)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None
    return day
