"""Confirmed reservations never overlap, even when many managers confirm at once.

The first test is the guarantee: 20 threads confirm 20 clashing requests at the same
moment and exactly one wins. The control tests show why the guarantee needs the
exclusion constraint: the naive check-then-save approach lets several through once
the constraint is gone, and is saved by the constraint when it is there.
"""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from locaties import services
from locaties.constants import ReserveringStatus
from locaties.models import Reservering

from .factories import ReserveringFactory, RuimteFactory, _next_monday_at

THREADS = 20
CONSTRAINT = next(
    c for c in Reservering._meta.constraints if c.name == "reservering_no_overlap_when_confirmed"
)


def clashing_requests():
    """20 requested rentals of one room, each overlapping all the others."""
    ruimte = RuimteFactory(wisseltijd_minuten=15)
    start = _next_monday_at(19)
    return [
        ReserveringFactory(ruimte=ruimte, start=start + timedelta(minutes=i), eind=start + timedelta(hours=2, minutes=i))
        for i in range(THREADS)
    ]


def run_in_threads(work, items):
    """Run work(item, barrier) in one thread per item; collect ("ok"|error class name)."""
    barrier = threading.Barrier(len(items), timeout=30)
    outcomes, lock = [], threading.Lock()

    def target(item):
        try:
            result = work(item, barrier)
        except Exception as error:  # noqa: BLE001 - the outcome is what we assert on
            result = error
        finally:
            connection.close()  # each thread has its own connection
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=target, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == len(items), "a thread hung"
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_confirmations_let_exactly_one_through():
    requests = clashing_requests()

    def confirm(reservering, barrier):
        barrier.wait()
        return services.reservering_bevestig(reservering=reservering)

    outcomes = run_in_threads(confirm, requests)
    winners = [o for o in outcomes if isinstance(o, Reservering)]
    conflicts = [o for o in outcomes if isinstance(o, services.ReserveringConflict)]
    assert len(winners) == 1, outcomes
    assert len(conflicts) == THREADS - 1, outcomes
    # Every loser is told who won.
    assert all(c.conflicten == [winners[0]] for c in conflicts)
    assert Reservering.objects.filter(status=ReserveringStatus.BEVESTIGD).count() == 1


def naive_confirm(reservering, barrier):
    """Check for clashes, then save: the race-prone way the constraint replaces."""
    with transaction.atomic():
        clash = services.reservering_conflicts(
            ruimte=reservering.ruimte, start=reservering.periode.lower,
            eind=reservering.periode.upper, exclude_ids=[reservering.pk],
        ).exists()
        # Every thread has checked before any writes: the window the race needs.
        barrier.wait()
        if clash:
            return "refused"
        reservering.status = ReserveringStatus.BEVESTIGD
        reservering.save(update_fields=["status"])
        return "saved"


@pytest.mark.django_db(transaction=True)
def test_control_without_the_constraint_the_naive_check_lets_several_through():
    requests = clashing_requests()
    with connection.schema_editor() as editor:
        editor.remove_constraint(Reservering, CONSTRAINT)
    try:
        outcomes = run_in_threads(naive_confirm, requests)
        confirmed = Reservering.objects.filter(status=ReserveringStatus.BEVESTIGD).count()
    finally:
        # The overlapping rows would stop the constraint from coming back.
        Reservering.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Reservering, CONSTRAINT)
    assert outcomes.count("saved") == THREADS
    assert confirmed > 1


@pytest.mark.django_db(transaction=True)
def test_control_with_the_constraint_the_same_naive_code_lets_one_through():
    requests = clashing_requests()
    outcomes = run_in_threads(naive_confirm, requests)
    assert outcomes.count("saved") == 1, outcomes
    # The database refuses the others: by the constraint, or, when a few of the 20 waits on
    # each other's uncommitted rows close a circle, by its deadlock detector (seen on a loaded
    # machine); either way nothing of theirs is written.
    assert all(isinstance(o, (IntegrityError, OperationalError)) for o in outcomes if o != "saved"), outcomes
    assert Reservering.objects.filter(status=ReserveringStatus.BEVESTIGD).count() == 1


@pytest.mark.django_db
def test_the_constraint_is_back_after_the_control():
    # Runs after the control in file order; fails if the finally block did not restore it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conname = %s AND contype = 'x'", [CONSTRAINT.name]
        )
        assert cursor.fetchone()[0] == 1
