"""Template filters for dates and times (``ontmoeting.templatetags.datums``)."""

from datetime import UTC, datetime, time

import pytest
from django.template import Context, Template
from django.utils import timezone

MOMENTS = [
    datetime(2026, 12, 1, 8, 5, tzinfo=UTC),  # winter: 09:05 in Amsterdam
    datetime(2026, 7, 1, 22, 30, tzinfo=UTC),  # summer, past midnight there: 00:30
    datetime(2026, 3, 29, 0, 59, tzinfo=UTC),  # the night the clocks go forward
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_uur_is_what_the_time_filter_gives(moment):
    context = Context({"m": moment})
    uur = Template("{% load datums %}{{ m|uur }}").render(context)
    assert uur == Template('{{ m|time:"H:i" }}').render(context)
    assert uur == timezone.localtime(moment).strftime("%H:%M")


def test_uur_of_a_clock_time_and_of_nothing():
    template = Template("{% load datums %}[{{ t|uur }}]")
    assert template.render(Context({"t": time(7, 0)})) == "[07:00]"
    assert template.render(Context({"t": None})) == "[]"
    assert template.render(Context({})) == "[]"
