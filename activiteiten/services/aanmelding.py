"""Registrations for an occurrence: capacity, waiting list, signed cancel links."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.privacy import copies_erase

from .. import tasks
from ..constants import AanmeldingNodig, AanmeldingStatus, ActiviteitStatus
from ..models import Aanmelding, Bijeenkomst
from ..tokens import aanmelding_cancel_token, aanmelding_pk_from_token
from ._common import lock_bijeenkomst, notify_on_commit

__all__ = [
    "aanmelding_annuleer", "aanmelding_cancel_token", "aanmelding_cancel_url", "aanmelding_create",
    "aanmeldingen_erase_contact",
]


def aanmelding_cancel_url(aanmelding: Aanmelding) -> str:
    """The link in the confirmation mail (the page itself belongs to the resident site)."""
    return absolute_url(f"/aanmelding/annuleren/{aanmelding_cancel_token(aanmelding)}")


def _confirmed_places(bijeenkomst: Bijeenkomst) -> int:
    return (
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst, status=AanmeldingStatus.BEVESTIGD)
        .aggregate(total=Sum("aantal"))["total"]
        or 0
    )


def aanmelding_create(
    *, bijeenkomst: Bijeenkomst, naam: str, email: str = "", telefoon: str = "", aantal: int = 1
) -> Aanmelding:
    """Register ``aantal`` people for an occurrence: confirmed if they fit, else waiting list.

    The occurrence row is locked while places are counted, so concurrent registrations
    never confirm more than the capacity. A confirmation mail with a signed cancel link
    is sent after the commit.
    """
    if isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 1:
        raise ValidationError({"aantal": _("Register at least one person.")})
    email, telefoon, naam = (email or "").strip(), (telefoon or "").strip(), (naam or "").strip()
    if not email and not telefoon:
        raise ValidationError(
            _("Leave an e-mail address or a phone number, so we can reach you if plans change."),
            code="contact",
        )
    with transaction.atomic():
        b = lock_bijeenkomst(bijeenkomst)
        activiteit = b.activiteit
        if activiteit.aanmelding == AanmeldingNodig.GEEN:
            raise ValidationError(
                _("This activity needs no registration: just come along."), code="geen_aanmelding"
            )
        if activiteit.status != ActiviteitStatus.GEPUBLICEERD:
            raise ValidationError(_("This activity is not open for registration."), code="status")
        if b.geannuleerd:
            raise ValidationError(_("This occurrence has been cancelled."), code="geannuleerd")
        if b.start <= timezone.now():
            raise ValidationError(_("This occurrence has already started."), code="verleden")

        capaciteit = activiteit.capaciteit
        fits = capaciteit is None or _confirmed_places(b) + aantal <= capaciteit
        aanmelding = Aanmelding(
            bijeenkomst=b, naam=naam, email=email, telefoon=telefoon, aantal=aantal,
            status=AanmeldingStatus.BEVESTIGD if fits else AanmeldingStatus.WACHTLIJST,
        )
        aanmelding.full_clean()
        aanmelding.save()
        if email:
            aanmelding_id, url = aanmelding.pk, aanmelding_cancel_url(aanmelding)
            transaction.on_commit(
                lambda: tasks.mail_aanmelding_bevestiging.enqueue(aanmelding_id, url)
            )
    return aanmelding


def _promote_waiting_list(bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    """Give free places to the waiting list in order of registration (caller holds the lock).

    A group too big for the places left is passed over for smaller registrations behind
    it, the same rule ``aanmelding_create`` applies to newcomers; it keeps its turn.
    """
    waiting = list(
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst, status=AanmeldingStatus.WACHTLIJST)
        .order_by("aangemaakt", "pk")
    )
    if not waiting or bijeenkomst.geannuleerd:
        return []
    capaciteit = bijeenkomst.activiteit.capaciteit
    free = None if capaciteit is None else capaciteit - _confirmed_places(bijeenkomst)
    promoted = []
    for aanmelding in waiting:
        if free is not None and aanmelding.aantal > free:
            continue
        aanmelding.status = AanmeldingStatus.BEVESTIGD
        promoted.append(aanmelding)
        if free is not None:
            free -= aanmelding.aantal
    if promoted:
        Aanmelding.objects.bulk_update(promoted, ["status"])
    return promoted


def aanmelding_annuleer(*, token: str) -> Aanmelding:
    """Cancel the registration a signed token points to, and fill its places from the waiting list.

    A tampered or unknown token is refused; cancelling twice changes nothing. Those who
    get a place are mailed after the commit.
    """
    pk = aanmelding_pk_from_token(token)
    if pk is None:
        raise ValidationError(_("This cancel link is not valid."), code="token")
    return _annuleer(pk)


def aanmelding_annuleer_door_organisator(*, aanmelding: Aanmelding) -> Aanmelding:
    """Cancel a registration for its registrant (who phoned, say), as the organiser, and
    fill its places from the waiting list, as ``aanmelding_annuleer`` does."""
    return _annuleer(aanmelding.pk)


def _annuleer(pk: int) -> Aanmelding:
    with transaction.atomic():
        bijeenkomst_id = (
            Aanmelding.objects.filter(pk=pk).values_list("bijeenkomst_id", flat=True).first()
        )
        if bijeenkomst_id is None:
            raise ValidationError(_("This registration no longer exists."), code="onbekend")
        b = lock_bijeenkomst(Bijeenkomst(pk=bijeenkomst_id))
        # Read after taking the lock: a concurrent cancel or promotion may have changed it.
        aanmelding = Aanmelding.objects.get(pk=pk)
        if aanmelding.status == AanmeldingStatus.GEANNULEERD:
            return aanmelding
        if b.start <= timezone.now():
            raise ValidationError(
                _("This occurrence has already started; it can no longer be cancelled."),
                code="verleden",
            )
        aanmelding.status = AanmeldingStatus.GEANNULEERD
        aanmelding.geannuleerd_op = timezone.now()
        aanmelding.save(update_fields=["status", "geannuleerd_op"])
        promoted = _promote_waiting_list(b)
        notify_on_commit(tasks.mail_aanmelding_van_wachtlijst, promoted)
    aanmelding.bijeenkomst = b
    return aanmelding


def aanmelding_doorschuif(*, aanmelding: Aanmelding) -> Aanmelding:
    """Give someone on the waiting list a confirmed place, out of turn if the organiser
    wishes, and mail them after the commit. Refused when their group does not fit in the
    places left: never more confirmed than the capacity."""
    with transaction.atomic():
        b = lock_bijeenkomst(aanmelding.bijeenkomst)
        locked = Aanmelding.objects.get(pk=aanmelding.pk)
        if locked.status != AanmeldingStatus.WACHTLIJST:
            raise ValidationError(_("This person is not on the waiting list."), code="status")
        if b.geannuleerd:
            raise ValidationError(_("This occurrence has been cancelled."), code="geannuleerd")
        if b.start <= timezone.now():
            raise ValidationError(_("This occurrence has already started."), code="verleden")
        capaciteit = b.activiteit.capaciteit
        free = None if capaciteit is None else max(capaciteit - _confirmed_places(b), 0)
        if free is not None and locked.aantal > free:
            raise ValidationError(
                _("There are %(free)d places left and %(naam)s comes with %(aantal)d: cancel someone "
                  "or give the activity more places first."),
                code="vol", params={"free": free, "naam": locked.naam, "aantal": locked.aantal},
            )
        locked.status = AanmeldingStatus.BEVESTIGD
        locked.save(update_fields=["status"])
        notify_on_commit(tasks.mail_aanmelding_van_wachtlijst, [locked])
    locked.bijeenkomst = b
    return locked


@transaction.atomic
def aanmeldingen_erase_contact(*, before: datetime | None = None) -> int:
    """Erase name and contact data of registrations for occurrences that ended before ``before``.

    ``before`` defaults to ``settings.AANMELDING_RETENTION_DAYS`` ago. The number of people
    and the status stay, for attendance reports. The same values go from the admin's
    history and the task queue (``core.privacy.copies_erase``). Returns how many
    registrations were erased.
    """
    now = timezone.now()
    if before is None:
        before = now - timedelta(days=settings.AANMELDING_RETENTION_DAYS)
    rows = list(
        Aanmelding.objects.select_for_update(of=("self",))
        .filter(bijeenkomst__eind__lt=before, contact_gewist_op__isnull=True)
        .values_list("pk", "naam", "email", "telefoon")
    )
    if not rows:
        return 0
    pks = [row[0] for row in rows]
    Aanmelding.objects.filter(pk__in=pks).update(naam="", email="", telefoon="", contact_gewist_op=now)
    copies_erase(values=[value for row in rows for value in row[1:]], objects={Aanmelding: pks})
    return len(pks)
