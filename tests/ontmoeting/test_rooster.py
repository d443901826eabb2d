"""The roster following the programme (``ontmoeting.rooster``): an open inloop saved in
/beheer/ gets its host shifts; cancelling or moving a date there takes its shifts along,
all or nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activiteiten.models import Activiteit, Bijeenkomst
from core.timezones import AMSTERDAM
from ontmoeting import rooster
from tests.activiteiten.factories import make_activiteit
from tests.ontmoeting.test_beheer import _schedule
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory
from vrijwilligers.constants import Taak
from vrijwilligers.models import Dienst
from vrijwilligers.services import inzet_create

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_an_open_inloop_made_in_the_workspace_gets_host_shifts_for_its_hosts(client, bestuur, org, locatie):
    data = _schedule(locatie, titel="Open inloop", soort="open_inloop", gastvrouwen_nodig="2")
    response = client.post(reverse("beheer:activiteit-nieuw", args=[org.slug]), data, **EN)
    assert response.status_code == 302
    activiteit = Activiteit.objects.get(titel="Open inloop")
    assert activiteit.gastvrouwen_nodig == 2
    diensten = Dienst.objects.filter(bijeenkomst__activiteit=activiteit)
    assert diensten.count() > 0 and set(diensten.values_list("taak", "benodigd")) == {(Taak.GASTVROUW, 2)}
    page = client.get(reverse("beheer:activiteit", args=[org.slug, activiteit.slug]), **EN).content.decode()
    assert 'name="gastvrouwen_nodig"' in page and 'value="2"' in page


def test_saving_an_activity_of_another_kind_makes_no_shifts(client, bestuur, org, locatie):
    client.post(reverse("beheer:activiteit-nieuw", args=[org.slug]), _schedule(locatie), **EN)
    assert Activiteit.objects.filter(titel="Handwerkclub").exists()
    assert not Dienst.objects.exists()


def test_turning_an_activity_into_an_open_inloop_gives_its_dates_host_shifts(locatie):
    activiteit = make_activiteit(locatie=locatie)
    assert not Dienst.objects.exists()
    rooster.activiteit_update_met_diensten(activiteit=activiteit, soort="open_inloop")
    assert Dienst.objects.filter(bijeenkomst__activiteit=activiteit, taak=Taak.GASTVROUW).exists()


def _shift_with_volunteer(locatie):
    activiteit = make_activiteit(locatie=locatie, soort="open_inloop")
    bijeenkomst = activiteit.bijeenkomsten.order_by("start")[1]
    dienst = DienstFactory(locatie=locatie, bijeenkomst=bijeenkomst, start=bijeenkomst.start, eind=bijeenkomst.eind)
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(organisaties=[locatie.beheerder]))
    return bijeenkomst, dienst


def test_a_cancellation_whose_shifts_cannot_follow_changes_nothing(locatie, monkeypatch):
    bijeenkomst, _dienst = _shift_with_volunteer(locatie)

    def refuse(**kwargs):
        raise ValidationError("no")

    monkeypatch.setattr(rooster, "diensten_volg_bijeenkomst", refuse)
    with pytest.raises(ValidationError):
        rooster.bijeenkomst_annuleer_met_diensten(bijeenkomst=bijeenkomst)
    assert not Bijeenkomst.objects.get(pk=bijeenkomst.pk).geannuleerd


def test_moving_in_the_workspace_moves_the_shift(client, bestuur, org, locatie):
    bijeenkomst, dienst = _shift_with_volunteer(locatie)
    nieuw = bijeenkomst.start + timedelta(days=1)
    local = nieuw.astimezone(AMSTERDAM)
    response = client.post(reverse("beheer:bijeenkomst-verplaatsen", args=[org.slug, bijeenkomst.pk]), {
        "datum": local.date().isoformat(), "begintijd": local.strftime("%H:%M"),
        "eindtijd": (local + timedelta(hours=2)).strftime("%H:%M"), "ruimte": "",
    }, **EN)
    assert response.status_code == 302
    dienst.refresh_from_db()
    assert dienst.start == nieuw
