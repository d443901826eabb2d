"""Passwords: at least 12 characters, not common in English (Django's list) nor in Dutch
(core/data/wachtwoorden-nl.txt.gz, core.passwords)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from core.passwords import dutch_common_passwords


@pytest.mark.parametrize("password", [
    "kort-maar-1",  # under 12 characters
    "Wachtwoord123", "welkom2026!!", "  Voetbal 1234 ", "verantwoordelijkheid",  # Dutch
    "qwerty123456", "123456789012",  # Django's English list, digits only
])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("fietsbel-regenjas-kapstok")


@pytest.mark.parametrize("password", ["Wachtwoord123", "welkom2026!!", "  Voetbal 1234 ", "FEYENOORD-010", "verantwoordelijkheid"])
def test_dutch_passwords_are_refused_by_the_dutch_list(password):
    # Each is 12 characters or more and not in Django's English list: only ours refuses it.
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert [e.code for e in refused.value.error_list] == ["password_too_common_nl"]


def test_the_dutch_list_holds_handwritten_passwords_and_frequent_words():
    entries = dutch_common_passwords()
    assert len(entries) > 8000 and {"wachtwoord", "welkom", "feyenoord", "buurthuis", "gezellig"} <= entries
