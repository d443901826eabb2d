"""Concurrency through the API: 20 managers confirming overlapping reservations of one
room, 20 residents registering for the last 5 places. Real threads, real transactions."""

import threading

import pytest
from django.db import connection

from activiteiten.constants import AanmeldingStatus
from activiteiten.models import Aanmelding
from activiteiten.services import aanmelding_create
from locaties.constants import ReserveringStatus, Rol
from locaties.models import Reservering
from tests.activiteiten.factories import make_activiteit_met_aanmelding
from tests.api.conftest import client_for
from tests.locaties.factories import LidmaatschapFactory, LocatieFactory, ReserveringFactory, RuimteFactory

PARALLEL = 20


def _run_parallel(calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_confirmations_of_overlapping_reservations_one_wins():
    locatie = LocatieFactory()
    ruimte = RuimteFactory(locatie=locatie)
    user = LidmaatschapFactory(organisatie=locatie.beheerder, rol=Rol.BEHEERDER).user
    reserveringen = [ReserveringFactory(ruimte=ruimte) for _ in range(PARALLEL)]
    calls = [
        (lambda pk=r.pk: client_for(user).post(f"/api/v1/reserveringen/{pk}/bevestigen").status_code)
        for r in reserveringen
    ]
    statuses = _run_parallel(calls)
    assert sorted(statuses) == [200] + [409] * (PARALLEL - 1)
    assert Reservering.objects.filter(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD).count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_registrations_for_the_last_five_places():
    activiteit = make_activiteit_met_aanmelding(capaciteit=10)
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    for n in range(5):
        aanmelding_create(bijeenkomst=bijeenkomst, naam=f"Vroeg {n}", email=f"vroeg{n}@example.nl")
    url = f"/api/v1/bijeenkomsten/{bijeenkomst.pk}/aanmeldingen"
    calls = [
        (lambda n=n: client_for(None).post(url, {"naam": f"Laat {n}", "email": f"laat{n}@example.nl"}, format="json").json()["status"])
        for n in range(PARALLEL)
    ]
    statuses = _run_parallel(calls)
    assert statuses.count("bevestigd") == 5
    assert statuses.count("wachtlijst") == PARALLEL - 5
    assert Aanmelding.objects.filter(bijeenkomst=bijeenkomst, status=AanmeldingStatus.BEVESTIGD).count() == 10
