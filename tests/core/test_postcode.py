"""Postcodes as people type them (core/postcode.py)."""

import pytest

from core.postcode import compact_postcode, format_postcode


@pytest.mark.parametrize(("typed", "compact"), [("6211 ab", "6211AB"), (" 6211AB ", "6211AB"), ("6211", "6211")])
def test_compact_postcode_drops_spaces_and_capitalises(typed, compact):
    assert compact_postcode(typed) == compact


@pytest.mark.parametrize(
    ("typed", "printed"),
    [("6211ab", "6211 AB"), ("6211 AB", "6211 AB"), (" 62 11ab", "6211 AB"), ("6211 ", "6211"), ("abc", "ABC")],
)
def test_format_postcode_prints_a_full_postcode_as_on_a_letter(typed, printed):
    assert format_postcode(typed) == printed
