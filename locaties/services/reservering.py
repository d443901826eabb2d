"""Room reservations: rentals requested, confirmed, declined and cancelled.

The PostgreSQL exclusion constraint decides clashes between confirmed reservations;
these functions turn its refusal into a ``ReserveringConflict`` naming the clash.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from psycopg import errors as pg_errors

from core.exceptions import ConflictError
from core.privacy import ERASED, copies_erase
from core.timezones import AMSTERDAM

from ..constants import ReserveringSoort, ReserveringStatus, TariefCategorie
from ..models import (
    Reservering,
    Ruimte,
    Tarief,
)

EXCLUSION_CONSTRAINT = "reservering_no_overlap_when_confirmed"
# A clash message naming fifty dates helps nobody; name the first few and count the rest.
MAX_CONFLICTS_NAMED = 5

#: One planned use of a room: (room, start, end).
Gebruik = tuple[Ruimte, datetime, datetime]


class ReserveringConflict(ConflictError):
    """A reservation clashes with confirmed reservations of the same room.

    ``conflicten`` holds the clashing reservations so callers (the API answers 409) can
    name them: when and which room, never who.
    """

    problem_schema = {
        "conflicten": {
            "type": "array",
            "description": "De reserveringen die in de weg zitten (alleen bij 409).",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "ruimte": {"type": "integer"},
                    "start": {"type": "string", "format": "date-time"},
                    "eind": {"type": "string", "format": "date-time"},
                    "status": {"type": "string"},
                },
            },
        },
    }

    def __init__(self, message, conflicten: Iterable[Reservering] = ()):
        super().__init__(message, code="reservering_conflict")
        self.conflicten = list(conflicten)

    def problem_members(self) -> dict:
        return {
            "conflicten": [
                {
                    "id": reservering.pk,
                    "ruimte": reservering.ruimte_id,
                    "start": timezone.localtime(reservering.periode.lower).isoformat(),
                    "eind": timezone.localtime(reservering.periode.upper).isoformat(),
                    "status": reservering.status,
                }
                for reservering in self.conflicten
            ]
        }

    @classmethod
    def naming(cls, conflicten: Sequence[Reservering]) -> "ReserveringConflict":
        """The conflict with the message every clash gets: the first few named, the rest counted."""
        return cls(reservering_conflict_message(list(conflicten)), conflicten)


def _mail_after_commit(*, to: str, subject: str, body: str) -> None:
    # A rolled-back transaction must not have told anyone anything.
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def _format_moment(moment: datetime) -> str:
    return date_format(timezone.localtime(moment, AMSTERDAM), "l j F Y H:i")


def _describe(reservering: Reservering, *, huurders: bool) -> str:
    lower, upper = reservering.periode.lower, reservering.periode.upper
    # A rental's tenant may be a private person: named only where the place's own people
    # read the message (``huurders``), never to whoever asks for a room.
    if reservering.soort == ReserveringSoort.VERHUUR and not huurders:
        wie = _("a rental")
    else:
        wie = reservering.huurder_naam or _("an activity")
    return _("%(start)s–%(end)s (%(who)s)") % {
        "start": _format_moment(lower),
        "end": f"{timezone.localtime(upper, AMSTERDAM):%H:%M}",
        "who": wie,
    }


def _check_period(*, start: datetime, eind: datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(eind):
        raise ValidationError(_("Start and end need a time zone."), code="naive_datetime")
    if eind <= start:
        raise ValidationError({"eind": _("The end must be after the start.")}, code="end_before_start")


def tarief_geldig(*, tarieven: Iterable[Tarief], categorie: str, dag: date) -> Tarief | None:
    """Of a room's tariffs, the one for ``categorie`` valid on the local date ``dag``:
    the latest start on or before it (a tariff without a start counts from the beginning)."""
    geldig = [t for t in tarieven if t.categorie == categorie and (t.geldig_vanaf is None or t.geldig_vanaf <= dag)]
    return max(geldig, key=lambda t: t.geldig_vanaf or date.min, default=None)


def reservering_prijs(*, ruimte: Ruimte, start: datetime, eind: datetime, huurder_categorie: str) -> Decimal:
    """The rental price: real hours × the hourly price for the category valid on the
    start's date, at least that tariff's minimum.

    Hours are measured in real time, so a night across a daylight-saving change costs
    what it lasts. Rounded half up to cents. Reads the room's tariffs (no query when
    they are prefetched).
    """
    dag = timezone.localtime(start, AMSTERDAM).date()
    tarief = tarief_geldig(tarieven=ruimte.tarieven.all(), categorie=huurder_categorie, dag=dag)
    if tarief is None:
        raise ValidationError(
            {
                "huurder_categorie": _("%(room)s has no tariff for %(category)s on %(date)s.")
                % {"room": ruimte, "category": TariefCategorie(huurder_categorie).label, "date": date_format(dag, "j F Y")}
            },
            code="no_tariff",
        )
    uren = Decimal((eind - start) // timedelta(seconds=1)) / Decimal(3600)
    bedrag = max(uren * tarief.prijs_per_uur, tarief.minimum_bedrag)
    return bedrag.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _build_rental(
    *,
    ruimte: Ruimte,
    start: datetime,
    eind: datetime,
    huurder_naam: str,
    huurder_email: str,
    huurder_telefoon: str,
    huurder_categorie: str,
    opmerking: str,
    serie: uuid.UUID | None = None,
    doel: str = "",
    aantal_personen: int | None = None,
) -> Reservering:
    _check_period(start=start, eind=eind)
    if not ruimte.verhuurbaar:
        raise ValidationError(
            {"ruimte": _("%(room)s is not for rent.") % {"room": ruimte}}, code="not_for_rent"
        )
    if not huurder_naam.strip():
        raise ValidationError({"huurder_naam": _("Please give the tenant's name.")})
    if not (huurder_email.strip() or huurder_telefoon.strip()):
        raise ValidationError(
            _("Please give an e-mail address or a phone number, so the place can answer."),
            code="no_contact",
        )
    if huurder_categorie not in TariefCategorie.values:
        raise ValidationError({"huurder_categorie": _("Choose a tenant category.")})
    if start <= timezone.now():
        raise ValidationError({"start": _("A rental can only be requested for a time in the future.")})
    reservering = Reservering(
        ruimte=ruimte,
        soort=ReserveringSoort.VERHUUR,
        periode=DateTimeTZRange(start, eind, "[)"),
        bezet=occupied_range(ruimte=ruimte, start=start, eind=eind),
        status=ReserveringStatus.AANGEVRAAGD,
        huurder_naam=huurder_naam.strip(),
        huurder_email=huurder_email.strip(),
        huurder_telefoon=huurder_telefoon.strip(),
        huurder_categorie=huurder_categorie,
        prijs=reservering_prijs(ruimte=ruimte, start=start, eind=eind, huurder_categorie=huurder_categorie),
        serie=serie,
        opmerking=opmerking,
        doel=doel.strip(),
        aantal_personen=aantal_personen,
    )
    # The exclusion constraint is checked by PostgreSQL when confirming; full_clean
    # would only duplicate that query now.
    reservering.full_clean(validate_constraints=False)
    return reservering


def reservering_conflict_message(conflicten: list[Reservering], *, huurders: bool = False) -> str:
    """What a clash says: the room is taken, and when; the first few named, the rest counted.
    With ``huurders`` a rental is named by its tenant (for the place's own people)."""
    named = "; ".join(_describe(r, huurders=huurders) for r in conflicten[:MAX_CONFLICTS_NAMED])
    if len(conflicten) > MAX_CONFLICTS_NAMED:
        return _("The room is already booked at that time: %(list)s; and %(more)d more times.") % {
            "list": named, "more": len(conflicten) - MAX_CONFLICTS_NAMED,
        }
    return _("The room is already booked at that time: %(list)s.") % {"list": named}


def _is_overlap_violation(error: IntegrityError) -> bool:
    """Whether PostgreSQL refused a write because confirmed reservations would overlap."""
    cause = error.__cause__
    return isinstance(cause, pg_errors.ExclusionViolation) and cause.diag.constraint_name == EXCLUSION_CONSTRAINT


@transaction.atomic
def reservering_create(
    *,
    ruimte: Ruimte,
    start: datetime,
    eind: datetime,
    huurder_naam: str,
    huurder_email: str = "",
    huurder_telefoon: str = "",
    huurder_categorie: str,
    opmerking: str = "",
    doel: str = "",
    aantal_personen: int | None = None,
    melden: bool = True,
) -> Reservering:
    """Request a rental of a room; the price comes from the room's tariff.

    A request that already clashes with a confirmed reservation is refused at once
    with ``ReserveringConflict``; requests may overlap each other, confirmation decides.
    Without ``melden`` the place's address gets no mail (the caller tells whom it should).
    """
    reservering = _build_rental(
        ruimte=ruimte, start=start, eind=eind, huurder_naam=huurder_naam,
        huurder_email=huurder_email, huurder_telefoon=huurder_telefoon,
        huurder_categorie=huurder_categorie, opmerking=opmerking, doel=doel, aantal_personen=aantal_personen,
    )
    conflicten = list(reservering_conflicts(ruimte=ruimte, start=start, eind=eind))
    if conflicten:
        raise ReserveringConflict.naming(conflicten)
    reservering.save()
    if not melden:
        return reservering
    _mail_after_commit(
        to=ruimte.locatie.email,
        subject=_("New rental request for %(room)s") % {"room": ruimte},
        body=_("%(who)s asks to rent %(room)s on %(when)s. Price: € %(price)s.")
        % {"who": reservering.huurder_naam, "room": ruimte, "when": _describe(reservering, huurders=True), "price": reservering.prijs},
    )
    return reservering


@transaction.atomic
def reservering_serie_create(
    *,
    ruimte: Ruimte,
    start: datetime,
    eind: datetime,
    aantal_weken: int,
    huurder_naam: str,
    huurder_email: str = "",
    huurder_telefoon: str = "",
    huurder_categorie: str,
    opmerking: str = "",
    interval_weken: int = 1,
    overslaan: Iterable = (),
    doel: str = "",
    aantal_personen: int | None = None,
) -> list[Reservering]:
    """Request a weekly rental: ``aantal_weken`` reservations sharing one ``serie`` UUID.

    Wall-clock times stay the same in Europe/Amsterdam across daylight-saving changes
    (every Tuesday 19:00–21:00, summer and winter). Every ``interval_weken`` weeks (2:
    every other week); the local dates in ``overslaan`` are left out (the tenant dropped
    them). All or nothing: if any remaining date clashes with a confirmed reservation,
    nothing is created and the clashing dates are named.
    """
    if not 1 <= aantal_weken <= 52:
        raise ValidationError({"aantal_weken": _("A series runs from 1 to 52 weeks.")})
    if interval_weken not in (1, 2):
        raise ValidationError({"interval_weken": _("A series runs every week or every two weeks.")})
    _check_period(start=start, eind=eind)
    serie = uuid.uuid4()
    overslaan = set(overslaan)
    local_start = start.astimezone(AMSTERDAM).replace(tzinfo=None)
    local_eind = eind.astimezone(AMSTERDAM).replace(tzinfo=None)
    reserveringen, clashes = [], []
    for week in range(0, aantal_weken * interval_weken, interval_weken):
        week_start = (local_start + timedelta(weeks=week)).replace(tzinfo=AMSTERDAM)
        week_eind = (local_eind + timedelta(weeks=week)).replace(tzinfo=AMSTERDAM)
        if week_start.date() in overslaan:
            continue
        reservering = _build_rental(
            ruimte=ruimte, start=week_start, eind=week_eind, huurder_naam=huurder_naam,
            huurder_email=huurder_email, huurder_telefoon=huurder_telefoon,
            huurder_categorie=huurder_categorie, opmerking=opmerking, serie=serie,
            doel=doel, aantal_personen=aantal_personen,
        )
        clashes += reservering_conflicts(ruimte=ruimte, start=week_start, eind=week_eind)
        reserveringen.append(reservering)
    if not reserveringen:
        raise ValidationError(_("Every date of the series is left out: there is nothing to request."), code="empty_series")
    if clashes:
        raise ReserveringConflict.naming(clashes)
    Reservering.objects.bulk_create(reserveringen)
    return reserveringen


def _locked(reservering: Reservering) -> Reservering:
    return Reservering.objects.select_for_update().select_related("ruimte__locatie").get(pk=reservering.pk)


def _require_status(reservering: Reservering, allowed: set[str], action: str) -> None:
    if reservering.status not in allowed:
        raise ValidationError(
            _("A reservation that is %(status)s cannot be %(action)s.")
            % {"status": reservering.get_status_display().lower(), "action": action},
            code="wrong_status",
        )


@transaction.atomic
def reservering_bevestig(*, reservering: Reservering, melden: bool = True) -> Reservering:
    """Confirm a requested reservation.

    No check-then-write here: PostgreSQL's exclusion constraint decides, so two
    managers confirming clashing requests at the same moment cannot both succeed. Its
    violation becomes ``ReserveringConflict`` naming the reservation(s) in the way.
    """
    locked = _locked(reservering)
    _require_status(locked, {ReserveringStatus.AANGEVRAAGD}, _("confirmed"))
    start, eind = locked.periode.lower, locked.periode.upper
    # The room's changeover time may have changed since the request.
    locked.bezet = occupied_range(ruimte=locked.ruimte, start=start, eind=eind)
    locked.status = ReserveringStatus.BEVESTIGD
    try:
        with transaction.atomic():
            locked.save(update_fields=["status", "bezet", "bijgewerkt"])
    except IntegrityError as error:
        if not _is_overlap_violation(error):
            raise
        # The clashing transaction has committed by now (PostgreSQL waited for it),
        # so this fresh query sees it.
        conflicten = list(
            reservering_conflicts(ruimte=locked.ruimte, start=start, eind=eind, exclude_ids=[locked.pk])
        )
        raise ReserveringConflict.naming(conflicten) from error
    reservering.status, reservering.bezet = locked.status, locked.bezet
    if not melden:
        return locked
    _mail_after_commit(
        to=locked.huurder_email,
        subject=_("Your reservation of %(room)s is confirmed") % {"room": locked.ruimte},
        body=_("Your reservation on %(when)s is confirmed. Price: € %(price)s.")
        % {"when": _describe(locked, huurders=True), "price": locked.prijs},
    )
    return locked


@transaction.atomic
def reservering_afwijs(*, reservering: Reservering, reden: str = "") -> Reservering:
    """Decline a requested reservation, optionally telling the tenant why."""
    locked = _locked(reservering)
    _require_status(locked, {ReserveringStatus.AANGEVRAAGD}, _("declined"))
    locked.status = ReserveringStatus.AFGEWEZEN
    locked.save(update_fields=["status", "bijgewerkt"])
    reservering.status = locked.status
    _mail_after_commit(
        to=locked.huurder_email,
        subject=_("Your reservation request for %(room)s") % {"room": locked.ruimte},
        body=_("We cannot accept your request for %(when)s.") % {"when": _describe(locked, huurders=True)}
        + (f"\n\n{reden}" if reden else ""),
    )
    return locked


@transaction.atomic
def reservering_annuleer(*, reservering: Reservering) -> Reservering:
    """Cancel a requested or confirmed reservation; the room is free again at once."""
    locked = _locked(reservering)
    _require_status(
        locked, {ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD}, _("cancelled")
    )
    locked.status = ReserveringStatus.GEANNULEERD
    locked.save(update_fields=["status", "bijgewerkt"])
    reservering.status = locked.status
    _mail_after_commit(
        to=locked.huurder_email,
        subject=_("Your reservation of %(room)s is cancelled") % {"room": locked.ruimte},
        body=_("The reservation on %(when)s is cancelled.") % {"when": _describe(locked, huurders=True)},
    )
    return locked


def occupied_range(*, ruimte: Ruimte, start: datetime, eind: datetime) -> DateTimeTZRange:
    """The time a use of the room blocks it: the use itself plus the room's changeover time."""
    return DateTimeTZRange(start, eind + timedelta(minutes=ruimte.wisseltijd_minuten), "[)")


def reservering_conflicts(
    *, ruimte: Ruimte, start: datetime, eind: datetime, exclude_ids=()
) -> QuerySet[Reservering]:
    """Confirmed reservations of the room that a use from start to eind would clash with."""
    return (
        Reservering.objects.filter(
            ruimte=ruimte,
            status=ReserveringStatus.BEVESTIGD,
            bezet__overlap=occupied_range(ruimte=ruimte, start=start, eind=eind),
        )
        .exclude(pk__in=exclude_ids)
        .order_by("periode")
    )


def _overlaps(a: DateTimeTZRange, b: DateTimeTZRange) -> bool:
    # Both half-open [lower, upper); a missing bound is unbounded.
    return (b.upper is None or a.lower < b.upper) and (a.upper is None or b.lower < a.upper)


def bezetting_conflicts(*, gebruiken: Iterable[Gebruik], exclude_ids: Iterable[int] = ()) -> list[Reservering]:
    """Confirmed reservations that any of the planned uses would clash with, changeover
    included, in order of time; one query per room whatever the number of uses. For
    checking many uses at once (an activity's schedule) before ``bezetting_boek``."""
    by_room: dict[int, list[DateTimeTZRange]] = defaultdict(list)
    for ruimte, start, eind in gebruiken:
        by_room[ruimte.pk].append(occupied_range(ruimte=ruimte, start=start, eind=eind))
    exclude_ids = list(exclude_ids)
    clashes: dict[int, Reservering] = {}
    for ruimte_id, ranges in by_room.items():
        span = DateTimeTZRange(min(r.lower for r in ranges), max(r.upper for r in ranges), "[)")
        candidates = Reservering.objects.filter(
            ruimte_id=ruimte_id, status=ReserveringStatus.BEVESTIGD, bezet__overlap=span
        ).exclude(pk__in=exclude_ids)
        for candidate in candidates:
            if any(_overlaps(wanted, candidate.bezet) for wanted in ranges):
                clashes[candidate.pk] = candidate
    return sorted(clashes.values(), key=lambda r: r.periode.lower)


def _bezetting(*, ruimte: Ruimte, start: datetime, eind: datetime, huurder_naam: str, opmerking: str) -> Reservering:
    _check_period(start=start, eind=eind)
    return Reservering(
        ruimte=ruimte,
        soort=ReserveringSoort.BIJEENKOMST,
        periode=DateTimeTZRange(start, eind, "[)"),
        bezet=occupied_range(ruimte=ruimte, start=start, eind=eind),
        status=ReserveringStatus.BEVESTIGD,
        huurder_naam=huurder_naam[:200],
        opmerking=opmerking,
    )


def _refuse_overlap(error: IntegrityError, gebruiken: Sequence[Gebruik], exclude_ids: Iterable[int]) -> None:
    """Turn the exclusion constraint's refusal into ``ReserveringConflict`` naming what is
    there now (the clashing transaction has committed: PostgreSQL waited for it)."""
    if not _is_overlap_violation(error):
        raise error
    conflicten = bezetting_conflicts(gebruiken=gebruiken, exclude_ids=exclude_ids)
    if conflicten:
        raise ReserveringConflict.naming(conflicten) from error
    raise ReserveringConflict(_("Two of these uses of the room would overlap each other."), []) from error


@transaction.atomic
def bezetting_boek(
    *,
    gebruiken: Sequence[Gebruik],
    huurder_naam: str,
    opmerking: str = "",
    vrijgeven: Iterable[int] = (),
    annuleren: Iterable[int] = (),
) -> list[Reservering]:
    """Occupy rooms for an activity's occurrences: one confirmed reservation (soort
    bijeenkomst, no price) per use, returned in the order of ``gebruiken``.

    First the reservations in ``vrijgeven`` are deleted (their occurrence no longer uses
    them) and those in ``annuleren`` cancelled (their occurrence is cancelled). No
    check-then-write: as in ``reservering_bevestig`` the exclusion constraint decides,
    and its refusal becomes ``ReserveringConflict`` naming the clash; nothing of the
    call is saved then. Callers check first with ``bezetting_conflicts`` to name every
    clash at once.
    """
    vrijgeven, annuleren = list(vrijgeven), list(annuleren)
    reserveringen = [
        _bezetting(ruimte=ruimte, start=start, eind=eind, huurder_naam=huurder_naam, opmerking=opmerking)
        for ruimte, start, eind in gebruiken
    ]
    try:
        with transaction.atomic():
            if vrijgeven:
                Reservering.objects.filter(pk__in=vrijgeven).delete()
            if annuleren:
                Reservering.objects.filter(pk__in=annuleren, status=ReserveringStatus.BEVESTIGD).update(
                    status=ReserveringStatus.GEANNULEERD, bijgewerkt=timezone.now()
                )
            if reserveringen:
                reserveringen = Reservering.objects.bulk_create(reserveringen)
    except IntegrityError as error:
        _refuse_overlap(error, gebruiken, vrijgeven + annuleren)
    return reserveringen


@transaction.atomic
def bezetting_verplaats(
    *, reservering: Reservering | None, ruimte: Ruimte, start: datetime, eind: datetime,
    huurder_naam: str, opmerking: str = "",
) -> Reservering:
    """Move an occurrence's reservation (or make one, when it had none) to ``ruimte``
    from ``start`` to ``eind``, confirmed. A clash with another confirmed reservation
    is refused with ``ReserveringConflict`` naming it, under any concurrency."""
    if reservering is not None and reservering.soort != ReserveringSoort.BIJEENKOMST:
        raise ValueError("bezetting_verplaats moves an occurrence's reservation, not a rental")
    own = [reservering.pk] if reservering is not None else []
    conflicten = list(reservering_conflicts(ruimte=ruimte, start=start, eind=eind, exclude_ids=own))
    if conflicten:
        raise ReserveringConflict.naming(conflicten)
    moved = _bezetting(ruimte=ruimte, start=start, eind=eind, huurder_naam=huurder_naam, opmerking=opmerking)
    if reservering is not None:  # the same row, so what refers to it stays
        for name in ("ruimte", "periode", "bezet", "status", "huurder_naam", "opmerking"):
            setattr(reservering, name, getattr(moved, name))
        moved = reservering
    try:
        with transaction.atomic():
            moved.save()
    except IntegrityError as error:
        _refuse_overlap(error, [(ruimte, start, eind)], own)
    return moved


@transaction.atomic
def reserveringen_erase_contact(*, before: datetime | None = None) -> int:
    """Erase tenants' name, e-mail, phone and note of rentals that ended before ``before``.

    ``before`` defaults to ``settings.RESERVERING_RETENTION_DAYS`` ago; declined and
    cancelled requests count from the end they asked for. Room, period, category, price
    and status stay, for the occupancy figures; the name becomes ``[gewist]`` (a rental
    always names its tenant). The same values go from the admin's history and the task
    queue. Returns how many rentals were erased.
    """
    now = timezone.now()
    if before is None:
        before = now - timedelta(days=settings.RESERVERING_RETENTION_DAYS)
    rows = list(
        Reservering.objects.select_for_update()
        .filter(soort=ReserveringSoort.VERHUUR, periode__endswith__lt=before, contact_gewist_op__isnull=True)
        .values_list("pk", "huurder_naam", "huurder_email", "huurder_telefoon")
    )
    if not rows:
        return 0
    pks = [row[0] for row in rows]
    Reservering.objects.filter(pk__in=pks).update(
        huurder_naam=ERASED, huurder_email="", huurder_telefoon="", opmerking="", besluit_reden="",
        contact_gewist_op=now,
    )
    copies_erase(values=[value for row in rows for value in row[1:]], objects={Reservering: pks})
    return len(pks)
