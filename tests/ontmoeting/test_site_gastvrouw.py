"""The host's presence and first name on the public pages: the buurt page marks the
running open inloop whose host is on duty; the first name shows only where the volunteer
agreed (on the sign-up form or later on their page); "my hours this year"."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.locaties.factories import BuurtFactory, LocatieFactory, OrganisatieFactory
from tests.moments import parse_moment
from tests.vrijwilligers.factories import (
    DienstFactory,
    VacatureFactory,
    VrijwilligerFactory,
    make_inloop_met_gastvrouwdienst,
)
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.models import Inzet, LosseInzet, Vrijwilliger
from vrijwilligers.services import inzet_create
from vrijwilligers.tokens import vrijwilliger_token

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DAG = "2026-12-01"  # a Tuesday


@pytest.fixture
def org():
    return OrganisatieFactory()


@pytest.fixture
def locatie(org):
    return LocatieFactory(beheerder=org, naam="Buurthuis Wyck", buurt=BuurtFactory(naam="Wyck"))


@pytest.fixture
def dienst(locatie, frozen_clock):
    _activiteit, _eerste, dienst = make_inloop_met_gastvrouwdienst(locatie=locatie, start=parse_moment(f"{DAG} 10:00"))
    frozen_clock.move_to(parse_moment(f"{DAG} 10:30"))
    return dienst


def _buurt(client, locatie):
    return client.get(reverse("site:buurt", args=[locatie.buurt.code]) + f"?week={DAG}", **EN).content.decode()


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_the_buurt_page_says_host_present_only_once_the_shift_is_filled(client, org, locatie, dienst):
    assert "host present" not in _buurt(client, locatie)
    mien = VrijwilligerFactory(naam="Mien Jansen", organisaties=[org])
    inzet_create(dienst=dienst, vrijwilliger=mien)
    page = _buurt(client, locatie)
    assert "Open inloop now, host present" in page and "Mien" not in page
    Vrijwilliger.objects.filter(pk=mien.pk).update(voornaam_tonen=True)
    page = _buurt(client, locatie)
    assert "Open inloop now, host present: Mien" in page and "Jansen" not in page
    place = client.get(reverse("site:locatie", args=[locatie.slug]), **EN).content.decode()
    assert "Open inloop now, host present: Mien" in place
    screen = client.get(reverse("site:locatie-scherm", args=[locatie.slug]), **EN).content.decode()
    assert "host Mien is here" in screen


def test_the_sign_up_form_asks_for_the_first_name_consent(client, org, locatie):
    vacature = VacatureFactory(organisatie=org, locatie=locatie, gepubliceerd=True)
    data = {"naam": "Kees de Vries", "email": "kees@example.nl", "toestemming": "on", "voornaam_tonen": "on"}
    assert client.post(reverse("site:vacature-helpen", args=[vacature.pk]), data, **EN).status_code == 302
    assert Vrijwilliger.objects.get(naam="Kees de Vries").voornaam_tonen is True
    data = {**data, "naam": "Anna Smit", "email": "anna@example.nl", "voornaam_tonen": ""}
    client.post(reverse("site:vacature-helpen", args=[vacature.pk]), data, **EN)
    assert Vrijwilliger.objects.get(naam="Anna Smit").voornaam_tonen is False


def test_the_volunteer_changes_their_choice_on_their_page(client, org):
    persoon = VrijwilligerFactory(organisaties=[org])
    token = vrijwilliger_token(persoon)
    page = client.get(reverse("site:vrijwilliger", args=[token]), **EN).content.decode()
    assert 'name="voornaam_tonen"' in page and "checked" not in page
    url = reverse("site:vrijwilliger-voornaam", args=[token])
    assert client.get(url).status_code == 405
    assert client.post(url, {"voornaam_tonen": "on"}).status_code == 302
    persoon.refresh_from_db()
    assert persoon.voornaam_tonen
    client.post(url, {})
    persoon.refresh_from_db()
    assert not persoon.voornaam_tonen


def test_my_hours_this_year_count_worked_shifts_and_walk_ins(client, org, locatie):
    persoon = VrijwilligerFactory(organisaties=[org])
    begin = timezone.now() - timedelta(days=3)
    gewerkt = DienstFactory(locatie=locatie, start=begin, eind=begin + timedelta(hours=3))
    Inzet.objects.create(dienst=gewerkt, vrijwilliger=persoon, status=InzetStatus.GEWERKT, uren=Decimal("2.5"))
    bevestigd = DienstFactory(locatie=locatie, start=begin - timedelta(days=1), eind=begin - timedelta(days=1, hours=-2))
    Inzet.objects.create(dienst=bevestigd, vrijwilliger=persoon, status=InzetStatus.BEVESTIGD)
    LosseInzet.objects.create(locatie=locatie, vrijwilliger=persoon, taak=Taak.BAR, datum=timezone.localdate(),
                              uren=Decimal("1.5"))
    LosseInzet.objects.create(locatie=locatie, vrijwilliger=persoon, taak=Taak.BAR,
                              datum=timezone.localdate().replace(year=timezone.localdate().year - 1), uren=5)
    page = client.get(reverse("site:vrijwilliger", args=[vrijwilliger_token(persoon)]), **EN).content.decode()
    assert "6 hours. Thank you!" in page  # 2.5 confirmed + 2 (the shift's length) + 1.5 walk-in
