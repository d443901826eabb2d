"""Cancelling and moving occurrences, from anywhere: registrations follow and people are told;
rooms are booked through the locaties reservation service, so every clash is its conflict."""

from datetime import timedelta

import pytest
from django.core import mail

from activiteiten.constants import AanmeldingStatus, ActiviteitStatus
from activiteiten.models import Aanmelding, Bijeenkomst
from activiteiten.services import (
    aanmelding_create,
    activiteit_update,
    bijeenkomst_annuleer,
    bijeenkomst_verplaats,
)
from locaties.constants import ReserveringStatus
from locaties.services import ReserveringConflict

from .factories import ReserveringFactory, RuimteFactory, make_activiteit, make_activiteit_met_aanmelding

pytestmark = pytest.mark.django_db


def _registered(bijeenkomst, capture, **people):
    with capture(execute=True):
        registrations = [
            aanmelding_create(bijeenkomst=bijeenkomst, naam=naam, email=email) for naam, email in people.items()
        ]
    mail.outbox.clear()
    return registrations


def statuses(registrations):
    return [Aanmelding.objects.get(pk=a.pk).status for a in registrations]


def test_cancelling_cancels_the_registrations_and_tells_the_people(django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding(capaciteit=1)
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    ans, bob = _registered(bijeenkomst, django_capture_on_commit_callbacks, Ans="ans@example.nl", Bob="bob@example.nl")
    assert statuses([ans, bob]) == [AanmeldingStatus.BEVESTIGD, AanmeldingStatus.WACHTLIJST]

    with django_capture_on_commit_callbacks(execute=True):
        bijeenkomst_annuleer(bijeenkomst=bijeenkomst)

    assert statuses([ans, bob]) == [AanmeldingStatus.GEANNULEERD] * 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ans@example.nl", "bob@example.nl"]
    # Cancelling again tells nobody twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bijeenkomst_annuleer(bijeenkomst=bijeenkomst)
    assert mail.outbox == []


def test_stopping_the_activity_cancels_the_registrations_of_what_it_cancels(django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding()
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    [ans] = _registered(bijeenkomst, django_capture_on_commit_callbacks, Ans="ans@example.nl")

    with django_capture_on_commit_callbacks(execute=True):
        activiteit_update(activiteit=activiteit, status=ActiviteitStatus.GESTOPT)

    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).geannuleerd
    assert statuses([ans]) == [AanmeldingStatus.GEANNULEERD]
    assert [m.to for m in mail.outbox] == [["ans@example.nl"]]
    # A later sync keeps the cancelled occurrence (people registered for it) and tells nobody again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        activiteit_update(activiteit=activiteit, titel="Taalcafé (gestopt)")
    assert Bijeenkomst.objects.filter(pk=bijeenkomst.pk, geannuleerd=True).exists()
    assert mail.outbox == []


def test_moving_keeps_the_registrations_and_tells_the_new_time(django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding()
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    [ans] = _registered(bijeenkomst, django_capture_on_commit_callbacks, Ans="ans@example.nl")
    later = bijeenkomst.start + timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        bijeenkomst_verplaats(bijeenkomst=bijeenkomst, start=later, eind=later + timedelta(hours=2))

    assert statuses([ans]) == [AanmeldingStatus.BEVESTIGD]
    assert Aanmelding.objects.get(pk=ans.pk).bijeenkomst.start == later
    assert [m.to for m in mail.outbox] == [["ans@example.nl"]]


def test_a_rule_change_that_moves_an_occurrence_tells_its_registrants(django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding()
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    [ans] = _registered(bijeenkomst, django_capture_on_commit_callbacks, Ans="ans@example.nl")

    with django_capture_on_commit_callbacks(execute=True):
        activiteit_update(activiteit=activiteit, duur=timedelta(hours=3))

    assert statuses([ans]) == [AanmeldingStatus.BEVESTIGD]
    assert [m.to for m in mail.outbox] == [["ans@example.nl"]]
    assert "Taalcafé" in mail.outbox[0].subject


def test_a_clash_of_the_schedule_or_a_move_is_the_reservation_conflict_naming_the_rental():
    ruimte = RuimteFactory()
    activiteit = make_activiteit(locatie=ruimte.locatie, ruimte=ruimte)
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    doel = eerste.start + timedelta(days=2)
    verhuur = ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD, start=doel, eind=doel + timedelta(hours=3))

    with pytest.raises(ReserveringConflict) as moved:
        bijeenkomst_verplaats(bijeenkomst=eerste, start=doel, eind=doel + timedelta(hours=2))
    with pytest.raises(ReserveringConflict) as changed:
        activiteit_update(activiteit=activiteit, rrule="FREQ=WEEKLY;BYDAY=TU,TH")

    assert moved.value.conflicten == [verhuur]
    assert verhuur in changed.value.conflicten


def test_cancelling_frees_the_room_through_the_reservation_service():
    ruimte = RuimteFactory()
    activiteit = make_activiteit(locatie=ruimte.locatie, ruimte=ruimte)
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    bijeenkomst_annuleer(bijeenkomst=eerste)
    eerste.refresh_from_db()
    assert eerste.reservering.status == ReserveringStatus.GEANNULEERD
    # The slot is free for a rental now.
    ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD, start=eerste.start, eind=eerste.eind)
