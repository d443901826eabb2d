"""The roster's daily mails on a frozen clock: tomorrow's reminder to each volunteer
(with their link), and the coordinators' notice of shifts within seven days that still
need people."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from locaties.constants import Rol
from tests.locaties.factories import LidmaatschapFactory, LocatieFactory
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus
from vrijwilligers.models import Inzet
from vrijwilligers.services import diensten_onvervuld_meld, inzet_create, inzetten_herinner, vrijwilliger_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie():
    return LocatieFactory(naam="Buurthuis Wyck")


def _om(dagen, uur=10):
    return (timezone.localtime() + timedelta(days=dagen)).replace(hour=uur, minute=0, second=0, microsecond=0)


def test_tomorrows_shifts_are_reminded_once_with_the_link(locatie, django_capture_on_commit_callbacks):
    mien = VrijwilligerFactory(naam="Mien", email="mien@example.nl", organisaties=[locatie.beheerder])
    telefoon = VrijwilligerFactory(naam="Piet", email="", organisaties=[locatie.beheerder])
    morgen = DienstFactory(locatie=locatie, start=_om(1), eind=_om(1, 12))
    inzet_create(dienst=morgen, vrijwilliger=mien)
    inzet_create(dienst=morgen, vrijwilliger=telefoon)
    overmorgen = DienstFactory(locatie=locatie, start=_om(2), eind=_om(2, 12))
    inzet_create(dienst=overmorgen, vrijwilliger=mien)
    afgemeld = DienstFactory(locatie=locatie, start=_om(1, 14), eind=_om(1, 16))
    Inzet.objects.filter(pk=inzet_create(dienst=afgemeld, vrijwilliger=mien).pk).update(status=InzetStatus.AFGEMELD)
    with django_capture_on_commit_callbacks(execute=True):
        assert inzetten_herinner(dag=timezone.localdate() + timedelta(days=1)) == 1
    (bericht,) = mail.outbox
    assert bericht.to == ["mien@example.nl"]
    assert "Buurthuis Wyck" in bericht.body and "10:00–12:00" in bericht.body
    assert vrijwilliger_link(mien) in bericht.body


def test_coordinators_hear_of_unfilled_shifts_within_seven_days(locatie, django_capture_on_commit_callbacks):
    coordinator = LidmaatschapFactory(organisatie=locatie.beheerder, rol=Rol.COORDINATOR).user
    open_dienst = DienstFactory(locatie=locatie, start=_om(3), eind=_om(3, 12), benodigd=1)
    vol = DienstFactory(locatie=locatie, taak="bar", start=_om(3), eind=_om(3, 12), benodigd=1)
    inzet_create(dienst=vol, vrijwilliger=VrijwilligerFactory(organisaties=[locatie.beheerder]))
    DienstFactory(locatie=locatie, start=_om(9), eind=_om(9, 12))  # more than a week ahead
    with django_capture_on_commit_callbacks(execute=True):
        assert diensten_onvervuld_meld() == 1
    (bericht,) = mail.outbox
    assert bericht.to == [coordinator.email]
    assert open_dienst.get_taak_display() in bericht.body
    assert "Bar" not in bericht.body


def test_the_daily_command_runs_both(locatie, capsys):
    call_command("vrijwilligers_herinner")
    assert "0 reminders, 0 organisations" in capsys.readouterr().out
