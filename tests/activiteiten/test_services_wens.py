"""Wishes are hidden until a moderator approves them."""

import pytest

from activiteiten.models import Wens
from activiteiten.services import wens_create, wens_goedkeur

from .factories import BuurtFactory

pytestmark = pytest.mark.django_db


def test_a_new_wish_waits_for_moderation_and_shows_once_approved():
    wens = wens_create(buurt=BuurtFactory(), tekst="Een huiskamer in Wyckerpoort")
    assert not Wens.objects.filter(goedgekeurd=True).exists()

    wens_goedkeur(wens=wens)

    assert list(Wens.objects.filter(goedgekeurd=True)) == [wens]
    assert wens.goedgekeurd is True
