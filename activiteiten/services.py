"""Writes of the activiteiten app: activities, their occurrences, registrations, wishes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from locaties.constants import ReserveringSoort, ReserveringStatus
from locaties.models import Buurt, Locatie, Organisatie, Reservering, Ruimte
from locaties.services import occupied_range, reservering_conflicts

from . import tasks
from .constants import AanmeldingNodig, AanmeldingStatus, ActiviteitStatus
from .models import Aanmelding, Activiteit, Bijeenkomst, Wens
from .recurrence import TZ, normalise_rrule, occurrence_starts
from .selectors import schoolvakantie_periods

AANMELDING_CANCEL_SALT = "activiteiten.aanmelding.annuleren"
OVERLAP_CONSTRAINT = "reservering_no_overlap_when_confirmed"
# A clash message naming fifty dates helps nobody; name the first few and count the rest.
MAX_CLASHES_NAMED = 5
ACTIVE_REGISTRATION = (AanmeldingStatus.BEVESTIGD, AanmeldingStatus.WACHTLIJST)

ACTIVITEIT_FIELDS = frozenset(
    f.name
    for f in Activiteit._meta.get_fields()
    if getattr(f, "concrete", False) and not f.auto_created and f.name not in ("aangemaakt", "bijgewerkt")
)


@dataclass
class SyncResult:
    """What ``bijeenkomsten_sync`` changed.

    ``cancelled`` are occurrences that no longer follow from the rule but kept because
    people registered; ``registrations_to_notify`` are those people (by e-mail a task
    tells them; those who left only a phone number need a call).
    """

    created: int = 0
    updated: int = 0
    deleted: int = 0
    cancelled: list[Bijeenkomst] = field(default_factory=list)
    registrations_to_notify: list[Aanmelding] = field(default_factory=list)

    def __iadd__(self, other: SyncResult) -> SyncResult:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.cancelled += other.cancelled
        self.registrations_to_notify += other.registrations_to_notify
        return self


# Activities ----------------------------------------------------------------------------


def _unique_slug(titel: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(titel) or "activiteit")[:180].strip("-")
    taken = set(
        Activiteit.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _check_activiteit(activiteit: Activiteit) -> None:
    errors: dict[str, list[str]] = defaultdict(list)
    if activiteit.start is not None and timezone.is_naive(activiteit.start):
        errors["start"].append(_("The start needs a time zone."))
    if activiteit.ruimte_id and activiteit.ruimte.locatie_id != activiteit.locatie_id:
        errors["ruimte"].append(_("The room must be a room of the activity's meeting place."))
    if (
        activiteit.einddatum
        and activiteit.start
        and activiteit.einddatum < timezone.localtime(activiteit.start, TZ).date()
    ):
        errors["einddatum"].append(_("The last date cannot be before the first start."))
    if activiteit.aanmelding != AanmeldingNodig.GEEN and activiteit.capaciteit == 0:
        errors["capaciteit"].append(_("An activity with registration needs at least one place."))
    if errors:
        raise ValidationError(dict(errors))
    activiteit.full_clean()


def _reject_unknown_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - ACTIVITEIT_FIELDS
    if unknown:
        raise TypeError(f"Unknown Activiteit field(s): {', '.join(sorted(unknown))}")


def activiteit_create(
    *,
    locatie: Locatie,
    organisator: Organisatie,
    titel: str,
    soort: str,
    start: datetime,
    duur: timedelta,
    rrule: str = "",
    **fields: Any,
) -> Activiteit:
    """Create an activity with a unique slug from its title and materialise its occurrences.

    Further model fields (status, ruimte, capaciteit, einddatum, skip_feestdagen, …) go in
    ``fields``. A schedule that clashes with a confirmed room reservation is refused with
    a ValidationError naming the dates, and nothing is saved.
    """
    _reject_unknown_fields(fields)
    fields.pop("slug", None)
    with transaction.atomic():
        activiteit = Activiteit(
            locatie=locatie,
            organisator=organisator,
            titel=titel,
            slug=_unique_slug(titel),
            soort=soort,
            start=start,
            duur=duur,
            rrule=normalise_rrule(rrule),
            **fields,
        )
        _check_activiteit(activiteit)
        activiteit.save()
        bijeenkomsten_sync(activiteit=activiteit)
    return activiteit


def activiteit_update(*, activiteit: Activiteit, **fields: Any) -> SyncResult:
    """Change an activity's fields and bring its future occurrences in line.

    Occurrences that still follow from the (new) rule keep their overrides, registrations
    and attendance; see ``bijeenkomsten_sync`` for the rest. Stopping an activity
    (status gestopt) or turning it back into a draft removes or cancels its future
    occurrences the same way.
    """
    _reject_unknown_fields(fields)
    if "rrule" in fields:
        fields["rrule"] = normalise_rrule(fields["rrule"])
    with transaction.atomic():
        locked = Activiteit.objects.select_for_update().get(pk=activiteit.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_activiteit(locked)
        locked.save()
        result = bijeenkomsten_sync(activiteit=locked)
    for name in fields:
        setattr(activiteit, name, getattr(locked, name))
    activiteit.bijgewerkt = locked.bijgewerkt
    return result


# Occurrences ---------------------------------------------------------------------------


def _overlaps(a: DateTimeTZRange, b: DateTimeTZRange) -> bool:
    # Both half-open [lower, upper); a missing bound is unbounded.
    return (b.upper is None or a.lower < b.upper) and (a.upper is None or b.lower < a.upper)


def _describe_period(periode: DateTimeTZRange) -> str:
    lower = timezone.localtime(periode.lower, TZ)
    upper = timezone.localtime(periode.upper, TZ) if periode.upper else None
    text = f"{date_format(lower, 'j F Y')} {lower:%H:%M}"
    if upper is None:
        return text
    if upper.date() == lower.date():
        return f"{text}–{upper:%H:%M}"
    return f"{text} – {date_format(upper, 'j F Y')} {upper:%H:%M}"


def _clash_error(clashes: Sequence[Reservering]) -> ValidationError:
    named = ", ".join(_describe_period(r.periode) for r in clashes[:MAX_CLASHES_NAMED])
    if len(clashes) > MAX_CLASHES_NAMED:
        return ValidationError(
            _("The room is already booked on %(dates)s and %(more)d more times."),
            code="ruimte_bezet",
            params={"dates": named, "more": len(clashes) - MAX_CLASHES_NAMED},
        )
    return ValidationError(
        _("The room is already booked on %(dates)s."), code="ruimte_bezet", params={"dates": named}
    )


def _find_clashes(
    planned: Iterable[tuple[Ruimte, datetime, datetime]], *, exclude_ids: Iterable[int]
) -> list[Reservering]:
    """Confirmed reservations that the planned uses would clash with; one query per room."""
    by_room: dict[int, list[DateTimeTZRange]] = defaultdict(list)
    rooms: dict[int, Ruimte] = {}
    for ruimte, start, eind in planned:
        rooms[ruimte.pk] = ruimte
        by_room[ruimte.pk].append(occupied_range(ruimte=ruimte, start=start, eind=eind))
    exclude_ids = list(exclude_ids)
    clashes: dict[int, Reservering] = {}
    for ruimte_id, ranges in by_room.items():
        span = DateTimeTZRange(
            min(r.lower for r in ranges), max(r.upper for r in ranges), "[)"
        )
        candidates = list(
            Reservering.objects.filter(
                ruimte_id=ruimte_id, status=ReserveringStatus.BEVESTIGD, bezet__overlap=span
            ).exclude(pk__in=exclude_ids)
        )
        for candidate in candidates:
            if any(_overlaps(wanted, candidate.bezet) for wanted in ranges):
                clashes[candidate.pk] = candidate
    return sorted(clashes.values(), key=lambda r: r.periode.lower)


def _is_overlap_violation(error: IntegrityError) -> bool:
    return OVERLAP_CONSTRAINT in str(error)


def _active_registrations(bijeenkomst_ids: Iterable[int]) -> dict[int, list[Aanmelding]]:
    grouped: dict[int, list[Aanmelding]] = defaultdict(list)
    for aanmelding in Aanmelding.objects.filter(
        bijeenkomst_id__in=list(bijeenkomst_ids), status__in=ACTIVE_REGISTRATION
    ).order_by("aangemaakt", "pk"):
        grouped[aanmelding.bijeenkomst_id].append(aanmelding)
    return grouped


def _notify_on_commit(task_obj, aanmeldingen: Iterable[Aanmelding]) -> None:
    ids = [a.pk for a in aanmeldingen if a.email]
    if ids:
        transaction.on_commit(lambda: task_obj.enqueue(ids))


def _new_reservering(activiteit: Activiteit, ruimte: Ruimte, start: datetime, eind: datetime) -> Reservering:
    return Reservering(
        ruimte=ruimte,
        soort=ReserveringSoort.BIJEENKOMST,
        periode=DateTimeTZRange(start, eind, "[)"),
        bezet=occupied_range(ruimte=ruimte, start=start, eind=eind),
        status=ReserveringStatus.BEVESTIGD,
        huurder_naam=activiteit.organisator.naam[:200],
        opmerking=activiteit.titel,
    )


def _reservation_matches(reservering: Reservering | None, ruimte: Ruimte, start: datetime, eind: datetime) -> bool:
    return (
        reservering is not None
        and reservering.status == ReserveringStatus.BEVESTIGD
        and reservering.ruimte_id == ruimte.pk
        and reservering.periode.lower == start
        and reservering.periode.upper == eind
    )


def bijeenkomsten_sync(*, activiteit: Activiteit, tot: datetime | None = None) -> SyncResult:
    """Materialise the activity's occurrences from now up to the horizon.

    The horizon is ``tot`` or ``settings.BIJEENKOMST_HORIZON_DAYS`` from now. Occurrences
    already in the past are never touched. An occurrence is identified by its original
    start: one that still follows from the rule keeps its overrides (moved, cancelled,
    note, room), registrations and attendance, and follows a new duration unless it was
    moved. One that no longer follows from the rule is deleted, unless people registered:
    then it is cancelled, and they are returned for notification and mailed after the
    commit. Only a published activity has future occurrences.

    Occurrences in a room hold a confirmed Reservering; if any would clash with another
    confirmed reservation the whole change is refused with a ValidationError naming the
    dates, and nothing is saved.
    """
    now = timezone.now()
    horizon = tot or now + timedelta(days=settings.BIJEENKOMST_HORIZON_DAYS)
    result = SyncResult()
    with transaction.atomic():
        # One sync per activity at a time: two would both create the same occurrences.
        activiteit = (
            Activiteit.objects.select_for_update(of=("self",))
            .select_related("ruimte", "organisator")
            .get(pk=activiteit.pk)
        )
        existing = list(
            Bijeenkomst.objects.filter(
                activiteit=activiteit, origineel_start__gte=now, start__gte=now
            )
            .select_related("reservering", "ruimte")
            .select_for_update(of=("self",))
            .order_by("origineel_start")
        )
        # Occurrences materialised earlier beyond a shorter ``tot`` stay in the window, so a
        # short sync does not mistake them for occurrences the rule no longer produces.
        window_end = max([horizon] + [b.origineel_start + timedelta(seconds=1) for b in existing])

        starts: list[datetime] = []
        if activiteit.status == ActiviteitStatus.GEPUBLICEERD:
            periods = schoolvakantie_periods(
                regio=activiteit.skip_schoolvakantie,
                van=timezone.localtime(now, TZ).date(),
                tot=timezone.localtime(window_end, TZ).date(),
            )
            starts = occurrence_starts(
                start=activiteit.start,
                rrule=activiteit.rrule,
                einddatum=activiteit.einddatum,
                van=now,
                tot=window_end,
                skip_feestdagen=activiteit.skip_feestdagen,
                schoolvakanties=periods,
            )
        desired = {start: start + activiteit.duur for start in starts}
        by_origineel = {b.origineel_start: b for b in existing}

        kept = [b for b in existing if b.origineel_start in desired]
        gone = [b for b in existing if b.origineel_start not in desired]
        new = [
            Bijeenkomst(
                activiteit=activiteit, origineel_start=start, start=start, eind=eind,
                ruimte=activiteit.ruimte,
            )
            for start, eind in desired.items()
            if start not in by_origineel
        ]

        changed: set[int] = set()
        for b in kept:
            if not b.verplaatst and (b.start != b.origineel_start or b.eind != desired[b.origineel_start]):
                b.start, b.eind = b.origineel_start, desired[b.origineel_start]
                changed.add(b.pk)
            if not b.ruimte_afwijkend and b.ruimte_id != activiteit.ruimte_id:
                b.ruimte = activiteit.ruimte
                changed.add(b.pk)

        registrations = _active_registrations(b.pk for b in gone)
        to_cancel = [b for b in gone if registrations.get(b.pk)]
        to_delete = [b for b in gone if not registrations.get(b.pk)]
        for b in to_cancel:
            if not b.geannuleerd:
                b.geannuleerd = True
                changed.add(b.pk)
                result.cancelled.append(b)
                result.registrations_to_notify += registrations[b.pk]

        # Which occurrences need a (new) confirmed reservation, which reservations go.
        stale_ids: list[int] = []
        cancel_ids: list[int] = []
        needs_reservation: list[Bijeenkomst] = []
        for b in kept + new:
            current = b.reservering if b.pk else None
            if b.ruimte is not None and not b.geannuleerd:
                if _reservation_matches(current, b.ruimte, b.start, b.eind):
                    continue
                if current is not None:
                    stale_ids.append(current.pk)
                needs_reservation.append(b)
            elif current is not None and current.status == ReserveringStatus.BEVESTIGD:
                (cancel_ids if b.geannuleerd else stale_ids).append(current.pk)
        for b in to_cancel:
            if b.reservering is not None and b.reservering.status == ReserveringStatus.BEVESTIGD:
                cancel_ids.append(b.reservering.pk)
        stale_ids += [b.reservering_id for b in to_delete if b.reservering_id]

        planned = [(b.ruimte, b.start, b.eind) for b in needs_reservation]
        clashes = _find_clashes(planned, exclude_ids=stale_ids + cancel_ids)
        if clashes:
            raise _clash_error(clashes)

        try:
            with transaction.atomic():
                _write_sync(
                    activiteit=activiteit, now=now, kept=kept, new=new, to_cancel=to_cancel,
                    to_delete=to_delete, changed=changed, stale_ids=stale_ids,
                    cancel_ids=cancel_ids, needs_reservation=needs_reservation,
                )
        except IntegrityError as error:
            if not _is_overlap_violation(error):
                raise
            # Someone booked the room between our check and our write (or two of the
            # activity's own occurrences overlap): name what is there now.
            clashes = _find_clashes(planned, exclude_ids=stale_ids + cancel_ids)
            if clashes:
                raise _clash_error(clashes) from error
            raise ValidationError(
                _("Two occurrences of this activity would use the room at the same time."),
                code="ruimte_bezet",
            ) from error

        result.created = len(new)
        result.updated = len(changed)
        result.deleted = len(to_delete)
        _notify_on_commit(tasks.mail_bijeenkomst_geannuleerd, result.registrations_to_notify)
    return result


def _write_sync(
    *, activiteit, now, kept, new, to_cancel, to_delete, changed, stale_ids, cancel_ids,
    needs_reservation,
) -> None:
    if stale_ids:
        stale = set(stale_ids)
        for b in kept + to_cancel:
            if b.reservering_id in stale:
                b.reservering = None
                changed.add(b.pk)
        Reservering.objects.filter(pk__in=stale_ids).delete()
    if cancel_ids:
        Reservering.objects.filter(pk__in=cancel_ids).update(
            status=ReserveringStatus.GEANNULEERD, bijgewerkt=now
        )
    if to_delete:
        Bijeenkomst.objects.filter(pk__in=[b.pk for b in to_delete]).delete()
    if needs_reservation:
        reserveringen = Reservering.objects.bulk_create(
            [_new_reservering(activiteit, b.ruimte, b.start, b.eind) for b in needs_reservation]
        )
        for b, reservering in zip(needs_reservation, reserveringen, strict=True):
            b.reservering = reservering
            if b.pk:
                changed.add(b.pk)
    if new:
        Bijeenkomst.objects.bulk_create(new)
    dirty = [b for b in kept + to_cancel if b.pk in changed]
    if dirty:
        Bijeenkomst.objects.bulk_update(
            dirty, ["start", "eind", "ruimte", "geannuleerd", "reservering"]
        )


def _lock_bijeenkomst(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    return (
        Bijeenkomst.objects.select_for_update(of=("self",))
        .select_related("activiteit__organisator", "reservering", "ruimte")
        .get(pk=bijeenkomst.pk)
    )


def _refuse_past(bijeenkomst: Bijeenkomst, now: datetime) -> None:
    if bijeenkomst.start < now:
        raise ValidationError(
            _("This occurrence is in the past and cannot be changed."), code="verleden"
        )


def bijeenkomst_annuleer(*, bijeenkomst: Bijeenkomst, notitie: str | None = None) -> Bijeenkomst:
    """Cancel one occurrence: its room is freed and its registrants are mailed.

    Cancelling an occurrence that is already cancelled changes nothing. A rule change
    later keeps the cancellation as long as the occurrence still follows from the rule.
    """
    now = timezone.now()
    with transaction.atomic():
        b = _lock_bijeenkomst(bijeenkomst)
        _refuse_past(b, now)
        if b.geannuleerd:
            return b
        b.geannuleerd = True
        if notitie is not None:
            b.notitie = notitie
        b.full_clean()
        b.save(update_fields=["geannuleerd", "notitie"])
        if b.reservering is not None and b.reservering.status == ReserveringStatus.BEVESTIGD:
            Reservering.objects.filter(pk=b.reservering.pk).update(
                status=ReserveringStatus.GEANNULEERD, bijgewerkt=now
            )
        registrants = _active_registrations([b.pk]).get(b.pk, [])
        _notify_on_commit(tasks.mail_bijeenkomst_geannuleerd, registrants)
    return b


def bijeenkomst_verplaats(
    *, bijeenkomst: Bijeenkomst, start: datetime, eind: datetime, ruimte: Ruimte | None = None
) -> Bijeenkomst:
    """Move one occurrence to another time and, optionally, another room of the same place.

    The occurrence keeps its identity, registrations and note; its reservation moves with
    it, and a clash with a confirmed reservation is refused naming the date. Registrants
    are mailed the new details.
    """
    now = timezone.now()
    if timezone.is_naive(start) or timezone.is_naive(eind):
        raise ValidationError(_("Start and end need a time zone."), code="naive")
    if eind <= start:
        raise ValidationError(_("The end must be after the start."), code="eind")
    if start < now:
        raise ValidationError(_("An occurrence cannot be moved into the past."), code="verleden")
    with transaction.atomic():
        b = _lock_bijeenkomst(bijeenkomst)
        activiteit = b.activiteit
        _refuse_past(b, now)
        if b.geannuleerd:
            raise ValidationError(
                _("A cancelled occurrence cannot be moved."), code="geannuleerd"
            )
        if ruimte is not None and ruimte.locatie_id != activiteit.locatie_id:
            raise ValidationError(
                {"ruimte": _("The room must be a room of the activity's meeting place.")}
            )
        room = ruimte if ruimte is not None else b.ruimte
        own = [b.reservering.pk] if b.reservering is not None else []
        if room is not None:
            clashes = list(reservering_conflicts(ruimte=room, start=start, eind=eind, exclude_ids=own))
            if clashes:
                raise _clash_error(clashes)

        b.start, b.eind = start, eind
        b.verplaatst = not (start == b.origineel_start and eind == b.origineel_start + activiteit.duur)
        if ruimte is not None:
            b.ruimte = ruimte
            b.ruimte_afwijkend = ruimte.pk != activiteit.ruimte_id
        b.full_clean()
        try:
            with transaction.atomic():
                if room is not None:
                    reservering = b.reservering or _new_reservering(activiteit, room, start, eind)
                    reservering.ruimte = room
                    reservering.periode = DateTimeTZRange(start, eind, "[)")
                    reservering.bezet = occupied_range(ruimte=room, start=start, eind=eind)
                    reservering.status = ReserveringStatus.BEVESTIGD
                    reservering.save()
                    b.reservering = reservering
                b.save()
        except IntegrityError as error:
            if not _is_overlap_violation(error):
                raise
            clashes = list(reservering_conflicts(ruimte=room, start=start, eind=eind, exclude_ids=own))
            raise _clash_error(clashes) if clashes else ValidationError(
                _("The room is already booked at that time."), code="ruimte_bezet"
            ) from error
        registrants = _active_registrations([b.pk]).get(b.pk, [])
        _notify_on_commit(tasks.mail_bijeenkomst_verplaatst, registrants)
    return b


def bijeenkomst_registreer_aanwezigen(*, bijeenkomst: Bijeenkomst, aanwezigen: int) -> Bijeenkomst:
    """Record how many people came, once the occurrence has started."""
    if isinstance(aanwezigen, bool) or not isinstance(aanwezigen, int) or aanwezigen < 0:
        raise ValidationError(
            {"aanwezigen": _("Enter the number of people who came (0 or more).")}
        )
    with transaction.atomic():
        b = _lock_bijeenkomst(bijeenkomst)
        if b.start > timezone.now():
            raise ValidationError(
                _("Attendance can be recorded once the occurrence has started."), code="toekomst"
            )
        if b.geannuleerd:
            raise ValidationError(
                _("This occurrence was cancelled; there is no attendance to record."),
                code="geannuleerd",
            )
        b.aanwezigen = aanwezigen
        b.full_clean()
        b.save(update_fields=["aanwezigen"])
    return b


# Registrations -------------------------------------------------------------------------


def aanmelding_cancel_token(aanmelding: Aanmelding) -> str:
    """A signed token that lets the registrant cancel without an account."""
    return signing.dumps({"aanmelding": aanmelding.pk}, salt=AANMELDING_CANCEL_SALT)


def aanmelding_cancel_url(aanmelding: Aanmelding) -> str:
    """The link in the confirmation mail (the page itself belongs to the resident site)."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}/aanmelding/annuleren/{aanmelding_cancel_token(aanmelding)}"


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
        b = _lock_bijeenkomst(bijeenkomst)
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
    try:
        payload = signing.loads(token, salt=AANMELDING_CANCEL_SALT)
        pk = int(payload["aanmelding"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ValidationError(_("This cancel link is not valid."), code="token") from error
    with transaction.atomic():
        bijeenkomst_id = (
            Aanmelding.objects.filter(pk=pk).values_list("bijeenkomst_id", flat=True).first()
        )
        if bijeenkomst_id is None:
            raise ValidationError(_("This registration no longer exists."), code="onbekend")
        b = _lock_bijeenkomst(Bijeenkomst(pk=bijeenkomst_id))
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
        _notify_on_commit(tasks.mail_aanmelding_van_wachtlijst, promoted)
    aanmelding.bijeenkomst = b
    return aanmelding


def aanmeldingen_erase_contact(*, before: datetime | None = None) -> int:
    """Erase name and contact data of registrations for occurrences that ended before ``before``.

    ``before`` defaults to ``settings.AANMELDING_RETENTION_DAYS`` ago. The number of people
    and the status stay, for attendance reports. Returns how many registrations were erased.
    """
    now = timezone.now()
    if before is None:
        before = now - timedelta(days=settings.AANMELDING_RETENTION_DAYS)
    return Aanmelding.objects.filter(bijeenkomst__eind__lt=before, contact_gewist_op__isnull=True).update(
        naam="", email="", telefoon="", contact_gewist_op=now
    )


# Wishes --------------------------------------------------------------------------------


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


__all__ = [
    "SyncResult",
    "aanmelding_annuleer",
    "aanmelding_cancel_token",
    "aanmelding_cancel_url",
    "aanmelding_create",
    "aanmeldingen_erase_contact",
    "activiteit_create",
    "activiteit_update",
    "bijeenkomst_annuleer",
    "bijeenkomst_registreer_aanwezigen",
    "bijeenkomst_verplaats",
    "bijeenkomsten_sync",
    "wens_create",
    "wens_steun",
]
