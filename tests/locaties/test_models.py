"""The database itself refuses rows that break the domain's invariants."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from locaties.constants import ReserveringSoort, ReserveringStatus
from locaties.models import Locatie, Openingstijd, Reservering, Ruimte, Sluiting, Tarief

from .factories import (
    LocatieFactory,
    ReserveringFactory,
    RuimteFactory,
    TariefFactory,
    _next_monday_at,
)

pytestmark = pytest.mark.django_db


def test_opening_hours_cannot_be_empty():
    locatie = LocatieFactory()
    with pytest.raises(IntegrityError, match="openingstijd_not_empty"), transaction.atomic():
        Openingstijd.objects.create(locatie=locatie, weekdag=0, van=time(17), tot=time(17))


def test_a_closure_cannot_end_before_it_starts():
    locatie = LocatieFactory()
    day = _next_monday_at(9).date()
    with pytest.raises(IntegrityError, match="sluiting_end_after_start"), transaction.atomic():
        Sluiting.objects.create(locatie=locatie, van=day, tot=day - timedelta(days=1), reden="x")


def test_a_tariff_cannot_be_negative():
    ruimte = RuimteFactory()
    with pytest.raises(IntegrityError, match="tarief_price_not_negative"), transaction.atomic():
        Tarief.objects.create(ruimte=ruimte, categorie="commercieel", prijs_per_uur=Decimal("-1"))
    with pytest.raises(IntegrityError, match="tarief_minimum_not_negative"), transaction.atomic():
        TariefFactory(ruimte=ruimte, minimum_bedrag=Decimal("-0.01"))


def test_room_capacity_cannot_be_negative():
    locatie = LocatieFactory()
    with pytest.raises(IntegrityError, match="capaciteit"), transaction.atomic():
        Ruimte.objects.create(locatie=locatie, naam="Zaal", capaciteit=-1)


def test_a_reservation_cannot_be_empty_or_reversed():
    ruimte = RuimteFactory()
    start = _next_monday_at(19)
    with pytest.raises(IntegrityError, match="reservering_not_empty"), transaction.atomic():
        ReserveringFactory(ruimte=ruimte, start=start, eind=start)
    with pytest.raises(DataError, match="lower bound"), transaction.atomic():
        ReserveringFactory(ruimte=ruimte, start=start, eind=start - timedelta(hours=1))


def test_a_reservation_price_cannot_be_negative():
    with pytest.raises(IntegrityError, match="reservering_price_not_negative"), transaction.atomic():
        ReserveringFactory(prijs=Decimal("-5"))


def test_a_rental_names_its_tenant():
    with pytest.raises(IntegrityError, match="reservering_rental_has_tenant"), transaction.atomic():
        ReserveringFactory(soort=ReserveringSoort.VERHUUR, huurder_naam="")


class TestExclusionConstraint:
    """Confirmed reservations of one room never overlap, changeover included."""

    def setup_method(self):
        self.start = _next_monday_at(19)
        self.eind = self.start + timedelta(hours=2)

    def confirmed(self, ruimte, start, eind):
        return ReserveringFactory(ruimte=ruimte, start=start, eind=eind, status=ReserveringStatus.BEVESTIGD)

    def test_rejects_an_overlapping_confirmed_reservation(self):
        ruimte = RuimteFactory(wisseltijd_minuten=0)
        self.confirmed(ruimte, self.start, self.eind)
        with pytest.raises(IntegrityError, match="reservering_no_overlap_when_confirmed"), transaction.atomic():
            self.confirmed(ruimte, self.start + timedelta(hours=1), self.eind + timedelta(hours=1))

    def test_rejects_a_reservation_inside_the_changeover_time(self):
        ruimte = RuimteFactory(wisseltijd_minuten=30)
        self.confirmed(ruimte, self.start, self.eind)
        later = self.eind + timedelta(minutes=29)
        with pytest.raises(IntegrityError, match="reservering_no_overlap_when_confirmed"), transaction.atomic():
            self.confirmed(ruimte, later, later + timedelta(hours=1))

    def test_accepts_a_reservation_starting_exactly_after_the_changeover(self):
        ruimte = RuimteFactory(wisseltijd_minuten=30)
        self.confirmed(ruimte, self.start, self.eind)
        later = self.eind + timedelta(minutes=30)
        self.confirmed(ruimte, later, later + timedelta(hours=1))
        assert Reservering.objects.filter(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD).count() == 2

    def test_requests_and_other_rooms_may_overlap(self):
        ruimte = RuimteFactory()
        self.confirmed(ruimte, self.start, self.eind)
        ReserveringFactory(ruimte=ruimte, start=self.start, eind=self.eind)  # requested
        ReserveringFactory(ruimte=ruimte, start=self.start, eind=self.eind, status=ReserveringStatus.AFGEWEZEN)
        self.confirmed(RuimteFactory(locatie=ruimte.locatie), self.start, self.eind)
        assert Reservering.objects.count() == 4

    def test_the_constraint_covers_the_changeover_through_bezet_not_periode(self):
        # Guard: the periods themselves do not overlap, only the occupied ranges do.
        ruimte = RuimteFactory(wisseltijd_minuten=60)
        first = self.confirmed(ruimte, self.start, self.eind)
        second_period = DateTimeTZRange(self.eind + timedelta(minutes=10), self.eind + timedelta(hours=1), "[)")
        assert not (first.periode.upper > second_period.lower)
        with pytest.raises(IntegrityError), transaction.atomic():
            self.confirmed(ruimte, second_period.lower, second_period.upper)


class TestOpenOp:
    """``Locatie.objects.open_op(datum)``: the one definition of a place open on a day."""

    day = date(2026, 12, 1)

    def open_on(self, day, **dates):
        locatie = LocatieFactory(**dates)
        return Locatie.objects.open_op(day).filter(pk=locatie.pk).exists()

    def test_a_place_without_dates_is_open(self):
        assert self.open_on(self.day)

    def test_open_from_its_opening_day_not_the_day_before(self):
        assert self.open_on(self.day, open_sinds=self.day)
        assert not self.open_on(self.day, open_sinds=self.day + timedelta(days=1))

    def test_closed_from_its_closing_day_open_the_day_before(self):
        assert not self.open_on(self.day, gesloten_sinds=self.day)
        assert self.open_on(self.day, gesloten_sinds=self.day + timedelta(days=1))

    def test_a_place_closing_next_year_is_open_now(self):
        assert self.open_on(self.day, open_sinds=date(2020, 1, 1), gesloten_sinds=date(2027, 6, 1))

    def test_published_leaves_out_unpublished_places(self):
        shown, hidden = LocatieFactory(), LocatieFactory(gepubliceerd=False)
        published = set(Locatie.objects.published().open_op(self.day).values_list("pk", flat=True))
        assert shown.pk in published and hidden.pk not in published
