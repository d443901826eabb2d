"""The volunteer's signed personal link: made and read here only, so the service that
mails it and the selector that finds the volunteer behind it share one salt and one
payload shape. The link has no end date (a volunteer keeps it for years); erasing the
volunteer's data ends it."""

from django.core import signing

VRIJWILLIGER_SALT = "vrijwilligers.persoonlijke-link"


def vrijwilliger_token(vrijwilliger) -> str:
    """A signed token naming the volunteer."""
    return signing.dumps({"vrijwilliger": vrijwilliger.pk}, salt=VRIJWILLIGER_SALT)


def vrijwilliger_pk_from_token(token: str) -> int | None:
    """The volunteer a token names; None when it is tampered with or malformed."""
    try:
        return int(signing.loads(token, salt=VRIJWILLIGER_SALT)["vrijwilliger"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
