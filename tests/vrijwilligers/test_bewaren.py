"""Retention on a frozen clock: a volunteer with no shift in 24 months is asked once; 30
days later, without an answer, erased. Following the link (any action on their page) or
a new shift is the answer."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from locaties.constants import Rol
from tests.locaties.factories import LidmaatschapFactory, LocatieFactory
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus
from vrijwilligers.models import Inzet, Vrijwilliger
from vrijwilligers.services import inzet_create, vrijwilliger_link, vrijwilligers_bewaarvraag
from vrijwilligers.tokens import vrijwilliger_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie():
    return LocatieFactory()


def _oud(locatie, *, maanden_geleden_dienst=None, **fields):
    """A volunteer known for three years, with a worked shift ``maanden_geleden_dienst`` months ago."""
    persoon = VrijwilligerFactory(organisaties=[locatie.beheerder], **fields)
    Vrijwilliger.objects.filter(pk=persoon.pk).update(aangemaakt=timezone.now() - relativedelta(years=3))
    if maanden_geleden_dienst is not None:
        start = timezone.now() - relativedelta(months=maanden_geleden_dienst)
        dienst = DienstFactory(locatie=locatie, start=start, eind=start + timedelta(hours=2))
        Inzet.objects.create(dienst=dienst, vrijwilliger=persoon, status=InzetStatus.GEWERKT)
    return Vrijwilliger.objects.get(pk=persoon.pk)


def test_asked_once_after_24_months_without_a_shift_then_erased_30_days_later(
        locatie, frozen_clock, django_capture_on_commit_callbacks):
    stil = _oud(locatie, maanden_geleden_dienst=25, email="stil@example.nl")
    _oud(locatie, maanden_geleden_dienst=23)
    nieuw = VrijwilligerFactory(organisaties=[locatie.beheerder])  # signed up recently, no shift yet
    with django_capture_on_commit_callbacks(execute=True):
        assert vrijwilligers_bewaarvraag() == (1, 0)
    (bericht,) = mail.outbox
    assert bericht.to == ["stil@example.nl"] and vrijwilliger_link(stil) in bericht.body
    assert vrijwilligers_bewaarvraag() == (0, 0)  # asked once
    frozen_clock.shift(timedelta(days=29))
    assert vrijwilligers_bewaarvraag() == (0, 0)
    frozen_clock.shift(timedelta(days=1))
    assert vrijwilligers_bewaarvraag() == (0, 1)
    stil.refresh_from_db()
    assert stil.gewist_op is not None and stil.email == ""
    assert Vrijwilliger.objects.get(pk=nieuw.pk).gewist_op is None


def test_following_the_link_is_an_answer(client, locatie, frozen_clock):
    stil = _oud(locatie, maanden_geleden_dienst=30)
    assert vrijwilligers_bewaarvraag() == (1, 0)
    frozen_clock.shift(timedelta(days=10))
    assert client.get(reverse("site:vrijwilliger", args=[vrijwilliger_token(stil)])).status_code == 200
    frozen_clock.shift(timedelta(days=40))
    assert vrijwilligers_bewaarvraag() == (0, 0)
    stil.refresh_from_db()
    assert stil.gewist_op is None and stil.bewaarvraag_op is None and stil.actief_op is not None


def test_the_calendar_feed_fetched_by_an_app_is_no_answer(client, locatie, frozen_clock):
    stil = _oud(locatie, maanden_geleden_dienst=30)
    vrijwilligers_bewaarvraag()
    client.get(reverse("site:vrijwilliger-ical", args=[vrijwilliger_token(stil)]))
    frozen_clock.shift(timedelta(days=31))
    assert vrijwilligers_bewaarvraag() == (0, 1)


def test_a_new_shift_is_an_answer(locatie, frozen_clock):
    stil = _oud(locatie, maanden_geleden_dienst=30)
    vrijwilligers_bewaarvraag()
    inzet_create(dienst=DienstFactory(locatie=locatie), vrijwilliger=stil)
    frozen_clock.shift(timedelta(days=31))
    assert vrijwilligers_bewaarvraag() == (0, 0)


def test_without_e_mail_the_coordinators_are_asked_to_phone(locatie, django_capture_on_commit_callbacks):
    coordinator = LidmaatschapFactory(organisatie=locatie.beheerder, rol=Rol.COORDINATOR).user
    _oud(locatie, naam="Piet Bel", email="", telefoon="0612345678")
    with django_capture_on_commit_callbacks(execute=True):
        assert vrijwilligers_bewaarvraag() == (1, 0)
    (bericht,) = mail.outbox
    assert bericht.to == [coordinator.email] and "0612345678" in bericht.body
