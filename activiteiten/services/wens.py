"""Residents' wishes for their buurt."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from locaties.models import Buurt

from ..models import Wens


def wens_create(
    *, buurt: Buurt, tekst: str, doelgroep: str = "", contact_naam: str = "", contact_email: str = ""
) -> Wens:
    """Record a resident's wish for their buurt; it shows after a moderator approves it."""
    wens = Wens(
        buurt=buurt, tekst=(tekst or "").strip(), doelgroep=doelgroep,
        contact_naam=(contact_naam or "").strip(), contact_email=(contact_email or "").strip(),
    )
    with transaction.atomic():
        wens.full_clean()
        wens.save()
    return wens


def wens_steun(*, wens: Wens) -> Wens:
    """Add one supporter to a wish, safe under concurrency (the database adds)."""
    with transaction.atomic():
        Wens.objects.filter(pk=wens.pk).update(steun=F("steun") + 1)
        wens.refresh_from_db(fields=["steun"])
    return wens



def wens_goedkeur(*, wens: Wens) -> Wens:
    """Approve a wish after moderation, so it shows on the buurt's page."""
    with transaction.atomic():
        Wens.objects.filter(pk=wens.pk).update(goedgekeurd=True)
        wens.refresh_from_db(fields=["goedgekeurd"])
    return wens
