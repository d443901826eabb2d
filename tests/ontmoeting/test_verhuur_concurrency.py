"""Concurrency through the public form and the inbox: 20 people ask for overlapping
slots of one room at once, then 20 approvals run at once; exactly one is confirmed and
confirmed uses never overlap. A control shows the race exists without the exclusion
constraint: a check-then-write approval confirms more than one. Real threads, each with
its own connection, closed at the end."""

import threading
import time as pause
from datetime import time, timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.timezones import AMSTERDAM
from locaties.constants import ReserveringStatus, Rol, TariefCategorie
from locaties.models import Reservering
from locaties.services import reservering_conflicts
from tests.activiteiten.factories import next_weekday_at
from tests.locaties.factories import (
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    RuimteFactory,
    TariefFactory,
)

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


def _room():
    locatie = LocatieFactory()
    for weekdag in range(7):
        OpeningstijdFactory(locatie=locatie, weekdag=weekdag, van=time(8), tot=time(23))
    ruimte = RuimteFactory(locatie=locatie, capaciteit=40, wisseltijd_minuten=15)
    TariefFactory(ruimte=ruimte, categorie=TariefCategorie.MAATSCHAPPELIJK)
    return ruimte


def _form(n: int, start):
    local = timezone.localtime(start, AMSTERDAM)
    begin = local + timedelta(minutes=10 * n)  # every slot overlaps every other
    return {
        "huurder_naam": f"Vereniging {n}", "huurder_email": f"v{n}@example.nl", "huurder_telefoon": "",
        "huurder_categorie": "maatschappelijk", "doel": "Repetitie", "aantal_personen": "10",
        "datum": begin.date().isoformat(), "van": f"{begin:%H:%M}", "tot": f"{begin + timedelta(hours=4):%H:%M}",
        "herhaling": "0", "herhaal_tot": "", "opmerking": "", "verstuur": "1",
    }


def _no_overlap(ruimte) -> bool:
    confirmed = list(Reservering.objects.filter(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD).order_by("periode"))
    return all(a.bezet.upper <= b.bezet.lower for a, b in zip(confirmed, confirmed[1:], strict=False))


@pytest.mark.django_db(transaction=True)
def test_twenty_requests_then_twenty_approvals_leave_exactly_one_confirmed():
    ruimte = _room()
    start = next_weekday_at(2, 12)
    url = reverse("site:huren", args=[ruimte.locatie.slug, ruimte.pk])
    statuses = _run_parallel([(lambda n=n: Client().post(url, _form(n, start)).status_code) for n in range(PARALLEL)])
    assert statuses == [302] * PARALLEL  # requests may overlap each other: approval decides
    requests = list(Reservering.objects.filter(ruimte=ruimte))
    assert len(requests) == PARALLEL

    user = LidmaatschapFactory(organisatie=ruimte.locatie.beheerder, rol=Rol.BEHEERDER).user
    org = ruimte.locatie.beheerder.slug

    def approve(pk):
        client = Client()
        client.force_login(user)
        return client.post(reverse("beheer:verhuur-bevestig", args=[org, pk])).status_code

    statuses = _run_parallel([(lambda pk=r.pk: approve(pk)) for r in requests])
    assert statuses == [302] * PARALLEL
    assert Reservering.objects.filter(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD).count() == 1
    assert Reservering.objects.filter(ruimte=ruimte, status=ReserveringStatus.AANGEVRAAGD).count() == PARALLEL - 1
    assert _no_overlap(ruimte)


def _check_then_write(pk):
    """What an approval without the constraint would do: look, then write."""
    with transaction.atomic():
        reservering = Reservering.objects.get(pk=pk)
        lower, upper = reservering.periode.lower, reservering.periode.upper
        clash = reservering_conflicts(ruimte=reservering.ruimte, start=lower, eind=upper).exists()
        if clash:
            return False
        pause.sleep(0.05)  # the time between looking and writing, where the race lives
        Reservering.objects.filter(pk=pk).update(status=ReserveringStatus.BEVESTIGD)
        return True


@pytest.mark.django_db(transaction=True)
def test_control_without_the_constraint_the_race_confirms_overlapping_rentals():
    ruimte = _room()
    start = next_weekday_at(2, 12)
    url = reverse("site:huren", args=[ruimte.locatie.slug, ruimte.pk])
    for n in range(PARALLEL):
        assert Client().post(url, _form(n, start)).status_code == 302
    pks = list(Reservering.objects.filter(ruimte=ruimte).values_list("pk", flat=True))
    constraint = next(c for c in Reservering._meta.constraints if c.name == "reservering_no_overlap_when_confirmed")
    with connection.schema_editor() as editor:
        editor.remove_constraint(Reservering, constraint)
    try:
        results = _run_parallel([(lambda pk=pk: _check_then_write(pk)) for pk in pks])
        confirmed = Reservering.objects.filter(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD).count()
        assert results.count(True) == confirmed
        assert confirmed > 1, "without the constraint, simultaneous check-then-write approvals overlap"
        assert not _no_overlap(ruimte)
    finally:
        Reservering.objects.filter(ruimte=ruimte).update(status=ReserveringStatus.AANGEVRAAGD)
        with connection.schema_editor() as editor:
            editor.add_constraint(Reservering, constraint)
