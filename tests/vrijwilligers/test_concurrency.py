"""Two volunteers take the last place of a shift at the same moment, from their own
pages: one gets it, the other is told the shift is full. Real threads, real transactions."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.locaties.factories import LocatieFactory
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory
from vrijwilligers.models import Inzet
from vrijwilligers.services import ACTIVE_INZET, inzet_create
from vrijwilligers.tokens import vrijwilliger_token


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
def test_two_volunteers_taking_the_last_place_never_overfill_the_shift():
    locatie = LocatieFactory()
    dienst = DienstFactory(locatie=locatie, benodigd=2)
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(organisaties=[locatie.beheerder]))
    twee = [VrijwilligerFactory(organisaties=[locatie.beheerder]) for _ in range(2)]

    def take(persoon):
        url = reverse("site:vrijwilliger-dienst-nemen", args=[vrijwilliger_token(persoon), dienst.pk])
        return Client().post(url, HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()

    pages = _run_parallel([lambda p=p: take(p) for p in twee])
    assert Inzet.objects.filter(dienst=dienst, status__in=ACTIVE_INZET).count() == 2
    assert sum("You are on the shift" in page for page in pages) == 1
    assert sum("This shift is full" in page for page in pages) == 1
