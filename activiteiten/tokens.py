"""The signed link that lets a registrant cancel without an account: made and read here
only, so the services (which cancel) and the selectors (which show the registration
behind a link) share one salt and one payload shape."""

from django.core import signing

from .models import Aanmelding

AANMELDING_CANCEL_SALT = "activiteiten.aanmelding.annuleren"


def aanmelding_cancel_token(aanmelding: Aanmelding) -> str:
    """A signed token that lets the registrant cancel without an account."""
    return signing.dumps({"aanmelding": aanmelding.pk}, salt=AANMELDING_CANCEL_SALT)


def aanmelding_pk_from_token(token: str) -> int | None:
    """The registration a cancel token points to; None when it is tampered with or malformed."""
    try:
        return int(signing.loads(token, salt=AANMELDING_CANCEL_SALT)["aanmelding"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
