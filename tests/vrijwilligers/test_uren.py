"""Hours: confirming a shift's hours (default its length), walk-ins, and the figures the
annual report and "my hours" read (``inzet_uren_per_locatie``, ``vrijwilliger_uren_dit_jaar``)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.timezones import AMSTERDAM
from tests.locaties.factories import LocatieFactory
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.models import LosseInzet
from vrijwilligers.selectors import (
    inzet_uren_per_locatie,
    inzet_uren_per_taak,
    vrijwilliger_list_for_organisatie,
    vrijwilliger_uren_dit_jaar,
)
from vrijwilligers.services import inzet_afmeld, inzet_bevestig_uren, inzet_create, losse_inzet_create

pytestmark = pytest.mark.django_db

DECEMBER = (datetime(2026, 12, 1, tzinfo=AMSTERDAM), datetime(2027, 1, 1, tzinfo=AMSTERDAM))


@pytest.fixture
def locatie():
    return LocatieFactory()


def _gisteren(locatie, uren=3):
    begin = timezone.now() - timedelta(hours=20)
    return DienstFactory(locatie=locatie, start=begin, eind=begin + timedelta(hours=uren))


def test_confirming_defaults_to_the_shifts_length_and_can_be_corrected(locatie):
    persoon = VrijwilligerFactory(organisaties=[locatie.beheerder])
    inzet = inzet_create(dienst=_gisteren(locatie), vrijwilliger=persoon)
    inzet = inzet_bevestig_uren(inzet=inzet)
    assert (inzet.status, inzet.uren) == (InzetStatus.GEWERKT, Decimal("3.00"))
    inzet = inzet_bevestig_uren(inzet=inzet, uren=Decimal("2.5"))
    assert inzet.uren == Decimal("2.5")


def test_no_hours_before_the_shift_for_one_who_called_off_or_impossible_hours(locatie):
    persoon = VrijwilligerFactory(organisaties=[locatie.beheerder])
    komend = inzet_create(dienst=DienstFactory(locatie=locatie), vrijwilliger=persoon)
    with pytest.raises(ValidationError, match="not begun"):
        inzet_bevestig_uren(inzet=komend)
    afgemeld = inzet_afmeld(inzet=inzet_create(dienst=_gisteren(locatie), vrijwilliger=persoon))
    with pytest.raises(ValidationError, match="called off"):
        inzet_bevestig_uren(inzet=afgemeld)
    inzet = inzet_create(dienst=_gisteren(locatie, uren=2), vrijwilliger=VrijwilligerFactory())
    for wrong in (Decimal(0), Decimal(25)):
        with pytest.raises(ValidationError):
            inzet_bevestig_uren(inzet=inzet, uren=wrong)
    inzet.refresh_from_db()
    assert (inzet.status, inzet.uren) == (InzetStatus.INGEPLAND, None)


def test_walk_ins_need_a_past_day_positive_hours_and_the_organisations_volunteer(locatie):
    losse = losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=timezone.localdate(), uren=Decimal("1.5"),
                               naam=" Buurman Jan ")
    assert losse.naam == "Buurman Jan" and losse.vrijwilliger is None
    with pytest.raises(ValidationError, match="not ahead"):
        losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=timezone.localdate() + timedelta(days=1), uren=1)
    with pytest.raises(ValidationError):
        losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=timezone.localdate(), uren=Decimal(0))
    with pytest.raises(ValidationError, match="organisation"):
        losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=timezone.localdate(), uren=1,
                           vrijwilliger=VrijwilligerFactory())
    assert LosseInzet.objects.count() == 1


@pytest.mark.frozen_at("2027-01-13 12:00")
def test_the_report_counts_confirmed_hours_lengths_and_walk_ins_in_one_query(locatie):
    andere = LocatieFactory()
    alleen_los = LocatieFactory()
    persoon = VrijwilligerFactory(organisaties=[locatie.beheerder])
    dienst = DienstFactory(locatie=locatie, start=datetime(2026, 12, 10, 10, tzinfo=AMSTERDAM),
                           eind=datetime(2026, 12, 10, 13, tzinfo=AMSTERDAM))
    inzet_bevestig_uren(inzet=inzet_create(dienst=dienst, vrijwilliger=persoon), uren=Decimal("2.5"))
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(), status=InzetStatus.BEVESTIGD)  # 3 h, its length
    losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=date(2026, 12, 31), uren=Decimal("1.25"))
    losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=date(2027, 1, 1), uren=4)  # January: not counted
    losse_inzet_create(locatie=alleen_los, taak=Taak.KEUKEN, datum=date(2026, 12, 5), uren=2)
    with CaptureQueriesContext(connection) as queries:
        cijfers = inzet_uren_per_locatie(locaties=[locatie, andere, alleen_los], van=DECEMBER[0], tot=DECEMBER[1])
    assert len(queries) == 1
    assert cijfers[locatie.pk] == {
        "vrijwilligers": 2, "inzetten": 2, "uren": Decimal("6.8"), "uren_diensten": Decimal("5.5"),
        "uren_bevestigd": Decimal("2.5"), "uren_los": Decimal("1.3"), "losse_inzetten": 1,
    }
    assert andere.pk not in cijfers
    assert cijfers[alleen_los.pk]["uren"] == Decimal("2.0") and cijfers[alleen_los.pk]["vrijwilligers"] == 0

    with CaptureQueriesContext(connection) as queries:
        per_taak = inzet_uren_per_taak(locaties=[locatie, andere, alleen_los], van=DECEMBER[0], tot=DECEMBER[1])
    assert len(queries) == 1
    # The walk-ins count under their own task, so the tasks add up to the place's hours.
    assert per_taak == {
        locatie.pk: {dienst.taak: Decimal("5.5"), Taak.BAR: Decimal("1.3")},
        alleen_los.pk: {Taak.KEUKEN: Decimal("2.0")},
    }


def test_my_hours_this_year(locatie, frozen_clock):
    persoon = VrijwilligerFactory(organisaties=[locatie.beheerder])
    inzet_bevestig_uren(inzet=inzet_create(dienst=_gisteren(locatie), vrijwilliger=persoon), uren=Decimal(2))
    losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=timezone.localdate(), uren=1, vrijwilliger=persoon)
    assert vrijwilliger_uren_dit_jaar(vrijwilliger=persoon) == Decimal("3.0")
    frozen_clock.move_to(datetime(timezone.localdate().year + 1, 1, 2, 12, tzinfo=AMSTERDAM))
    assert vrijwilliger_uren_dit_jaar(vrijwilliger=persoon) == Decimal("0.0")


def test_the_coordinators_list_shows_the_same_hours(locatie):
    persoon = VrijwilligerFactory(organisaties=[locatie.beheerder])
    inzet_create(dienst=_gisteren(locatie, uren=2), vrijwilliger=persoon, status=InzetStatus.BEVESTIGD)
    losse_inzet_create(locatie=locatie, taak=Taak.BAR, datum=timezone.localdate(), uren=Decimal("1.5"),
                       vrijwilliger=persoon)
    (rij,) = vrijwilliger_list_for_organisatie(organisatie=locatie.beheerder)
    assert rij.uren_dit_jaar == Decimal("3.5") == vrijwilliger_uren_dit_jaar(vrijwilliger=persoon)
