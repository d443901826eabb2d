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


VERHUUR_SALT = "locaties.verhuur"
#: How long a tenant's link to their rental request works: past the last date of a year-long series.
VERHUUR_GELDIG = timedelta(days=400)


def verhuur_token(reservering) -> str:
    """A signed token naming a rental request by its first reservation (a series by its first date)."""
    return signing.dumps({"reservering": reservering.pk}, salt=VERHUUR_SALT)


def verhuur_pk_from_token(token: str) -> int | None:
    """The reservation a tenant's token names; None when it is tampered with, malformed or too old."""
    try:
        payload = signing.loads(token, salt=VERHUUR_SALT, max_age=VERHUUR_GELDIG)
        return int(payload["reservering"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


RUIMTE_FEED_SALT = "locaties.ruimte-feed"


def ruimte_feed_token(ruimte) -> str:
    """A signed token for a room's private calendar feed (it does not expire; a new secret key ends it)."""
    return signing.dumps({"ruimte": ruimte.pk}, salt=RUIMTE_FEED_SALT, compress=True)


def ruimte_pk_from_feed_token(token: str) -> int | None:
    """The room a feed token names; None when it is tampered with or malformed."""
    try:
        return int(signing.loads(token, salt=RUIMTE_FEED_SALT)["ruimte"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
