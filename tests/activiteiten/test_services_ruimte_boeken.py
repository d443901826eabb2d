"""Booking a room for an activity's date (``bijeenkomst_boek_ruimte``): the date takes the
room at its own time and holds it in the room's occupancy; a clash is refused naming it
and changes nothing; for every date the room becomes the activity's room."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from activiteiten.services import bijeenkomst_boek_ruimte
from locaties.constants import ReserveringSoort, ReserveringStatus
from locaties.models import Reservering
from locaties.services import ReserveringConflict, reservering_bevestig
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import LocatieFactory, ReserveringFactory, RuimteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie():
    return LocatieFactory()


@pytest.fixture
def zaal(locatie):
    return RuimteFactory(locatie=locatie, naam="Grote zaal", wisseltijd_minuten=15)


@pytest.fixture
def activiteit(locatie):
    return make_activiteit(locatie=locatie, titel="Taalcafé")


def _eerste(activiteit):
    return activiteit.bijeenkomsten.order_by("start").first()


def test_a_date_without_a_room_takes_the_room_at_its_own_time(activiteit, zaal):
    datum = _eerste(activiteit)
    geboekt = bijeenkomst_boek_ruimte(bijeenkomst=datum, ruimte=zaal)
    assert (geboekt.ruimte, geboekt.start, geboekt.eind, geboekt.ruimte_afwijkend) == (zaal, datum.start, datum.eind, True)
    reservering = Reservering.objects.get()
    assert (reservering.soort, reservering.status, reservering.ruimte) == (ReserveringSoort.BIJEENKOMST, ReserveringStatus.BEVESTIGD, zaal)
    assert (reservering.periode.lower, reservering.periode.upper) == (datum.start, datum.eind)
    assert reservering.bezet.upper == datum.eind + timedelta(minutes=15)  # changeover included
    assert activiteit.bijeenkomsten.exclude(pk=datum.pk).filter(ruimte__isnull=False).count() == 0


def test_a_booked_date_keeps_a_rental_out(activiteit, zaal):
    datum = bijeenkomst_boek_ruimte(bijeenkomst=_eerste(activiteit), ruimte=zaal)
    huur = ReserveringFactory(ruimte=zaal, start=datum.eind, huurder_naam="Zangkoor")  # in the changeover
    with pytest.raises(ReserveringConflict):
        reservering_bevestig(reservering=huur)


def test_a_clash_with_a_rental_is_refused_naming_it_and_changes_nothing(activiteit, zaal):
    datum = _eerste(activiteit)
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=datum.start + timedelta(hours=1), huurder_naam="Familie Jansen"))
    with pytest.raises(ReserveringConflict) as error:
        bijeenkomst_boek_ruimte(bijeenkomst=datum, ruimte=zaal)
    assert "The room is already booked at that time" in error.value.message
    assert [c.huurder_naam for c in error.value.conflicten] == ["Familie Jansen"]
    datum.refresh_from_db()
    assert datum.ruimte is None and datum.reservering is None


def test_every_date_makes_it_the_activitys_room(activiteit, zaal):
    datum = _eerste(activiteit)
    bijeenkomst_boek_ruimte(bijeenkomst=datum, ruimte=zaal, alle=True)
    activiteit.refresh_from_db()
    assert activiteit.ruimte == zaal
    dates = list(activiteit.bijeenkomsten.all())
    assert dates and all(b.ruimte == zaal and b.reservering.status == ReserveringStatus.BEVESTIGD for b in dates)


def test_every_date_is_refused_whole_when_one_clashes(activiteit, zaal):
    later = activiteit.bijeenkomsten.order_by("start")[3]
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=later.start, huurder_naam="Familie Jansen"))
    with pytest.raises(ReserveringConflict):
        bijeenkomst_boek_ruimte(bijeenkomst=_eerste(activiteit), ruimte=zaal, alle=True)
    activiteit.refresh_from_db()
    assert activiteit.ruimte is None
    assert not Reservering.objects.filter(soort=ReserveringSoort.BIJEENKOMST).exists()


def test_a_room_of_another_place_is_refused(activiteit):
    with pytest.raises(ValidationError):
        bijeenkomst_boek_ruimte(bijeenkomst=_eerste(activiteit), ruimte=RuimteFactory())
