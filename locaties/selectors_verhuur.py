"""Reads of room rentals: the dates a request asks for, whether each is available (past,
opening hours, closures, confirmed uses), a request as a whole (one date or a series),
the board's inbox, and a place's occupancy per day.

A request is its reservations: one, or all sharing a ``serie`` UUID. It is named by its
first reservation (the tenant's link, the inbox item).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timezones import AMSTERDAM

from .constants import ReserveringSoort, ReserveringStatus
from .models import Locatie, Openingstijd, Reservering, Ruimte, Sluiting, Tarief
from .services.reservering import bezetting_conflicts, occupied_range, reservering_conflict_message, tarief_geldig
from .tokens import verhuur_pk_from_token

#: The longest series one request may hold (a year of weeks).
MAX_DATA = 52
SECONDS_PER_DAY = 24 * 3600
SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY
OPEN_STATUSES = (ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD)


@dataclass
class Datum:
    """One date a request asks for, and why it is not available (empty: it is)."""

    start: datetime
    eind: datetime
    redenen: list[str] = field(default_factory=list)
    prijs: Decimal | None = None

    @property
    def beschikbaar(self) -> bool:
        return not self.redenen

    @property
    def dag(self) -> date:
        return timezone.localtime(self.start, AMSTERDAM).date()


def _local(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment).replace(tzinfo=AMSTERDAM)


def verhuur_momenten(
    *, datum: date, van: time, tot: time, interval_weken: int = 0, tot_datum: date | None = None
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of each date asked for: one date, or every ``interval_weken``
    weeks from ``datum`` up to and including ``tot_datum``, at the same wall-clock times
    (at most ``MAX_DATA``). An end at or before the start time ends the next day."""
    days = [datum]
    if interval_weken and tot_datum:
        step = timedelta(weeks=interval_weken)
        while len(days) < MAX_DATA and days[-1] + step <= tot_datum:
            days.append(days[-1] + step)
    extra = timedelta(days=1) if tot <= van else timedelta()
    return [(_local(day, van), _local(day + extra, tot)) for day in days]


def _seconds(moment) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _binnen(tijden: list[Openingstijd], start: datetime, eind: datetime) -> bool:
    """Whether one block of opening hours holds the whole use from start to eind."""
    local = timezone.localtime(start, AMSTERDAM)
    duur = (eind - start).total_seconds()
    second = local.weekday() * SECONDS_PER_DAY + _seconds(local)
    for tijd in tijden:
        begin = tijd.weekdag * SECONDS_PER_DAY + _seconds(tijd.van)
        lengte = (_seconds(tijd.tot) - _seconds(tijd.van)) % SECONDS_PER_DAY or SECONDS_PER_DAY
        offset = (second - begin) % SECONDS_PER_WEEK
        if offset < lengte and offset + duur <= lengte:
            return True
    return False


def _overlaps(a: DateTimeTZRange, b: DateTimeTZRange) -> bool:
    return (b.upper is None or a.lower < b.upper) and (a.upper is None or b.lower < a.upper)


def verhuur_beschikbaarheid(
    *, ruimte: Ruimte, momenten: list[tuple[datetime, datetime]], exclude_ids=()
) -> list[Datum]:
    """Per date asked for, the reasons it cannot be rented: in the past, outside the
    building's opening hours (a place without hours refuses none), in a closure, or
    clashing with a confirmed use of the room (named by time, never by tenant). Four
    queries whatever the number of dates."""
    if not momenten:
        return []
    locatie = ruimte.locatie
    tijden = list(Openingstijd.objects.filter(locatie=locatie))
    eerste = timezone.localtime(momenten[0][0], AMSTERDAM).date()
    laatste = timezone.localtime(momenten[-1][1], AMSTERDAM).date()
    sluitingen = list(Sluiting.objects.filter(locatie=locatie, van__lte=laatste, tot__gte=eerste))
    conflicten = bezetting_conflicts(gebruiken=[(ruimte, s, e) for s, e in momenten], exclude_ids=exclude_ids)
    now = timezone.now()
    data = []
    for start, eind in momenten:
        datum = Datum(start=start, eind=eind)
        if start <= now:
            datum.redenen.append(_("This time has passed."))
        if tijden and not _binnen(tijden, start, eind):
            datum.redenen.append(_("The building is not open for the whole time (see the opening hours)."))
        van = timezone.localtime(start, AMSTERDAM).date()
        tot = timezone.localtime(eind - timedelta(microseconds=1), AMSTERDAM).date()
        for sluiting in sluitingen:
            if sluiting.van <= tot and sluiting.tot >= van:
                datum.redenen.append(_("The building is closed: %(reason)s.") % {"reason": sluiting.reden})
        bezet = occupied_range(ruimte=ruimte, start=start, eind=eind)
        in_de_weg = [c for c in conflicten if _overlaps(bezet, c.bezet)]
        if in_de_weg:
            datum.redenen.append(reservering_conflict_message(in_de_weg, huurders=False))
        data.append(datum)
    return data


# --- a request as a whole -------------------------------------------------------------------


@dataclass
class Aanvraag:
    """A rental request: its reservations in order of time, named by the first."""

    reserveringen: list[Reservering]
    conflicten: dict[int, list[Reservering]] = field(default_factory=dict)

    @property
    def eerste(self) -> Reservering:
        return min(self.reserveringen, key=lambda r: r.pk)

    @property
    def ruimte(self) -> Ruimte:
        return self.eerste.ruimte

    @property
    def is_serie(self) -> bool:
        return len(self.reserveringen) > 1

    @property
    def open(self) -> list[Reservering]:
        return [r for r in self.reserveringen if r.status == ReserveringStatus.AANGEVRAAGD]

    @property
    def bevestigd(self) -> list[Reservering]:
        return [r for r in self.reserveringen if r.status == ReserveringStatus.BEVESTIGD]

    @property
    def groep(self) -> str:
        """nieuw (not opened yet), wachtend (opened, not decided) or besloten."""
        if not self.open:
            return "besloten"
        return "wachtend" if self.eerste.gezien_op else "nieuw"

    @property
    def totaal(self) -> Decimal:
        """The price of the dates still asked for or confirmed."""
        return sum(
            (r.prijs or Decimal(0) for r in self.reserveringen if r.status in OPEN_STATUSES), Decimal(0)
        )

    @property
    def met_conflict(self) -> list[Reservering]:
        return [r for r in self.open if self.conflicten.get(r.pk)]


def _request_of(reservering: Reservering) -> QuerySet[Reservering]:
    if reservering.serie:
        return Reservering.objects.filter(serie=reservering.serie)
    return Reservering.objects.filter(pk=reservering.pk)


def verhuur_aanvraag(*, reservering: Reservering, conflicten: bool = False) -> Aanvraag:
    """The request ``reservering`` belongs to; with ``conflicten`` the confirmed uses
    each open date clashes with (one query)."""
    rows = list(_request_of(reservering).select_related("ruimte__locatie__beheerder").order_by("periode"))
    aanvraag = Aanvraag(rows)
    if conflicten:
        _add_conflicts([aanvraag])
    return aanvraag


def _add_conflicts(aanvragen: list[Aanvraag]) -> None:
    gebruiken = [
        (r.ruimte, r.periode.lower, r.periode.upper) for a in aanvragen for r in a.open
    ]
    if not gebruiken:
        return
    gevonden = bezetting_conflicts(gebruiken=gebruiken)
    by_room = defaultdict(list)
    for c in gevonden:
        by_room[c.ruimte_id].append(c)
    for aanvraag in aanvragen:
        for r in aanvraag.open:
            bezet = occupied_range(ruimte=r.ruimte, start=r.periode.lower, eind=r.periode.upper)
            aanvraag.conflicten[r.pk] = [c for c in by_room[r.ruimte_id] if c.pk != r.pk and _overlaps(bezet, c.bezet)]


def verhuur_aanvraag_from_token(token: str) -> Aanvraag | None:
    """The request behind a tenant's link; None when the link is tampered with or too old."""
    pk = verhuur_pk_from_token(token)
    reservering = (
        Reservering.objects.filter(pk=pk, soort=ReserveringSoort.VERHUUR).first() if pk is not None else None
    )
    return None if reservering is None else verhuur_aanvraag(reservering=reservering)


def _rentals_of(organisatie) -> QuerySet[Reservering]:
    return Reservering.objects.filter(soort=ReserveringSoort.VERHUUR, ruimte__locatie__beheerder=organisatie)


def verhuur_aanvragen_for_organisatie(*, organisatie, besloten_dagen: int = 90) -> list[Aanvraag]:
    """The requests for the organisation's places: all still open, and those decided in
    the last ``besloten_dagen`` days; open dates with their clashes. Newest first."""
    since = timezone.now() - timedelta(days=besloten_dagen)
    open_keys = _rentals_of(organisatie).filter(status=ReserveringStatus.AANGEVRAAGD)
    rows = (
        _rentals_of(organisatie)
        .filter(
            Q(status=ReserveringStatus.AANGEVRAAGD) | Q(bijgewerkt__gte=since)
            | Q(serie__in=open_keys.exclude(serie=None).values("serie"))
        )
        .select_related("ruimte__locatie")
        .order_by("periode")
    )
    groups: dict[object, list[Reservering]] = defaultdict(list)
    for row in rows:
        groups[row.serie or row.pk].append(row)
    aanvragen = [Aanvraag(group) for group in groups.values()]
    _add_conflicts(aanvragen)
    return sorted(aanvragen, key=lambda a: a.eerste.aangemaakt, reverse=True)


def verhuur_open_count(*, organisatie) -> int:
    """How many requests for the organisation's places wait for an answer."""
    rows = _rentals_of(organisatie).filter(status=ReserveringStatus.AANGEVRAAGD)
    return len({serie or pk for pk, serie in rows.values_list("pk", "serie")})


# --- occupancy per day ---------------------------------------------------------------------------


@dataclass
class Dag:
    """One day of a place's occupancy: its opening hours, closures and per room the uses."""

    datum: date
    openingstijden: list[Openingstijd]
    sluitingen: list[Sluiting]
    ruimtes: list[tuple[Ruimte, list[Reservering]]]


def bezetting_week(*, locatie: Locatie, van: date, dagen: int = 7, statuses=OPEN_STATUSES) -> list[Dag]:
    """Per day from ``van`` the place's opening hours and closures, and per room the
    reservations (rentals and activities' occurrences, requested and confirmed) that
    start that day. Four queries, whatever the number of rooms and reservations."""
    tot = van + timedelta(days=dagen)
    ruimtes = list(Ruimte.objects.filter(locatie=locatie).order_by("naam"))
    tijden = list(Openingstijd.objects.filter(locatie=locatie).order_by("weekdag", "van"))
    sluitingen = list(Sluiting.objects.filter(locatie=locatie, van__lt=tot, tot__gte=van))
    span = DateTimeTZRange(_local(van, time(0)), _local(tot, time(0)), "[)")
    reserveringen = Reservering.objects.filter(
        ruimte__locatie=locatie, status__in=statuses, periode__overlap=span
    ).order_by("periode")
    per_dag_ruimte: dict[tuple[date, int], list[Reservering]] = defaultdict(list)
    for r in reserveringen:
        per_dag_ruimte[(timezone.localtime(r.periode.lower, AMSTERDAM).date(), r.ruimte_id)].append(r)
    by_pk = {ruimte.pk: ruimte for ruimte in ruimtes}
    for rows in per_dag_ruimte.values():
        for r in rows:
            r.ruimte = by_pk[r.ruimte_id]
            r.wissel_tot = r.bezet.upper if r.bezet.upper != r.periode.upper else None
    days = []
    for offset in range(dagen):
        day = van + timedelta(days=offset)
        days.append(Dag(
            datum=day,
            openingstijden=[t for t in tijden if t.weekdag == day.weekday()],
            sluitingen=[s for s in sluitingen if s.van <= day <= s.tot],
            ruimtes=[(ruimte, per_dag_ruimte.get((day, ruimte.pk), [])) for ruimte in ruimtes],
        ))
    return days


def verhuurbare_ruimtes(*, locatie: Locatie) -> QuerySet[Ruimte]:
    """A place's rooms for rent with their tariffs."""
    return Ruimte.objects.filter(locatie=locatie, verhuurbaar=True).prefetch_related(
        Prefetch("tarieven", queryset=Tarief.objects.order_by("categorie"))
    )


def tarieven_huidig(*, tarieven, dag: date | None = None) -> list[Tarief]:
    """Of a room's (prefetched) tariffs, per category the one valid on ``dag`` (default
    today), in the order of the categories; a category whose first price starts later is left out."""
    dag = dag or timezone.localdate()
    tarieven = list(tarieven)
    categorieen = dict.fromkeys(t.categorie for t in sorted(tarieven, key=lambda t: t.categorie))
    gevonden = (tarief_geldig(tarieven=tarieven, categorie=c, dag=dag) for c in categorieen)
    return [t for t in gevonden if t is not None]


def tarieven_aangekondigd(*, tarieven, dag: date | None = None) -> list[tuple[date, list[Tarief]]]:
    """Of a room's (prefetched) tariffs, those that start after ``dag`` (default today),
    per start date in order of time."""
    dag = dag or timezone.localdate()
    per_datum: dict[date, list[Tarief]] = defaultdict(list)
    for tarief in sorted(tarieven, key=lambda t: t.categorie):
        if tarief.geldig_vanaf and tarief.geldig_vanaf > dag:
            per_datum[tarief.geldig_vanaf].append(tarief)
    return sorted(per_datum.items())


def ruimte_feed_reserveringen(*, ruimte: Ruimte, dagen_terug: int = 90) -> QuerySet[Reservering]:
    """A room's confirmed and requested uses from ``dagen_terug`` days ago on, for its private feed."""
    since = timezone.now() - timedelta(days=dagen_terug)
    return Reservering.objects.filter(
        ruimte=ruimte, status__in=OPEN_STATUSES, periode__endswith__gte=since
    ).order_by("periode")


# --- use per room ---------------------------------------------------------------------------------


@dataclass
class Gebruik:
    """A room's use in one period: hours confirmed uses take against hours the building is open."""

    bezet_uren: Decimal
    open_uren: Decimal

    @property
    def procent(self) -> int | None:
        if not self.open_uren:
            return None
        return round(self.bezet_uren * 100 / self.open_uren)


def _open_hours(tijden: list[Openingstijd], sluitingen: list[Sluiting], van: date, tot: date) -> Decimal:
    per_weekdag = defaultdict(int)
    for tijd in tijden:
        per_weekdag[tijd.weekdag] += (_seconds(tijd.tot) - _seconds(tijd.van)) % SECONDS_PER_DAY or SECONDS_PER_DAY
    seconds, day = 0, van
    while day < tot:
        if not any(s.van <= day <= s.tot for s in sluitingen):
            seconds += per_weekdag[day.weekday()]
        day += timedelta(days=1)
    return Decimal(seconds) / Decimal(3600)


def ruimte_gebruik(*, locatie: Locatie, perioden: list[tuple[date, date]]) -> list[tuple[Ruimte, list[Gebruik]]]:
    """Per room of the place and per period [van, tot) the hours of confirmed uses
    (rentals and activities, changeover not counted, clipped to the period) against the
    hours the building is open (its hours, closures left out). Four queries, whatever
    the number of periods, rooms and uses; the figures stay when tenants' contact data
    is erased, for the annual report."""
    return ruimte_gebruik_per_locatie(locaties=[locatie], perioden=perioden)[locatie.pk]


def ruimte_gebruik_per_locatie(*, locaties, perioden: list[tuple[date, date]]) -> dict[int, list]:
    """``ruimte_gebruik`` for several places at once, keyed by place: four queries
    whatever the number of places."""
    pks = [locatie.pk for locatie in locaties]
    ruimtes = list(Ruimte.objects.filter(locatie__in=pks).order_by("naam", "pk"))
    tijden = defaultdict(list)
    for tijd in Openingstijd.objects.filter(locatie__in=pks):
        tijden[tijd.locatie_id].append(tijd)
    begin, eind = min(p[0] for p in perioden), max(p[1] for p in perioden)
    sluitingen = defaultdict(list)
    for sluiting in Sluiting.objects.filter(locatie__in=pks, van__lt=eind, tot__gte=begin):
        sluitingen[sluiting.locatie_id].append(sluiting)
    bounds = [DateTimeTZRange(_local(van, time(0)), _local(tot, time(0)), "[)") for van, tot in perioden]
    open_uren = {
        pk: [_open_hours(tijden[pk], sluitingen[pk], van, tot) for van, tot in perioden] for pk in pks
    }
    # Summed in PostgreSQL: a year of uses is thousands of rows.
    sums = ", ".join(
        "COALESCE(EXTRACT(EPOCH FROM SUM(upper(r.periode * %s) - lower(r.periode * %s)) "
        "FILTER (WHERE r.periode && %s)), 0)" for _ in bounds
    )
    params = [value for bound in bounds for value in (bound, bound, bound)]
    span = DateTimeTZRange(_local(begin, time(0)), _local(eind, time(0)), "[)")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.ruimte_id, {sums} FROM {Reservering._meta.db_table} r "  # noqa: S608 no user input
            f"JOIN {Ruimte._meta.db_table} k ON k.id = r.ruimte_id "
            "WHERE k.locatie_id = ANY(%s) AND r.status = %s AND r.periode && %s GROUP BY r.ruimte_id",
            [*params, pks, ReserveringStatus.BEVESTIGD, span],
        )
        per_ruimte = {row[0]: row[1:] for row in cursor.fetchall()}
    result = {pk: [] for pk in pks}
    for ruimte in ruimtes:
        seconds = per_ruimte.get(ruimte.pk, [0] * len(bounds))
        figures = [
            Gebruik(bezet_uren=(Decimal(sec) / Decimal(3600)).quantize(Decimal("0.1")), open_uren=uren_open)
            for sec, uren_open in zip(seconds, open_uren[ruimte.locatie_id], strict=True)
        ]
        result[ruimte.locatie_id].append((ruimte, figures))
    return result


def openingsuren_per_week(*, locaties) -> dict[int, Decimal]:
    """For the annual report: per place with opening hours, the hours it is open in a
    week as they stand now (closures not counted). One query."""
    per_locatie: dict[int, int] = defaultdict(int)
    for tijd in Openingstijd.objects.filter(locatie__in=[locatie.pk for locatie in locaties]):
        per_locatie[tijd.locatie_id] += (_seconds(tijd.tot) - _seconds(tijd.van)) % SECONDS_PER_DAY or SECONDS_PER_DAY
    return {pk: (Decimal(sec) / Decimal(3600)).quantize(Decimal("0.1")) for pk, sec in per_locatie.items()}


def bezet_per_ruimte(*, locatie: Locatie, dagen: int = 28) -> dict[int, list[dict]]:
    """For the public: per room of the place, the coming days on which it is taken
    (confirmed uses, times only) or the building is closed. Four queries for all rooms."""
    per_ruimte: dict[int, list[dict]] = defaultdict(list)
    for dag in bezetting_week(locatie=locatie, van=timezone.localdate(), dagen=dagen, statuses=(ReserveringStatus.BEVESTIGD,)):
        for ruimte, uses in dag.ruimtes:
            if uses or dag.sluitingen:
                per_ruimte[ruimte.pk].append({"datum": dag.datum, "sluitingen": dag.sluitingen, "bezet": uses})
    return dict(per_ruimte)


def verhuur_cijfers_per_locatie(*, locaties, van: datetime, tot: datetime) -> dict[int, dict]:
    """For the annual report: per place, the confirmed rental dates that begin in
    [van, tot) and the income (the sum of their prices; a date without a price adds
    nothing), in total and per tenant category (``per_categorie``: category code, ""
    when none was chosen, to (dates, income)). One query."""
    rows = (
        Reservering.objects.filter(
            ruimte__locatie__in=locaties, soort=ReserveringSoort.VERHUUR, status=ReserveringStatus.BEVESTIGD,
            periode__startswith__gte=van, periode__startswith__lt=tot,
        )
        .values("ruimte__locatie_id", "huurder_categorie")
        .annotate(verhuringen=Count("pk"), opbrengst=Coalesce(Sum("prijs"), Decimal(0)))
        .order_by()
    )
    result: dict[int, dict] = {}
    for row in rows:
        cijfers = result.setdefault(
            row["ruimte__locatie_id"], {"verhuringen": 0, "opbrengst": Decimal(0), "per_categorie": {}})
        cijfers["verhuringen"] += row["verhuringen"]
        cijfers["opbrengst"] += row["opbrengst"]
        cijfers["per_categorie"][row["huurder_categorie"]] = (row["verhuringen"], row["opbrengst"])
    return result
