"""Wishes are hidden until a moderator approves them; the contact left with them is erased
after WENS_RETENTION_DAYS."""

from datetime import timedelta

import pytest

from activiteiten.models import Wens
from activiteiten.services import WensAlGesteund, wens_create, wens_goedkeur, wens_steun, wensen_erase_contact
from tests.activiteiten.factories import WensFactory

from .factories import BuurtFactory

pytestmark = pytest.mark.django_db


def test_a_new_wish_waits_for_moderation_and_shows_once_approved():
    wens = wens_create(buurt=BuurtFactory(), tekst="Een huiskamer in Wyckerpoort")
    assert not Wens.objects.filter(goedgekeurd=True).exists()

    wens_goedkeur(wens=wens)

    assert list(Wens.objects.filter(goedgekeurd=True)) == [wens]
    assert wens.goedgekeurd is True


@pytest.mark.awkward_moments
def test_the_contact_of_a_wish_is_erased_after_the_retention_period_the_wish_stays(settings, frozen_clock):
    settings.WENS_RETENTION_DAYS = 60
    buurt = BuurtFactory()
    oud = wens_create(buurt=buurt, tekst="Een moestuin", contact_naam="Fatima", contact_email="fatima@example.nl")
    zonder = wens_create(buurt=buurt, tekst="Een jeu-de-boulesbaan")
    frozen_clock.shift(timedelta(days=30))
    nieuw = wens_create(buurt=buurt, tekst="Een taalcafé", contact_email="nieuw@example.nl")
    frozen_clock.shift(timedelta(days=30, seconds=1))
    assert wensen_erase_contact() == 1
    for wens in (oud, zonder, nieuw):
        wens.refresh_from_db()
    assert (oud.contact_naam, oud.contact_email, oud.tekst) == ("", "", "Een moestuin")
    assert oud.contact_gewist_op is not None
    assert zonder.contact_gewist_op is None  # nothing to erase
    assert nieuw.contact_email == "nieuw@example.nl"
    assert wensen_erase_contact() == 0


@pytest.mark.django_db
def test_a_wish_is_supported_once_per_supporter():
    wens = WensFactory(steun=1)
    assert wens_steun(wens=wens, steuner="sessie:abc").steun == 2
    with pytest.raises(WensAlGesteund):
        wens_steun(wens=wens, steuner="sessie:abc")
    wens.refresh_from_db()
    assert wens.steun == 2
    assert wens_steun(wens=wens, steuner="adres:192.0.2.1").steun == 3
    # Only a keyed hash of who supported is kept.
    wens.refresh_from_db()
    assert len(wens.steuners) == 2 and not any("abc" in sleutel for sleutel in wens.steuners)
