"""The one definition of "places left / full": ``Bijeenkomst.objects.with_plaatsen()``."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activiteiten.constants import ActiviteitSoort
from activiteiten.models import Bijeenkomst
from activiteiten.selectors import locatie_has_open_inloop
from activiteiten.services import aanmelding_annuleer, aanmelding_cancel_token, aanmelding_create, bijeenkomst_annuleer

from .factories import make_activiteit, make_activiteit_met_aanmelding

pytestmark = pytest.mark.django_db


def plaatsen(bijeenkomst):
    b = Bijeenkomst.objects.with_plaatsen().get(pk=bijeenkomst.pk)
    return b.bezette_plaatsen, b.plaatsen_vrij, b.vol


def first(activiteit):
    return activiteit.bijeenkomsten.order_by("start").first()


def test_without_registration_or_limit_there_is_no_count_of_places():
    assert plaatsen(first(make_activiteit())) == (0, None, False)
    assert plaatsen(first(make_activiteit(aanmelding="gewenst"))) == (0, None, False)


def test_confirmed_people_count_the_waiting_list_and_cancellations_do_not():
    bijeenkomst = first(make_activiteit_met_aanmelding(capaciteit=3))
    assert plaatsen(bijeenkomst) == (0, 3, False)
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Ans", email="ans@example.nl", aantal=2)
    assert plaatsen(bijeenkomst) == (2, 1, False)
    bob = aanmelding_create(bijeenkomst=bijeenkomst, naam="Bob", email="bob@example.nl")
    assert plaatsen(bijeenkomst) == (3, 0, True)
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Cor", email="cor@example.nl", aantal=2)  # waiting list
    assert plaatsen(bijeenkomst) == (3, 0, True)
    aanmelding_annuleer(token=aanmelding_cancel_token(bob))  # Cor's group of two does not fit in one place
    assert plaatsen(bijeenkomst) == (2, 1, False)


def test_a_cancelled_occurrence_is_never_full():
    bijeenkomst = first(make_activiteit_met_aanmelding(capaciteit=1))
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Ans", email="ans@example.nl")
    assert plaatsen(bijeenkomst)[2] is True
    bijeenkomst_annuleer(bijeenkomst=bijeenkomst)
    # Its registrations are cancelled with it: nothing counts any more.
    assert plaatsen(bijeenkomst) == (0, 1, False)


def test_one_query_whatever_the_number_of_occurrences():
    make_activiteit_met_aanmelding(capaciteit=5)
    with CaptureQueriesContext(connection) as captured:
        rows = list(Bijeenkomst.objects.with_plaatsen())
    assert len(rows) > 10 and len(captured) == 1


def test_open_inloop_is_going_on_from_its_start_until_its_end_unless_cancelled():
    inloop = make_activiteit(soort=ActiviteitSoort.OPEN_INLOOP, titel="Open inloop")
    ander = make_activiteit(locatie=inloop.locatie, titel="Taalcafé")
    b = first(inloop)
    assert list(Bijeenkomst.objects.open_inloop_at(b.start)) == [b]
    assert list(Bijeenkomst.objects.open_inloop_at(b.eind - timedelta(seconds=1))) == [b]
    assert not Bijeenkomst.objects.open_inloop_at(b.eind).exists()
    assert not Bijeenkomst.objects.open_inloop_at(b.start - timedelta(seconds=1)).exists()
    assert not Bijeenkomst.objects.open_inloop_at(first(ander).start).exclude(activiteit=inloop).exists()
    assert locatie_has_open_inloop(locatie=inloop.locatie, moment=b.start)
    bijeenkomst_annuleer(bijeenkomst=b)
    assert not locatie_has_open_inloop(locatie=inloop.locatie, moment=b.start)
