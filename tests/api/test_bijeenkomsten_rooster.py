"""The occurrences API with the roster joined in: ``gastvrouwAanwezig`` and the host's
first name (only with consent), and cancelling or moving a date through the API takes
its shifts along and tells the volunteers, as /beheer/ does."""

from datetime import timedelta

import pytest
from django.core import mail

from tests.activiteiten.factories import make_activiteit
from tests.api.conftest import client_for
from tests.locaties.factories import ReserveringFactory, RuimteFactory
from tests.moments import parse_moment
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory, make_inloop_met_gastvrouwdienst
from vrijwilligers.constants import Taak
from vrijwilligers.models import Dienst
from vrijwilligers.services import inzet_create

pytestmark = pytest.mark.django_db

DAG = "2026-12-01"  # a Tuesday


@pytest.fixture
def inloop(world, frozen_clock):
    return make_inloop_met_gastvrouwdienst(locatie=world["locatie_a"], start=parse_moment(f"{DAG} 10:00"))


def _next_date_with_mien(world, activiteit):
    """The inloop's second date with a host shift and Mien on it."""
    volgende = activiteit.bijeenkomsten.order_by("start")[1]
    dienst = DienstFactory(locatie=world["locatie_a"], taak=Taak.GASTVROUW, bijeenkomst=volgende,
                           start=volgende.start, eind=volgende.eind, benodigd=1)
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(email="mien@example.nl", organisaties=[world["org_a"]]))
    return volgende, dienst


def _occurrence(api, pk):
    return api.get(f"/api/v1/bijeenkomsten/{pk}").json()


@pytest.mark.frozen_at(f"{DAG} 09:00")
def test_the_occurrence_says_whether_its_host_is_there_and_their_first_name_with_consent(api, world, inloop,
                                                                                         frozen_clock):
    _activiteit, eerste, dienst = inloop
    mien = VrijwilligerFactory(naam="Mien Jansen", organisaties=[world["org_a"]])
    inzet_create(dienst=dienst, vrijwilliger=mien)
    assert _occurrence(api, eerste.pk)["gastvrouwAanwezig"] is False  # 09:00: not begun
    frozen_clock.move_to(parse_moment(f"{DAG} 10:30"))
    row = _occurrence(api, eerste.pk)
    assert (row["gastvrouwAanwezig"], row["gastvrouwVoornaam"]) == (True, None)
    mien.voornaam_tonen = True
    mien.save(update_fields=["voornaam_tonen"])
    row = _occurrence(api, eerste.pk)
    assert (row["gastvrouwAanwezig"], row["gastvrouwVoornaam"]) == (True, "Mien")
    assert "Jansen" not in str(api.get("/api/v1/bijeenkomsten").content)
    listed = {r["id"]: r for r in api.get("/api/v1/bijeenkomsten").json()["resultaten"]}
    assert listed[eerste.pk]["gastvrouwAanwezig"] is True and listed[eerste.pk]["gastvrouwVoornaam"] == "Mien"


def test_every_occurrence_has_the_fields(api, world):
    make_activiteit(locatie=world["locatie_a"])
    rows = api.get("/api/v1/bijeenkomsten").json()["resultaten"]
    assert rows and all(r["gastvrouwAanwezig"] is False and r["gastvrouwVoornaam"] is None for r in rows)


def test_cancelling_through_the_api_cancels_the_shift_and_mails_the_volunteer(world, inloop,
                                                                               django_capture_on_commit_callbacks):
    volgende, dienst = _next_date_with_mien(world, inloop[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world["users"]["bestuur_a"]).post(
            f"/api/v1/bijeenkomsten/{volgende.pk}/annuleren", {"notitie": "Storing"}, format="json")
    assert response.status_code == 200 and response.json()["geannuleerd"] is True
    assert response.json()["gastvrouwAanwezig"] is False
    (bericht,) = [m for m in mail.outbox if m.to == ["mien@example.nl"]]
    assert bericht.subject.startswith("Uw dienst gaat niet door")  # the volunteer is mailed in Dutch
    assert Dienst.objects.get(pk=dienst.pk).bijeenkomst.geannuleerd


def test_moving_through_the_api_moves_the_shift_and_mails_the_volunteer(world, inloop,
                                                                        django_capture_on_commit_callbacks):
    volgende, dienst = _next_date_with_mien(world, inloop[0])
    nieuw = volgende.start + timedelta(days=1, hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world["users"]["bestuur_a"]).post(
            f"/api/v1/bijeenkomsten/{volgende.pk}/verplaatsen",
            {"start": nieuw.isoformat(), "eind": (nieuw + timedelta(hours=2)).isoformat()}, format="json")
    assert response.status_code == 200, response.content
    dienst.refresh_from_db()
    assert (dienst.start, dienst.eind) == (nieuw, nieuw + timedelta(hours=2))
    (bericht,) = [m for m in mail.outbox if m.to == ["mien@example.nl"]]
    assert bericht.subject.startswith("Uw dienst is verplaatst")


def test_a_refused_move_leaves_the_shift_where_it_was(world):
    zaal = RuimteFactory(locatie=world["locatie_a"])
    activiteit = make_activiteit(locatie=world["locatie_a"], ruimte=zaal, soort="open_inloop")
    bijeenkomst = activiteit.bijeenkomsten.order_by("start")[1]
    dienst = DienstFactory(locatie=world["locatie_a"], bijeenkomst=bijeenkomst, start=bijeenkomst.start,
                           eind=bijeenkomst.eind)
    doel = bijeenkomst.start + timedelta(days=1)
    ReserveringFactory(ruimte=zaal, status="bevestigd", start=doel, eind=doel + timedelta(hours=2))
    response = client_for(world["users"]["bestuur_a"]).post(
        f"/api/v1/bijeenkomsten/{bijeenkomst.pk}/verplaatsen",
        {"start": doel.isoformat(), "eind": (doel + timedelta(hours=2)).isoformat()}, format="json")
    assert response.status_code == 409
    assert Dienst.objects.get(pk=dienst.pk).start == bijeenkomst.start


def test_an_open_inloop_made_through_the_api_gets_its_host_shifts(world):
    response = client_for(world["users"]["bestuur_a"]).post("/api/v1/activiteiten", {
        "titel": "Open inloop", "soort": "open_inloop", "locatie": world["locatie_a"].slug,
        "organisator": world["org_a"].slug, "start": parse_moment(f"{DAG} 10:00").isoformat(),
        "duurMinuten": 120, "rrule": "FREQ=WEEKLY;BYDAY=TU", "status": "gepubliceerd",
    }, format="json")
    assert response.status_code == 201, response.content
    diensten = Dienst.objects.filter(bijeenkomst__activiteit__slug=response.json()["slug"], taak=Taak.GASTVROUW)
    assert diensten.count() == 8
