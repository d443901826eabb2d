"""Writes on occurrences: materialising them from the rule, cancelling, moving, attendance."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.timezones import AMSTERDAM
from locaties.constants import ReserveringSoort, ReserveringStatus
from locaties.models import Reservering, Ruimte
from locaties.services import occupied_range, reservering_conflicts

from .. import tasks
from ..constants import AanmeldingStatus, ActiviteitStatus
from ..models import Aanmelding, Activiteit, Bijeenkomst
from ..recurrence import occurrence_starts
from ..selectors import schoolvakantie_periods

OVERLAP_CONSTRAINT = "reservering_no_overlap_when_confirmed"
# A clash message naming fifty dates helps nobody; name the first few and count the rest.
MAX_CLASHES_NAMED = 5


ACTIVE_REGISTRATION = (AanmeldingStatus.BEVESTIGD, AanmeldingStatus.WACHTLIJST)


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


class SyncManyResult(NamedTuple):
    """What ``bijeenkomsten_sync_many`` did: the changes summed, the activities that
    could not be synced ("title (#pk): reason") and how many activities it went through."""

    summary: SyncResult
    failed: list[str]
    activiteiten: int


def _overlaps(a: DateTimeTZRange, b: DateTimeTZRange) -> bool:
    # Both half-open [lower, upper); a missing bound is unbounded.
    return (b.upper is None or a.lower < b.upper) and (a.upper is None or b.lower < a.upper)


def _describe_period(periode: DateTimeTZRange) -> str:
    lower = timezone.localtime(periode.lower, AMSTERDAM)
    upper = timezone.localtime(periode.upper, AMSTERDAM) if periode.upper else None
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
                van=timezone.localtime(now, AMSTERDAM).date(),
                tot=timezone.localtime(window_end, AMSTERDAM).date(),
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


def bijeenkomsten_sync_many(
    *, activiteiten: QuerySet[Activiteit], on_progress: Callable[[int, int, str], None] | None = None
) -> SyncManyResult:
    """``bijeenkomsten_sync`` for each of ``activiteiten``, each in its own transaction:
    one whose new dates clash with a room rental is left as it was and named in the
    failures ("title (#pk): reason"), the others carry on. ``on_progress(n, total, titel)``
    is called after each."""
    rows = list(activiteiten.order_by("pk").values_list("pk", "titel"))
    summary = SyncResult()
    failed: list[str] = []
    for n, (pk, titel) in enumerate(rows, start=1):
        try:
            summary += bijeenkomsten_sync(activiteit=Activiteit(pk=pk))
        except ValidationError as error:
            failed.append(f"{titel} (#{pk}): {' '.join(error.messages)}")
        if on_progress is not None:
            on_progress(n, len(rows), titel)
    return SyncManyResult(summary=summary, failed=failed, activiteiten=len(rows))


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
