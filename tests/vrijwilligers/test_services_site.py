"""The services behind the volunteers' own pages and the roster: signing up through a
vacancy, taking and giving back a shift, weekly shifts, and what the selectors show."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from activiteiten.services import bijeenkomst_annuleer
from core.timezones import AMSTERDAM
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import LocatieFactory
from tests.vrijwilligers.factories import DienstFactory, VacatureFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.selectors import (
    dienst_list_for_vrijwilliger,
    dienst_list_open,
    dienst_list_open_for_vrijwilliger,
    dienst_list_week,
    vrijwilliger_from_token,
)
from vrijwilligers.services import (
    diensten_create,
    inzet_afmeld_door_vrijwilliger,
    inzet_create,
    inzet_create_door_vrijwilliger,
    vrijwilliger_accepteer,
    vrijwilliger_erase,
    vrijwilliger_registreer,
)
from vrijwilligers.tokens import vrijwilliger_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie():
    return LocatieFactory()


@pytest.fixture
def persoon(locatie):
    return VrijwilligerFactory(organisaties=[locatie.beheerder])


def test_signing_up_needs_consent_and_an_open_vacancy(locatie):
    vacature = VacatureFactory(organisatie=locatie.beheerder, gepubliceerd=True)
    with pytest.raises(ValidationError) as error:
        vrijwilliger_registreer(vacature=vacature, naam="Kees", email="kees@example.nl", toestemming=False)
    assert "toestemming_op" in error.value.error_dict
    vacature.sluit_op = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError, match="not open any more"):
        vrijwilliger_registreer(vacature=vacature, naam="Kees", email="kees@example.nl", toestemming=True)


def test_signing_up_mails_only_after_the_commit(locatie, django_capture_on_commit_callbacks):
    vacature = VacatureFactory(organisatie=locatie.beheerder, gepubliceerd=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        persoon = vrijwilliger_registreer(vacature=vacature, naam="Kees", email="kees@example.nl", toestemming=True)
    assert not mail.outbox
    for callback in callbacks:
        callback()
    assert mail.outbox[0].to == ["kees@example.nl"]
    assert vrijwilliger_token(persoon) in mail.outbox[0].body


def test_the_token_finds_the_volunteer_until_erased(persoon):
    token = vrijwilliger_token(persoon)
    assert vrijwilliger_from_token(token) == persoon
    assert vrijwilliger_from_token(token + "x") is None
    vrijwilliger_erase(vrijwilliger=persoon)
    assert vrijwilliger_from_token(token) is None


def test_a_volunteer_takes_a_coming_shift_of_their_own_organisation(persoon, locatie):
    dienst = DienstFactory(locatie=locatie)
    inzet = inzet_create_door_vrijwilliger(dienst=dienst, vrijwilliger=persoon)
    assert inzet.status == InzetStatus.INGEPLAND
    with pytest.raises(ValidationError, match="do not volunteer for"):
        inzet_create_door_vrijwilliger(dienst=DienstFactory(), vrijwilliger=persoon)
    begonnen = DienstFactory(locatie=locatie, start=timezone.now() - timedelta(hours=1),
                             eind=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError, match="already started"):
        inzet_create_door_vrijwilliger(dienst=begonnen, vrijwilliger=persoon)


def test_the_shift_of_a_cancelled_occurrence_is_not_open_and_cannot_be_taken(persoon, locatie):
    activiteit = make_activiteit(locatie=locatie)
    bijeenkomst = activiteit.bijeenkomsten.filter(start__gt=timezone.now()).order_by("start").first()
    dienst = DienstFactory(locatie=locatie, bijeenkomst=bijeenkomst, start=bijeenkomst.start, eind=bijeenkomst.eind)
    assert dienst in dienst_list_open()
    bijeenkomst_annuleer(bijeenkomst=bijeenkomst, notitie="Ziek")
    assert dienst not in dienst_list_open()
    with pytest.raises(ValidationError, match="cancelled"):
        inzet_create_door_vrijwilliger(dienst=dienst, vrijwilliger=persoon)


def test_open_shifts_for_a_volunteer_leave_out_their_own_and_other_organisations(persoon, locatie):
    open_dienst = DienstFactory(locatie=locatie)
    eigen = DienstFactory(locatie=locatie, start=open_dienst.start + timedelta(days=1),
                          eind=open_dienst.eind + timedelta(days=1))
    DienstFactory()  # elsewhere
    DienstFactory(locatie=locatie, start=timezone.now() + timedelta(weeks=10),
                  eind=timezone.now() + timedelta(weeks=10, hours=2))  # too far ahead
    inzet_create(dienst=eigen, vrijwilliger=persoon)
    assert list(dienst_list_open_for_vrijwilliger(vrijwilliger=persoon)) == [open_dienst]
    assert [i.dienst for i in dienst_list_for_vrijwilliger(vrijwilliger=persoon)] == [eigen]


def test_giving_back_within_24_hours_is_flagged(persoon, locatie):
    dienst = DienstFactory(locatie=locatie, start=timezone.now() + timedelta(hours=3),
                           eind=timezone.now() + timedelta(hours=5))
    inzet = inzet_afmeld_door_vrijwilliger(inzet=inzet_create(dienst=dienst, vrijwilliger=persoon))
    assert inzet.status == InzetStatus.AFGEMELD and inzet.laat
    later = DienstFactory(locatie=locatie)
    assert not inzet_afmeld_door_vrijwilliger(inzet=inzet_create(dienst=later, vrijwilliger=persoon)).laat


def test_a_started_shift_cannot_be_given_back_from_the_page(persoon, locatie):
    dienst = DienstFactory(locatie=locatie, start=timezone.now() + timedelta(hours=1),
                           eind=timezone.now() + timedelta(hours=3))
    inzet = inzet_create(dienst=dienst, vrijwilliger=persoon)
    dienst.start = timezone.now() - timedelta(minutes=5)
    dienst.save()
    with pytest.raises(ValidationError, match="already started"):
        inzet_afmeld_door_vrijwilliger(inzet=inzet)


@pytest.mark.frozen_at("2027-03-10 12:00")
def test_weekly_shifts_keep_their_wall_clock_time_across_daylight_saving(locatie):
    diensten = diensten_create(locatie=locatie, taak=Taak.BAR, datum=date(2027, 3, 20),
                               begintijd=time(10, 0), eindtijd=time(13, 0), weken=3)
    assert [timezone.localtime(d.start, AMSTERDAM).time() for d in diensten] == [time(10, 0)] * 3
    assert [timezone.localtime(d.start, AMSTERDAM).date() for d in diensten] == [
        date(2027, 3, 20), date(2027, 3, 27), date(2027, 4, 3)]
    assert diensten[0].start.utcoffset() != diensten[2].start.utcoffset()


def test_weekly_shifts_are_bounded(locatie):
    with pytest.raises(ValidationError) as error:
        diensten_create(locatie=locatie, taak=Taak.BAR, datum=date(2027, 3, 20), begintijd=time(10, 0),
                        eindtijd=time(13, 0), weken=0)
    assert "weken" in error.value.error_dict
    with pytest.raises(ValidationError):
        diensten_create(locatie=locatie, taak=Taak.BAR, datum=date(2027, 3, 20), begintijd=time(13, 0),
                        eindtijd=time(10, 0))


def test_the_week_of_a_place_comes_with_who_is_on(persoon, locatie, django_assert_num_queries):
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=1)
    for n in range(5):
        dienst = DienstFactory(locatie=locatie, start=start + timedelta(hours=n), eind=start + timedelta(hours=n + 1))
        inzet_create(dienst=dienst, vrijwilliger=persoon)
    with django_assert_num_queries(2):
        week = list(dienst_list_week(locatie=locatie, van=start, tot=start + timedelta(days=7)))
        assert all(d.bezet == 1 and d.actieve_inzetten[0].vrijwilliger == persoon for d in week)


def test_a_sign_up_from_the_site_takes_no_shift_before_it_is_accepted(locatie):
    vacature = VacatureFactory(organisatie=locatie.beheerder, gepubliceerd=True)
    persoon = vrijwilliger_registreer(vacature=vacature, naam="Kees", email="kees@example.nl", toestemming=True)
    assert persoon.geaccepteerd_op is None
    dienst = DienstFactory(locatie=locatie)
    assert list(dienst_list_open_for_vrijwilliger(vrijwilliger=persoon)) == []
    with pytest.raises(ValidationError, match="first looks at your sign-up"):
        inzet_create_door_vrijwilliger(dienst=dienst, vrijwilliger=persoon)
    persoon = vrijwilliger_accepteer(vrijwilliger=persoon)
    assert list(dienst_list_open_for_vrijwilliger(vrijwilliger=persoon)) == [dienst]
    with pytest.raises(ValidationError, match="already accepted"):
        vrijwilliger_accepteer(vrijwilliger=persoon)
