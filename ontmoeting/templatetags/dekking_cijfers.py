"""Figures of the coverage dashboard, for loops over hundreds of buurten and wijken
where an ``{% include %}`` per figure costs more than the rest of the page."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html

register = template.Library()


@register.filter
def pct(value) -> str:
    """A share as the dashboard shows it (``_pct.html``): one decimal and %, a dash when unknown."""
    if value is None:
        return format_html('<span aria-label="">–</span>')
    return f"{floatformat(value, 1)}%"
