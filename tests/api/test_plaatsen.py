"""The API's ``plaatsenVrij`` is ``Bijeenkomst.objects.with_plaatsen()``'s, in lists, for
one occurrence, and in the answer to an organiser's action."""

import pytest

from activiteiten.services import aanmelding_annuleer, aanmelding_cancel_token, aanmelding_create
from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_places_left_leave_out_cancellations_and_the_waiting_list(world, api):
    activiteit = make_activiteit_met_aanmelding(capaciteit=3, locatie=world["locatie_a"], organisator=world["org_a"])
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Ans", email="ans@example.nl", aantal=2)
    bob = aanmelding_create(bijeenkomst=bijeenkomst, naam="Bob", email="bob@example.nl")
    aanmelding_annuleer(token=aanmelding_cancel_token(bob))
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Cor", email="cor@example.nl", aantal=3)  # waiting list

    assert api.get(f"/api/v1/bijeenkomsten/{bijeenkomst.pk}").json()["plaatsenVrij"] == 1
    listed = {b["id"]: b for b in api.get("/api/v1/bijeenkomsten").json()["resultaten"]}
    assert listed[bijeenkomst.pk]["plaatsenVrij"] == 1
    response = client_for(world["users"]["bestuur_a"]).post(
        f"/api/v1/bijeenkomsten/{bijeenkomst.pk}/annuleren", {}, format="json"
    )
    # Cancelled with its registrations: nobody holds a place any more.
    assert response.json()["plaatsenVrij"] == 3
