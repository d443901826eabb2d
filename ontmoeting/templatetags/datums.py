"""Template filters for dates as people read them."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from core.timezones import AMSTERDAM

register = template.Library()


@register.filter
def dag(value: date | datetime | None, formaat: str = "l j F") -> str:
    """A day as "dinsdag 9 december", with the year only when it is not this year's
    ("dinsdag 5 januari 2027"), in Amsterdam time."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value, AMSTERDAM).date()
    if value.year != timezone.localdate().year:
        formaat += " Y"
    return date_format(value, formaat)
