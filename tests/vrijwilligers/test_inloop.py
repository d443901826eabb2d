"""Automatic host shifts: every coming date of a published open inloop within eight weeks
gets a host shift for the activity's number of hosts, once, whatever how often it runs."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from activiteiten.models import Activiteit
from activiteiten.services import activiteit_update
from tests.activiteiten.factories import make_activiteit
from tests.vrijwilligers.factories import VrijwilligerFactory
from vrijwilligers.constants import Taak
from vrijwilligers.models import Dienst
from vrijwilligers.services import (
    INLOOP_DIENSTEN_VOORUIT,
    diensten_aanvul_alle_inloop,
    diensten_aanvul_voor_inloop,
    inzet_create,
)

pytestmark = pytest.mark.django_db


def _inloop(**fields):
    return make_activiteit(**{"titel": "Open inloop", "soort": "open_inloop", **fields})


def _coming(activiteit):
    nu = timezone.now()
    return activiteit.bijeenkomsten.filter(start__gt=nu, start__lt=nu + INLOOP_DIENSTEN_VOORUIT, geannuleerd=False)


def test_each_coming_date_within_eight_weeks_gets_one_host_shift_over_its_time():
    activiteit = _inloop(gastvrouwen_nodig=2)
    made = diensten_aanvul_voor_inloop(activiteit=activiteit)
    assert len(made) == _coming(activiteit).count() == 8
    for dienst in made:
        assert dienst.taak == Taak.GASTVROUW and dienst.benodigd == 2
        assert (dienst.start, dienst.eind) == (dienst.bijeenkomst.start, dienst.bijeenkomst.eind)
    assert max(d.start for d in made) < timezone.now() + INLOOP_DIENSTEN_VOORUIT


def test_running_again_makes_nothing_new():
    activiteit = _inloop()
    first = diensten_aanvul_voor_inloop(activiteit=activiteit)
    assert diensten_aanvul_voor_inloop(activiteit=activiteit) == []
    assert diensten_aanvul_alle_inloop() == 0
    assert Dienst.objects.count() == len(first)


def test_the_window_moves_on_with_the_days(frozen_clock):
    activiteit = _inloop()
    diensten_aanvul_voor_inloop(activiteit=activiteit)
    frozen_clock.shift(timedelta(days=7))
    assert len(diensten_aanvul_voor_inloop(activiteit=activiteit)) == 1


def test_no_shifts_for_another_kind_a_draft_or_none_needed():
    assert diensten_aanvul_voor_inloop(activiteit=make_activiteit()) == []
    assert diensten_aanvul_voor_inloop(activiteit=_inloop(status="concept")) == []
    assert diensten_aanvul_voor_inloop(activiteit=_inloop(gastvrouwen_nodig=0)) == []
    assert Dienst.objects.count() == 0


def test_a_new_number_of_hosts_reaches_coming_shifts_but_never_below_who_is_on():
    activiteit = _inloop(gastvrouwen_nodig=2)
    made = diensten_aanvul_voor_inloop(activiteit=activiteit)
    vol = made[0]
    inzet_create(dienst=vol, vrijwilliger=VrijwilligerFactory())
    inzet_create(dienst=vol, vrijwilliger=VrijwilligerFactory())
    activiteit_update(activiteit=activiteit, gastvrouwen_nodig=1)
    diensten_aanvul_voor_inloop(activiteit=activiteit)
    assert Dienst.objects.get(pk=vol.pk).benodigd == 2
    assert set(Dienst.objects.exclude(pk=vol.pk).values_list("benodigd", flat=True)) == {1}
    activiteit_update(activiteit=activiteit, gastvrouwen_nodig=3)
    diensten_aanvul_voor_inloop(activiteit=activiteit)
    assert set(Dienst.objects.values_list("benodigd", flat=True)) == {3}


def test_the_daily_run_covers_every_published_open_inloop():
    een, twee = _inloop(), _inloop(titel="Koffie-inloop")
    assert diensten_aanvul_alle_inloop() == _coming(een).count() + _coming(twee).count()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_make_each_shift_once():
    activiteit = _inloop()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            diensten_aanvul_voor_inloop(activiteit=Activiteit.objects.get(pk=activiteit.pk))
        except Exception as error:  # noqa: BLE001 reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Dienst.objects.count() == _coming(activiteit).count()
