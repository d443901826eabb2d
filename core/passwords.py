"""A password validator for common Dutch passwords, beside Django's English list."""

import gzip
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DUTCH_LIST = Path(__file__).resolve().parent / "data" / "wachtwoorden-nl.txt.gz"
# What people put around a word to pass a rule ("Welkom2026!", "!!geheim!!", "zomer 123").
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@cache
def dutch_common_passwords() -> frozenset[str]:
    """The entries of the shipped list (see core/data/README.md for its source)."""
    with gzip.open(DUTCH_LIST, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


class DutchCommonPasswordValidator:
    """Refuses a password that is a common Dutch password or word, also with digits,
    spaces or punctuation around it, in any case: ``Wachtwoord123`` is as weak as
    ``wachtwoord``. Django's CommonPasswordValidator does the same for English lists."""

    def validate(self, password, user=None):
        lowered = password.lower().strip()
        candidates = {lowered, _DECORATION.sub("", lowered), re.sub(r"[\W_]+", "", lowered)}
        if candidates & dutch_common_passwords():
            raise ValidationError(
                _("This password is too common: it is a well-known Dutch password or word."),
                code="password_too_common_nl",
            )

    def get_help_text(self):
        return _("Your password can't be a common Dutch password or word.")
