"""Residents' wishes for their buurt."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Func, Q, Value
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from core.exceptions import ConflictError
from core.links import absolute_url
from core.privacy import copies_erase
from locaties.models import Buurt

from .. import tasks
from ..constants import WensStatus
from ..models import Activiteit, Wens


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


class WensAlGesteund(ConflictError):
    """This supporter already supports the wish (the API answers 409)."""

    def __init__(self):
        super().__init__(_("You already support this wish."), code="al_gesteund")


def wens_steun(*, wens: Wens, steuner: str) -> Wens:
    """Add one supporter to a wish, once per supporter, safe under concurrency.

    ``steuner`` names the supporter as the caller knows them (the site: the account or
    the browser's session; the API: the account or the client's address); only a keyed
    hash of it is kept. A second support by the same supporter raises ``WensAlGesteund``
    and counts nothing.
    """
    if not steuner:
        raise ValueError("wens_steun needs the supporter's key")
    sleutel = salted_hmac("activiteiten.wens.steun", steuner).hexdigest()
    with transaction.atomic():
        # One statement: a concurrent support by the same key waits for the row and then
        # no longer matches, so it counts nothing.
        added = (
            Wens.objects.filter(pk=wens.pk)
            .exclude(steuners__contains=[sleutel])
            .update(steun=F("steun") + 1, steuners=Func(F("steuners"), Value(sleutel), function="array_append"))
        )
        if not added:
            raise WensAlGesteund()
        wens.refresh_from_db(fields=["steun"])
    return wens


def wens_goedkeur(*, wens: Wens) -> Wens:
    """Approve a wish after moderation, so it shows on the buurt's page (also one that
    was rejected before)."""
    with transaction.atomic():
        Wens.objects.filter(pk=wens.pk).update(goedgekeurd=True, afgewezen=False)
        wens.refresh_from_db(fields=["goedgekeurd", "afgewezen"])
    return wens


def wens_afwijs(*, wens: Wens) -> Wens:
    """Reject a wish after moderation: it does not show (or no longer shows) on the
    buurt's page and waits for no one. It is kept, with its support."""
    with transaction.atomic():
        Wens.objects.filter(pk=wens.pk).update(goedgekeurd=False, afgewezen=True)
        wens.refresh_from_db(fields=["goedgekeurd", "afgewezen"])
    return wens


def wens_beantwoord(*, wens: Wens, status: str, activiteit: Activiteit | None = None, reden: str = "") -> Wens:
    """Answer an approved wish: "opgepakt" with the activity that answers it, "niet
    haalbaar" with the reason, or back to "nieuw" (no answer yet). The answer shows on
    the buurt's page; a resident who left an e-mail address gets the answer by mail
    after the commit (when it changed)."""
    reden = (reden or "").strip()
    errors = {}
    if not wens.goedgekeurd:
        raise ValidationError(_("Approve the wish first: only an approved wish gets an answer."), code="niet_goedgekeurd")
    if status not in WensStatus.values:
        errors["status"] = _("Choose an answer.")
    elif status == WensStatus.OPGEPAKT and activiteit is None:
        errors["activiteit"] = _("Choose the activity that answers the wish.")
    elif status == WensStatus.NIET_HAALBAAR and not reden:
        errors["reden"] = _("Say in a sentence why it is not feasible; the buurt reads it.")
    if errors:
        raise ValidationError(errors)
    fields = {
        "status": status,
        "activiteit": activiteit if status == WensStatus.OPGEPAKT else None,
        "reden": reden if status == WensStatus.NIET_HAALBAAR else "",
        "beantwoord_op": None if status == WensStatus.NIEUW else timezone.now(),
    }
    with transaction.atomic():
        before = Wens.objects.select_for_update().values_list("status", "activiteit_id", "reden").get(pk=wens.pk)
        Wens.objects.filter(pk=wens.pk).update(**fields)
        wens.refresh_from_db(fields=list(fields))
        changed = before != (wens.status, wens.activiteit_id, wens.reden)
        if changed and wens.status != WensStatus.NIEUW and wens.contact_email:
            # The resident left an address "to hear from us": they hear the answer, once
            # it is committed.
            # The pages belong to the resident site.
            buurt_url = absolute_url(f"/buurten/{wens.buurt.code}")
            activiteit_url = absolute_url(f"/activiteiten/{wens.activiteit.slug}") if wens.activiteit else ""
            transaction.on_commit(lambda: tasks.mail_wens_beantwoord.enqueue(wens.pk, buurt_url, activiteit_url))
    return wens


@transaction.atomic
def wensen_erase_contact(*, before: datetime | None = None) -> int:
    """Erase the name and e-mail address left with wishes made before ``before``.

    ``before`` defaults to ``settings.WENS_RETENTION_DAYS`` ago. The wish itself, its
    support and status stay: they are the buurt's, not the person's. The same values go
    from the admin's history and the task queue. Who supported a wish (keyed hashes)
    goes from wishes made before the same time. Returns how many wishes were erased.
    """
    now = timezone.now()
    if before is None:
        before = now - timedelta(days=settings.WENS_RETENTION_DAYS)
    Wens.objects.filter(aangemaakt__lt=before).exclude(steuners=[]).update(steuners=[])
    rows = list(
        Wens.objects.select_for_update()
        .filter(aangemaakt__lt=before, contact_gewist_op__isnull=True)
        .filter(~Q(contact_naam="") | ~Q(contact_email=""))
        .values_list("pk", "contact_naam", "contact_email")
    )
    if not rows:
        return 0
    pks = [row[0] for row in rows]
    Wens.objects.filter(pk__in=pks).update(contact_naam="", contact_email="", contact_gewist_op=now)
    copies_erase(values=[value for row in rows for value in row[1:]], objects={})
    return len(pks)
