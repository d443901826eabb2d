"""Writes on occurrences: materialising them from the rule, cancelling, moving, attendance."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timezones import AMSTERDAM
from locaties.constants import ReserveringStatus
from locaties.models import Reservering, Ruimte
from locaties.services import (
    ReserveringConflict,
    bezetting_boek,
    bezetting_conflicts,
    bezetting_verplaats,
    reservering_annuleer,
)

from .. import tasks
from ..constants import AanmeldingStatus, ActiviteitStatus
from ..models import Aanmelding, Activiteit, Bijeenkomst
from ..recurrence import occurrence_starts
from ..selectors import schoolvakantie_periods
from ._common import active_registrations, lock_bijeenkomst, notify_on_commit


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


def _find_clashes(planned: Iterable[tuple[Ruimte, datetime, datetime]], *, exclude_ids: Iterable[int]) -> list[Reservering]:
    """Confirmed reservations that the planned uses would clash with (locaties decides)."""
    return bezetting_conflicts(gebruiken=planned, exclude_ids=exclude_ids)


def _reservation_matches(reservering: Reservering | None, ruimte: Ruimte, start: datetime, eind: datetime) -> bool:
    return (
        reservering is not None
        and reservering.status == ReserveringStatus.BEVESTIGD
        and reservering.ruimte_id == ruimte.pk
        and reservering.periode.lower == start
        and reservering.periode.upper == eind
    )


def _cancel_registrations(aanmeldingen: Iterable[Aanmelding], now: datetime) -> None:
    """A cancelled occurrence holds no places: its registrations are cancelled with it
    (and the people told, by the caller)."""
    pks = [a.pk for a in aanmeldingen]
    if pks:
        Aanmelding.objects.filter(pk__in=pks).update(status=AanmeldingStatus.GEANNULEERD, geannuleerd_op=now)


@dataclass
class _SyncPlan:
    """What one sync will do, decided before anything is written."""

    activiteit: Activiteit
    now: datetime
    kept: list[Bijeenkomst]
    new: list[Bijeenkomst]
    to_cancel: list[Bijeenkomst]
    to_delete: list[Bijeenkomst]
    changed: set[int] = field(default_factory=set)
    moved: set[int] = field(default_factory=set)
    newly_cancelled: list[Bijeenkomst] = field(default_factory=list)
    registrations: dict[int, list[Aanmelding]] = field(default_factory=dict)
    stale_ids: list[int] = field(default_factory=list)
    cancel_ids: list[int] = field(default_factory=list)
    needs_reservation: list[Bijeenkomst] = field(default_factory=list)

    @property
    def planned(self) -> list[tuple[Ruimte, datetime, datetime]]:
        return [(b.ruimte, b.start, b.eind) for b in self.needs_reservation]

    @property
    def freed_ids(self) -> list[int]:
        return self.stale_ids + self.cancel_ids


def bijeenkomsten_sync(*, activiteit: Activiteit, tot: datetime | None = None) -> SyncResult:
    """Materialise the activity's occurrences from now up to the horizon.

    The horizon is ``tot`` or ``settings.BIJEENKOMST_HORIZON_DAYS`` from now. Occurrences
    already in the past are never touched. An occurrence is identified by its original
    start: one that still follows from the rule keeps its overrides (moved, cancelled,
    note, room), registrations and attendance, and follows a new duration unless it was
    moved. One that no longer follows from the rule is deleted, unless people registered:
    then it is cancelled with their registrations, and they are returned for
    notification and mailed after the commit. Registrants of an occurrence whose time or
    room changes with the rule are mailed the new details. Only a published activity has
    future occurrences.

    Occurrences in a room hold a confirmed Reservering, booked through the locaties
    reservation service; if any would clash with another confirmed reservation the
    whole change is refused with ``ReserveringConflict`` naming the dates, and nothing
    is saved.
    """
    now = timezone.now()
    horizon = tot or now + timedelta(days=settings.BIJEENKOMST_HORIZON_DAYS)
    with transaction.atomic():
        plan = _plan_sync(activiteit=activiteit, now=now, horizon=horizon)
        _check_sync(plan)
        _write_sync(plan)
        result = SyncResult(
            created=len(plan.new), updated=len(plan.changed), deleted=len(plan.to_delete),
            cancelled=plan.newly_cancelled,
        )
        for b in result.cancelled:
            result.registrations_to_notify += plan.registrations[b.pk]
        _cancel_registrations(result.registrations_to_notify, now)
        notify_on_commit(tasks.mail_bijeenkomst_geannuleerd, result.registrations_to_notify)
        notify_on_commit(
            tasks.mail_bijeenkomst_verplaatst,
            [a for pk in plan.moved for a in plan.registrations.get(pk, [])],
        )
    return result


def _desired_times(activiteit: Activiteit, now: datetime, window_end: datetime) -> dict[datetime, datetime]:
    """Start -> end of every occurrence the rule gives in ``[now, window_end)``."""
    if activiteit.status != ActiviteitStatus.GEPUBLICEERD:
        return {}
    periods = schoolvakantie_periods(
        regio=activiteit.skip_schoolvakantie,
        van=timezone.localtime(now, AMSTERDAM).date(),
        tot=timezone.localtime(window_end, AMSTERDAM).date(),
    )
    starts = occurrence_starts(
        start=activiteit.start, rrule=activiteit.rrule, einddatum=activiteit.einddatum,
        van=now, tot=window_end, skip_feestdagen=activiteit.skip_feestdagen, schoolvakanties=periods,
    )
    return {start: start + activiteit.duur for start in starts}


def _plan_sync(*, activiteit: Activiteit, now: datetime, horizon: datetime) -> _SyncPlan:
    """Lock the activity and its future occurrences and decide what changes (the plan step)."""
    # One sync per activity at a time: two would both create the same occurrences.
    activiteit = (
        Activiteit.objects.select_for_update(of=("self",)).select_related("ruimte", "organisator").get(pk=activiteit.pk)
    )
    existing = list(
        Bijeenkomst.objects.filter(activiteit=activiteit, origineel_start__gte=now, start__gte=now)
        .select_related("reservering", "ruimte")
        .select_for_update(of=("self",))
        .order_by("origineel_start")
    )
    # Occurrences materialised earlier beyond a shorter ``tot`` stay in the window, so a
    # short sync does not mistake them for occurrences the rule no longer produces.
    window_end = max([horizon] + [b.origineel_start + timedelta(seconds=1) for b in existing])
    desired = _desired_times(activiteit, now, window_end)
    known = {b.origineel_start for b in existing}
    gone = [b for b in existing if b.origineel_start not in desired]
    # Anyone who registered keeps the occurrence (cancelled), so their link still says so.
    registered = set(Aanmelding.objects.filter(bijeenkomst__in=gone).values_list("bijeenkomst_id", flat=True))
    plan = _SyncPlan(
        activiteit=activiteit, now=now,
        kept=[b for b in existing if b.origineel_start in desired],
        new=[
            Bijeenkomst(activiteit=activiteit, origineel_start=start, start=start, eind=eind, ruimte=activiteit.ruimte)
            for start, eind in desired.items() if start not in known
        ],
        to_cancel=[b for b in gone if b.pk in registered],
        to_delete=[b for b in gone if b.pk not in registered],
    )
    for b in plan.kept:
        moves = not b.verplaatst and (b.start != b.origineel_start or b.eind != desired[b.origineel_start])
        if moves:
            b.start, b.eind = b.origineel_start, desired[b.origineel_start]
        changes_room = not b.ruimte_afwijkend and b.ruimte_id != activiteit.ruimte_id
        if changes_room:
            b.ruimte = activiteit.ruimte
        if moves or changes_room:
            plan.changed.add(b.pk)
            if not b.geannuleerd:
                plan.moved.add(b.pk)
    plan.newly_cancelled = [b for b in plan.to_cancel if not b.geannuleerd]
    for b in plan.newly_cancelled:
        b.geannuleerd = True
        plan.changed.add(b.pk)
    plan.registrations = active_registrations([*plan.moved, *(b.pk for b in plan.newly_cancelled)])
    _plan_reservations(plan)
    return plan


def _plan_reservations(plan: _SyncPlan) -> None:
    """Which occurrences need a (new) confirmed reservation, which reservations go."""
    for b in plan.kept + plan.new:
        current = b.reservering if b.pk else None
        if b.ruimte is not None and not b.geannuleerd:
            if _reservation_matches(current, b.ruimte, b.start, b.eind):
                continue
            if current is not None:
                plan.stale_ids.append(current.pk)
            plan.needs_reservation.append(b)
        elif current is not None and current.status == ReserveringStatus.BEVESTIGD:
            (plan.cancel_ids if b.geannuleerd else plan.stale_ids).append(current.pk)
    for b in plan.to_cancel:
        if b.reservering is not None and b.reservering.status == ReserveringStatus.BEVESTIGD:
            plan.cancel_ids.append(b.reservering.pk)
    plan.stale_ids += [b.reservering_id for b in plan.to_delete if b.reservering_id]


def _check_sync(plan: _SyncPlan) -> None:
    """Refuse the whole plan, naming every clash, when a room is already booked (the check step)."""
    clashes = _find_clashes(plan.planned, exclude_ids=plan.freed_ids)
    if clashes:
        raise ReserveringConflict.naming(clashes)


def _write_sync(plan: _SyncPlan) -> None:
    """Write the plan: reservations through locaties, then the occurrences (the write step).

    Someone may book the room between the check and this write (or two of the activity's
    own occurrences overlap): the reservation service's constraint still refuses, naming
    what is there now.
    """
    stale = set(plan.stale_ids)
    for b in plan.kept + plan.to_cancel:
        if b.reservering_id in stale:
            b.reservering = None
            plan.changed.add(b.pk)
    try:
        reserveringen = bezetting_boek(
            gebruiken=plan.planned, huurder_naam=plan.activiteit.organisator.naam,
            opmerking=plan.activiteit.titel, vrijgeven=plan.stale_ids, annuleren=plan.cancel_ids,
        )
    except ReserveringConflict as conflict:
        if conflict.conflicten:
            raise
        raise ReserveringConflict(
            _("Two occurrences of this activity would use the room at the same time."), []
        ) from conflict
    for b, reservering in zip(plan.needs_reservation, reserveringen, strict=True):
        b.reservering = reservering
        if b.pk:
            plan.changed.add(b.pk)
    if plan.to_delete:
        Bijeenkomst.objects.filter(pk__in=[b.pk for b in plan.to_delete]).delete()
    if plan.new:
        Bijeenkomst.objects.bulk_create(plan.new)
    dirty = [b for b in plan.kept + plan.to_cancel if b.pk in plan.changed]
    if dirty:
        Bijeenkomst.objects.bulk_update(dirty, ["start", "eind", "ruimte", "geannuleerd", "reservering"])


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


def _refuse_past(bijeenkomst: Bijeenkomst, now: datetime) -> None:
    if bijeenkomst.start < now:
        raise ValidationError(
            _("This occurrence is in the past and cannot be changed."), code="verleden"
        )


def bijeenkomst_annuleer(*, bijeenkomst: Bijeenkomst, notitie: str | None = None) -> Bijeenkomst:
    """Cancel one occurrence: its room is freed, its registrations are cancelled and
    their people mailed.

    Cancelling an occurrence that is already cancelled changes nothing. A rule change
    later keeps the cancellation as long as the occurrence still follows from the rule.
    """
    now = timezone.now()
    with transaction.atomic():
        b = lock_bijeenkomst(bijeenkomst)
        _refuse_past(b, now)
        if b.geannuleerd:
            return b
        b.geannuleerd = True
        if notitie is not None:
            b.notitie = notitie
        b.full_clean()
        b.save(update_fields=["geannuleerd", "notitie"])
        if b.reservering is not None and b.reservering.status == ReserveringStatus.BEVESTIGD:
            b.reservering = reservering_annuleer(reservering=b.reservering)
        registrants = active_registrations([b.pk]).get(b.pk, [])
        _cancel_registrations(registrants, now)
        notify_on_commit(tasks.mail_bijeenkomst_geannuleerd, registrants)
    return b


def bijeenkomst_verplaats(
    *, bijeenkomst: Bijeenkomst, start: datetime, eind: datetime, ruimte: Ruimte | None = None
) -> Bijeenkomst:
    """Move one occurrence to another time and, optionally, another room of the same place.

    The occurrence keeps its identity, registrations and note; its reservation moves with
    it through the locaties reservation service, and a clash with a confirmed
    reservation is refused with ``ReserveringConflict`` naming it. Registrants keep
    their places and are mailed the new details.
    """
    now = timezone.now()
    if timezone.is_naive(start) or timezone.is_naive(eind):
        raise ValidationError(_("Start and end need a time zone."), code="naive")
    if eind <= start:
        raise ValidationError(_("The end must be after the start."), code="eind")
    if start < now:
        raise ValidationError(_("An occurrence cannot be moved into the past."), code="verleden")
    with transaction.atomic():
        b = lock_bijeenkomst(bijeenkomst)
        activiteit = b.activiteit
        _refuse_past(b, now)
        if b.geannuleerd:
            raise ValidationError(_("A cancelled occurrence cannot be moved."), code="geannuleerd")
        if ruimte is not None and ruimte.locatie_id != activiteit.locatie_id:
            raise ValidationError({"ruimte": _("The room must be a room of the activity's meeting place.")})
        b.start, b.eind = start, eind
        b.verplaatst = not (start == b.origineel_start and eind == b.origineel_start + activiteit.duur)
        if ruimte is not None:
            b.ruimte = ruimte
            b.ruimte_afwijkend = ruimte.pk != activiteit.ruimte_id
        b.full_clean()
        if b.ruimte is not None:
            b.reservering = bezetting_verplaats(
                reservering=b.reservering, ruimte=b.ruimte, start=start, eind=eind,
                huurder_naam=activiteit.organisator.naam, opmerking=activiteit.titel,
            )
        b.save()
        notify_on_commit(tasks.mail_bijeenkomst_verplaatst, active_registrations([b.pk]).get(b.pk, []))
    return b


def bijeenkomst_registreer_aanwezigen(*, bijeenkomst: Bijeenkomst, aanwezigen: int) -> Bijeenkomst:
    """Record how many people came, once the occurrence has started."""
    if isinstance(aanwezigen, bool) or not isinstance(aanwezigen, int) or aanwezigen < 0:
        raise ValidationError(
            {"aanwezigen": _("Enter the number of people who came (0 or more).")}
        )
    with transaction.atomic():
        b = lock_bijeenkomst(bijeenkomst)
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


def bijeenkomst_registreer_presentie(
    *, bijeenkomst: Bijeenkomst, aanwezig: Iterable[int], zonder_aanmelding: int = 0
) -> tuple[int, int]:
    """Tick who came (``aanmeldingen_registreer_aanwezig``) and record the count as the
    people ticked plus ``zonder_aanmelding`` who came without registering, together or
    not at all; (people ticked, count)."""
    with transaction.atomic():
        mensen = aanmeldingen_registreer_aanwezig(bijeenkomst=bijeenkomst, aanwezig=aanwezig)
        totaal = mensen + zonder_aanmelding
        bijeenkomst_registreer_aanwezigen(bijeenkomst=bijeenkomst, aanwezigen=totaal)
    return mensen, totaal


def bijeenkomsten_registreer_aanwezigen(*, aantallen: dict[Bijeenkomst, int]) -> list[Bijeenkomst]:
    """Record the attendance of several occurrences at once (a week's quick entry): all or
    nothing. A refusal names each occurrence it concerns: a ValidationError whose
    ``error_dict`` is keyed by the occurrence's primary key."""
    errors = {}
    saved = []
    with transaction.atomic():
        for bijeenkomst, aanwezigen in aantallen.items():
            try:
                saved.append(bijeenkomst_registreer_aanwezigen(bijeenkomst=bijeenkomst, aanwezigen=aanwezigen))
            except ValidationError as error:
                errors[str(bijeenkomst.pk)] = error.messages
        if errors:
            raise ValidationError(errors)
    return saved


def aanmeldingen_registreer_aanwezig(*, bijeenkomst: Bijeenkomst, aanwezig: Iterable[int]) -> int:
    """Tick who came: the confirmed registrations named in ``aanwezig`` (their primary
    keys) were present, the other confirmed ones were not. Once the occurrence has
    started and if it was not cancelled, as ``bijeenkomst_registreer_aanwezigen``; the
    count stays as it was recorded. Returns how many people the ticks stand for (the
    sum of ``aantal`` of those present)."""
    wanted = {int(pk) for pk in aanwezig}
    with transaction.atomic():
        b = lock_bijeenkomst(bijeenkomst)
        if b.start > timezone.now():
            raise ValidationError(
                _("Attendance can be recorded once the occurrence has started."), code="toekomst"
            )
        if b.geannuleerd:
            raise ValidationError(
                _("This occurrence was cancelled; there is no attendance to record."),
                code="geannuleerd",
            )
        bevestigd = Aanmelding.objects.filter(bijeenkomst=b, status=AanmeldingStatus.BEVESTIGD)
        unknown = wanted - set(bevestigd.values_list("pk", flat=True))
        if unknown:
            raise ValidationError(_("Only confirmed registrations of this date can be ticked."), code="onbekend")
        bevestigd.filter(pk__in=wanted).update(aanwezig=True)
        bevestigd.exclude(pk__in=wanted).update(aanwezig=False)
        return sum(bevestigd.filter(pk__in=wanted).values_list("aantal", flat=True))
