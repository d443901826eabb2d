"""Writes composing two apps (``ontmoeting.services``): a closure with the cancellation
of the dates in it, all or nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from activiteiten.constants import AanmeldingStatus
from activiteiten.services import aanmelding_create
from core.timezones import AMSTERDAM
from locaties.constants import ReserveringStatus
from locaties.models import Sluiting
from ontmoeting.services import sluiting_met_annuleringen_create
from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.locaties.factories import RuimteFactory

pytestmark = pytest.mark.django_db


def _dates(activiteit, n):
    return list(activiteit.bijeenkomsten.order_by("start")[:n])


def test_a_closure_cancels_the_dates_given_frees_their_rooms_and_mails_the_registrants(
    locatie, django_capture_on_commit_callbacks,
):
    activiteit = make_activiteit_met_aanmelding(locatie=locatie, ruimte=RuimteFactory(locatie=locatie))
    eerste, tweede = _dates(activiteit, 2)
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = aanmelding_create(bijeenkomst=eerste, naam="Mien", email="mien@example.nl")
    mail.outbox.clear()
    van = eerste.start.astimezone(AMSTERDAM).date()
    with django_capture_on_commit_callbacks(execute=True):
        sluiting, geannuleerd = sluiting_met_annuleringen_create(
            locatie=locatie, van=van, tot=van + timedelta(days=7), reden="Verbouwing", annuleren=[eerste],
        )
    assert (sluiting.reden, [b.pk for b in geannuleerd]) == ("Verbouwing", [eerste.pk])
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.geannuleerd and eerste.notitie == "Verbouwing"
    assert eerste.reservering.status == ReserveringStatus.GEANNULEERD
    assert not tweede.geannuleerd  # not given: the caller decides
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GEANNULEERD
    assert [m.to for m in mail.outbox] == [["mien@example.nl"]]


def test_a_date_that_cannot_be_cancelled_leaves_no_closure(locatie, frozen_clock):
    activiteit = make_activiteit_met_aanmelding(locatie=locatie)
    [eerste] = _dates(activiteit, 1)
    frozen_clock.move_to(eerste.start + timedelta(hours=3))  # the date has passed
    van = eerste.start.astimezone(AMSTERDAM).date()
    with pytest.raises(ValidationError):
        sluiting_met_annuleringen_create(locatie=locatie, van=van, tot=van, reden="Storing", annuleren=[eerste])
    assert not Sluiting.objects.filter(locatie=locatie).exists()
