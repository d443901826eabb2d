"""Template filters for dates as people read them."""

from datetime import date, datetime, time

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


@register.filter(expects_localtime=True)
def uur(value: datetime | time | None) -> str:
    """A moment's time on the clock as "09:30", the same as ``|time:"H:i"`` (in the
    current time zone) without Django's general formatter: a programme list shows
    hundreds of them, and the formatter was a third of rendering one."""
    if not isinstance(value, (datetime, time)):
        return ""
    return value.strftime("%H:%M")
