"""Reads of the vrijwilligers app."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vrijwilligers import selectors
from vrijwilligers.constants import InzetStatus

from .factories import DienstFactory, InzetFactory, VacatureFactory

pytestmark = pytest.mark.django_db


def test_open_shifts_are_coming_shifts_that_still_need_people():
    full = DienstFactory(benodigd=1)
    InzetFactory(dienst=full)
    half = DienstFactory(benodigd=2)
    InzetFactory(dienst=half)
    InzetFactory(dienst=half, status=InzetStatus.AFGEMELD)  # does not count
    DienstFactory(start=timezone.now() - timedelta(days=2), eind=timezone.now() - timedelta(days=1))
    open_shifts = list(selectors.dienst_list_open())
    assert open_shifts == [half]
    assert open_shifts[0].bezet == 1


def test_published_vacancies_leave_out_drafts_and_closed_ones():
    shown = VacatureFactory(gepubliceerd=True)
    VacatureFactory(gepubliceerd=False)
    VacatureFactory(gepubliceerd=True, sluit_op=timezone.localdate() - timedelta(days=1))
    assert list(selectors.vacature_list_published()) == [shown]
