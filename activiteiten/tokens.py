"""The signed links that work without an account: made and read here only, so the
services (which act) and the selectors (which show what is behind a link) share one salt
and one payload shape.

- a registrant cancels a registration (``aanmelding_cancel_token``);
- an organisation's member confirms that an activity still runs, from the reminder mail
  (``activiteit_bevestig_token``).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Aanmelding, Activiteit

AANMELDING_CANCEL_SALT = "activiteiten.aanmelding.annuleren"
ACTIVITEIT_BEVESTIG_SALT = "activiteiten.activiteit.bevestigen"


def aanmelding_cancel_token(aanmelding: Aanmelding) -> str:
    """A signed token that lets the registrant cancel without an account."""
    return signing.dumps({"aanmelding": aanmelding.pk}, salt=AANMELDING_CANCEL_SALT)


def aanmelding_pk_from_token(token: str) -> int | None:
    """The registration a cancel token points to; None when it is tampered with or malformed."""
    try:
        return int(signing.loads(token, salt=AANMELDING_CANCEL_SALT)["aanmelding"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def activiteit_bevestig_max_age() -> timedelta:
    """How long a confirmation link works: one whole round of confirming, the deadline's
    weeks and the grace period, so a link from a reminder still works when the activity
    has just left the calendar (confirming brings it back)."""
    return timedelta(weeks=settings.ACTIVITEIT_BEVESTIG_WEKEN + settings.ACTIVITEIT_BEVESTIG_GRATIE_WEKEN)


def activiteit_bevestig_token(activiteit: Activiteit) -> str:
    """A signed token that confirms ``activiteit`` once: it names the activity and the
    confirmation it was made after, so it stops working once anyone confirms again."""
    laatst = activiteit.laatst_bevestigd.isoformat() if activiteit.laatst_bevestigd else ""
    return signing.dumps({"activiteit": activiteit.pk, "laatst": laatst}, salt=ACTIVITEIT_BEVESTIG_SALT)


def activiteit_bevestig_payload(token: str) -> tuple[int, str] | None:
    """(activity pk, ISO date of the confirmation it was made after, '' for none) of a
    confirmation token; None when it is tampered with, malformed or too old."""
    try:
        payload = signing.loads(
            token, salt=ACTIVITEIT_BEVESTIG_SALT, max_age=activiteit_bevestig_max_age()
        )
        return int(payload["activiteit"]), str(payload["laatst"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
