"""The signed link of an invitation to join an organisation: made and read here only, so
the service that sends it and the selector that finds the invitation behind it share one
salt, one payload shape and one lifetime."""

from datetime import timedelta

from django.core import signing

UITNODIGING_SALT = "locaties.uitnodiging"
#: How long an invitation link works; a newer invitation or accepting it ends it sooner.
UITNODIGING_GELDIG = timedelta(days=14)


def uitnodiging_token(uitnodiging) -> str:
    """A signed, timestamped token naming the invitation."""
    return signing.dumps({"uitnodiging": uitnodiging.pk}, salt=UITNODIGING_SALT)


def uitnodiging_pk_from_token(token: str) -> int | None:
    """The invitation a token names; None when it is tampered with, malformed or older
    than ``UITNODIGING_GELDIG``."""
    try:
        payload = signing.loads(token, salt=UITNODIGING_SALT, max_age=UITNODIGING_GELDIG)
        return int(payload["uitnodiging"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
