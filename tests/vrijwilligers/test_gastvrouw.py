"""Whether a running open inloop has its host, and the host's first name only where they
agreed to it (``bijeenkomsten_with_gastvrouw``, ``locatie_gastvrouw_voornaam``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activiteiten.models import Bijeenkomst
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import LocatieFactory
from tests.moments import parse_moment
from tests.vrijwilligers.factories import VrijwilligerFactory, make_inloop_met_gastvrouwdienst
from vrijwilligers.selectors import bijeenkomsten_with_gastvrouw, locatie_gastvrouw_voornaam
from vrijwilligers.services import inzet_create, vrijwilliger_erase, vrijwilliger_voornaam_tonen

pytestmark = pytest.mark.django_db

DAG = "2026-12-01"  # a Tuesday


@pytest.fixture
def inloop(frozen_clock):
    """An open inloop on Tuesdays 10:00–12:00 with a host shift on its first date, and a
    Taalcafé at the same place and time; the clock then inside them (10:30)."""
    locatie = LocatieFactory()
    _activiteit, bijeenkomst, dienst = make_inloop_met_gastvrouwdienst(
        locatie=locatie, start=parse_moment(f"{DAG} 10:00"), benodigd=2)
    make_activiteit(locatie=locatie, titel="Taalcafé", start=parse_moment(f"{DAG} 10:00"))
    frozen_clock.move_to(parse_moment(f"{DAG} 10:30"))
    return locatie, bijeenkomst, dienst


def _rows(locatie, moment=None):
    bijeenkomsten = Bijeenkomst.objects.filter(activiteit__locatie=locatie, start__date=parse_moment(DAG).date())
    return {b.activiteit.titel: (b.gastvrouw_aanwezig, b.gastvrouw_voornaam)
            for b in bijeenkomsten_with_gastvrouw(bijeenkomsten.select_related("activiteit"), moment=moment)}


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_no_host_on_the_shift_claims_none(inloop):
    locatie, _bijeenkomst, _dienst = inloop
    assert _rows(locatie) == {"Open inloop": (False, None), "Taalcafé": (False, None)}


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_a_host_is_there_but_nameless_without_consent(inloop):
    locatie, _bijeenkomst, dienst = inloop
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(naam="Mien Jansen"))
    assert _rows(locatie) == {"Open inloop": (True, None), "Taalcafé": (False, None)}
    assert locatie_gastvrouw_voornaam(locatie=locatie) is None


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_the_first_name_of_a_host_who_agreed_and_never_the_surname(inloop):
    locatie, _bijeenkomst, dienst = inloop
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(naam="Piet de Vries"))
    mien = VrijwilligerFactory(naam="Mien van den Berg", voornaam_tonen=True)
    inzet_create(dienst=dienst, vrijwilliger=mien)
    assert _rows(locatie)["Open inloop"] == (True, "Mien")
    assert locatie_gastvrouw_voornaam(locatie=locatie) == "Mien"
    vrijwilliger_voornaam_tonen(vrijwilliger=mien, tonen=False)
    assert _rows(locatie)["Open inloop"] == (True, None)
    assert locatie_gastvrouw_voornaam(locatie=locatie) is None


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_not_before_or_after_the_inloop_and_not_for_an_erased_volunteer(inloop):
    locatie, bijeenkomst, dienst = inloop
    mien = VrijwilligerFactory(naam="Mien", voornaam_tonen=True)
    inzet_create(dienst=dienst, vrijwilliger=mien)
    assert _rows(locatie, moment=bijeenkomst.eind)["Open inloop"] == (False, None)
    assert _rows(locatie, moment=bijeenkomst.start - timezone.timedelta(minutes=1))["Open inloop"] == (False, None)
    vrijwilliger_erase(vrijwilliger=mien)  # a running shift's assignment stays; the name goes
    assert _rows(locatie)["Open inloop"] == (True, None)


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_the_annotation_costs_no_query(inloop):
    locatie, _bijeenkomst, dienst = inloop
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(naam="Mien", voornaam_tonen=True))
    with CaptureQueriesContext(connection) as queries:
        _rows(locatie)
    assert len(queries) == 1
