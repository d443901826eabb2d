"""The annual report's further figures, counted by hand for the small December of
``test_jaarverslag``: open inloop hours, audiences reached, rentals per tenant
category, volunteer hours per task, wishes, opening hours per week and partners."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from activiteiten.constants import ActiviteitSoort, WensStatus
from activiteiten.services import bijeenkomst_annuleer, wens_afwijs, wens_beantwoord, wens_create, wens_goedkeur
from locaties.constants import ReserveringStatus, TariefCategorie
from locaties.models import Ruimte
from ontmoeting.verslag import verslag_for_organisatie
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import BuurtFactory, OpeningstijdFactory, OrganisatieFactory, ReserveringFactory
from tests.ontmoeting import test_jaarverslag
from tests.vrijwilligers.factories import DienstFactory, InzetFactory
from vrijwilligers.constants import InzetStatus, Taak

pytestmark = pytest.mark.django_db

_at = test_jaarverslag._at
december = test_jaarverslag.december  # the fixture, shared


@pytest.fixture
def meer(org, december, frozen_clock):
    """Besides the December: an open inloop of another organisation on Thursdays
    10:00–12:30 (3–31 December, 17 December cancelled), a 2-hour bar shift, a commercial
    rental of €100, opening hours on Thursday 19:00–01:00, and in Wyck's buurt two
    wishes made in December (one answered on 20 December) and one rejected."""
    frozen_clock.move_to(_at(2026, 12, 1, 15))
    partner = OrganisatieFactory(naam="Stichting Partner")
    inloop = make_activiteit(
        locatie=december, organisator=partner, titel="Open inloop", soort=ActiviteitSoort.OPEN_INLOOP,
        start=_at(2026, 12, 3, 10), duur=timedelta(hours=2, minutes=30), rrule="FREQ=WEEKLY;BYDAY=TH",
        einddatum=date(2026, 12, 31),
    )
    bijeenkomst_annuleer(bijeenkomst=inloop.bijeenkomsten.get(start=_at(2026, 12, 17, 10)))
    InzetFactory(dienst=DienstFactory(locatie=december, taak=Taak.BAR, start=_at(2026, 12, 10, 14),
                                      eind=_at(2026, 12, 10, 16)), status=InzetStatus.GEWERKT)
    ReserveringFactory(ruimte=Ruimte.objects.get(locatie=december), start=_at(2026, 12, 7, 19), status=ReserveringStatus.BEVESTIGD,
                       huurder_categorie=TariefCategorie.COMMERCIEEL, prijs=Decimal("100.00"))
    OpeningstijdFactory(locatie=december, weekdag=3, van=time(19), tot=time(1))
    buurt = BuurtFactory()
    december.buurt = buurt
    december.save(update_fields=["buurt"])
    wensen = [wens_create(buurt=buurt, tekst=f"Wens {n}") for n in range(3)]
    wens_create(buurt=BuurtFactory(), tekst="Ver weg")
    for wens in wensen[:2]:
        wens_goedkeur(wens=wens)
    wens_afwijs(wens=wensen[2])
    frozen_clock.move_to(_at(2026, 12, 20, 12))
    wens_beantwoord(wens=wensen[0], status=WensStatus.NIET_HAALBAAR, reden="Geen ruimte")
    frozen_clock.move_to(_at(2027, 1, 13, 12))
    return december


def _december(org):
    return verslag_for_organisatie(organisatie=org, van=date(2026, 12, 1), tot=date(2026, 12, 31))


def test_open_inloop_hours_are_the_held_dates_times_their_length(org, meer):
    wyck, anker = _december(org).plekken
    assert wyck.inloop_uren == Decimal("10.0")  # 3, 10, 24 and 31 December, 2.5 hours each
    assert anker.inloop_uren == Decimal("0.0")


def test_audiences_reached_with_their_attendance(org, meer):
    wyck = _december(org).plekken[0]
    assert wyck.doelgroepen_bereikt == [("Speakers of other languages", 3, 16)]


def test_rentals_per_tenant_category(org, meer):
    verslag = _december(org)
    assert verslag.plekken[0].huurders == [
        ("Association or non-profit", 2, Decimal("75.00")), ("Commercial", 1, Decimal("100.00")),
    ]
    assert verslag.totaal.huurders == verslag.plekken[0].huurders


def test_volunteer_hours_per_task(org, meer):
    wyck = _december(org).plekken[0]
    assert wyck.taken == [("Host (gastvrouw/gastheer)", Decimal("5.5")), ("Bar", Decimal("2.0"))]


def test_wishes_received_and_answered_in_the_buurt(org, meer):
    verslag = _december(org)
    wyck, anker = verslag.plekken
    assert (wyck.wensen_ontvangen, wyck.wensen_beantwoord) == (2, 1)
    assert (anker.wensen_ontvangen, anker.wensen_beantwoord) == (0, 0)
    assert (verslag.totaal.wensen_ontvangen, verslag.totaal.wensen_beantwoord) == (2, 1)


def test_opening_hours_per_week_or_not_known(org, meer):
    verslag = _december(org)
    wyck, anker = verslag.plekken
    assert (wyck.openingsuren_per_week, anker.openingsuren_per_week) == (Decimal("14.0"), None)
    assert verslag.totaal.openingsuren_per_week == Decimal("14.0")


def test_partners_are_the_other_organisers(org, meer):
    assert _december(org).totaal.partners == {"Stichting Partner"}
