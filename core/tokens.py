"""API tokens: create, list, revoke and check them (services and selectors in one small
module, as nothing else in ``core`` needs them).

A key is 40 random hexadecimal characters, the shape of the tokens DRF made before, so
the header stays ``Authorization: Token <key>``. Its 160 random bits make a slow password
hash unnecessary: a plain SHA-256 of such a key cannot be turned back, and lets the key
be found with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

PREFIX_LENGTH = 8
# Writing "last used" on every call would make each API read a write; once in this many
# seconds is precise enough for an owner deciding which token to revoke.
LAST_USED_PRECISION = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    """A token just made, with the key that is shown this once and never again."""

    token: ApiToken
    key: str


def hash_key(key: str) -> str:
    """The hash under which a key is stored."""
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user, naam: str, dagen: int | None = None) -> NewToken:
    """Make a token for ``user`` valid for ``dagen`` days (default API_TOKEN_DEFAULT_DAYS,
    at most API_TOKEN_MAX_DAYS). Returns the token and its key; only the hash is stored."""
    dagen = settings.API_TOKEN_DEFAULT_DAYS if dagen is None else dagen
    if not 1 <= dagen <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"dagen": _("A token is valid for 1 to %(max)d days.") % {"max": settings.API_TOKEN_MAX_DAYS}}
        )
    key = secrets.token_hex(20)
    now = timezone.now()
    token = ApiToken(
        user=user, naam=naam.strip(), prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key),
        aangemaakt_op=now, verloopt_op=now + timedelta(days=dagen),
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
    return NewToken(token=token, key=key)


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token: from now on it answers 401. Revoking twice keeps the first moment."""
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
    return token


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first, revoked and expired ones included."""
    return ApiToken.objects.filter(user=user)


def api_token_authenticate(key: str) -> ApiToken | None:
    """The valid token with this key (its user loaded), or None when the key is unknown,
    revoked, expired or its user is inactive. Notes when it was used."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), ingetrokken_op__isnull=True, verloopt_op__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.laatst_gebruikt_op is None or now - token.laatst_gebruikt_op > LAST_USED_PRECISION:
        # An update, not save(): two calls at once must not overwrite a revocation.
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=now)
        token.laatst_gebruikt_op = now
    return token
