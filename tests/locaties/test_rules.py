"""Object permissions: boards change only their own places; officials see their gemeente."""

import pytest
from django.contrib.auth.models import AnonymousUser

from locaties import selectors
from locaties.constants import Rol

from .factories import (
    BuurtFactory,
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
    TariefFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a, b = OrganisatieFactory(), OrganisatieFactory()
    place_a, place_b = LocatieFactory(beheerder=a), LocatieFactory(beheerder=b)
    return {
        "a": a, "b": b, "place_a": place_a, "place_b": place_b,
        "room_a": RuimteFactory(locatie=place_a), "room_b": RuimteFactory(locatie=place_b),
    }


def member(organisatie, rol):
    return LidmaatschapFactory(organisatie=organisatie, rol=rol).user


def test_board_member_of_a_changes_a_but_not_b(world):
    user = member(world["a"], Rol.BESTUUR)
    assert user.has_perm("locaties.change_locatie", world["place_a"])
    assert not user.has_perm("locaties.change_locatie", world["place_b"])
    assert user.has_perm("locaties.delete_locatie", world["place_a"])
    assert user.has_perm("locaties.change_organisatie", world["a"])
    assert not user.has_perm("locaties.change_organisatie", world["b"])


@pytest.mark.parametrize("model", ["ruimte", "tarief", "reservering"])
def test_board_member_changes_own_rooms_tariffs_and_reservations_only(world, model):
    user = member(world["a"], Rol.BESTUUR)
    objects = {
        "ruimte": lambda room: room,
        "tarief": lambda room: TariefFactory(ruimte=room),
        "reservering": lambda room: ReserveringFactory(ruimte=room),
    }[model]
    own, other = objects(world["room_a"]), objects(world["room_b"])
    assert user.has_perm(f"locaties.change_{model}", own)
    assert not user.has_perm(f"locaties.change_{model}", other)


def test_manager_changes_but_only_the_board_removes_a_place(world):
    beheerder = member(world["a"], Rol.BEHEERDER)
    assert beheerder.has_perm("locaties.change_locatie", world["place_a"])
    assert not beheerder.has_perm("locaties.delete_locatie", world["place_a"])
    assert beheerder.has_perm("locaties.delete_ruimte", world["room_a"])
    assert not beheerder.has_perm("locaties.change_organisatie", world["a"])


def test_coordinator_views_but_does_not_change(world):
    coordinator = member(world["a"], Rol.COORDINATOR)
    assert coordinator.has_perm("locaties.view_locatie", world["place_a"])
    assert not coordinator.has_perm("locaties.change_locatie", world["place_a"])
    assert not coordinator.has_perm("locaties.view_locatie", world["place_b"])


def test_official_views_places_of_their_gemeente_only():
    here, elsewhere = BuurtFactory(), BuurtFactory()
    official = GemeentemedewerkerFactory(gemeente=here.gemeente).user
    place_here, place_elsewhere = LocatieFactory(buurt=here), LocatieFactory(buurt=elsewhere)
    assert official.has_perm("locaties.view_locatie", place_here)
    assert official.has_perm("locaties.view_gemeente", here.gemeente)
    assert not official.has_perm("locaties.view_locatie", place_elsewhere)
    assert not official.has_perm("locaties.view_gemeente", elsewhere.gemeente)
    assert not official.has_perm("locaties.change_locatie", place_here)
    assert list(selectors.locatie_list_for_user(official)) == [place_here]


def test_strangers_and_anonymous_users_get_nothing(world):
    for user in (UserFactory(), AnonymousUser()):
        assert not user.has_perm("locaties.view_locatie", world["place_a"])
        assert not user.has_perm("locaties.change_locatie", world["place_a"])
    assert not selectors.locatie_list_for_user(AnonymousUser()).exists()


def test_scoped_lists_follow_the_memberships(world):
    user = member(world["a"], Rol.BEHEERDER)
    assert list(selectors.locatie_list_for_user(user)) == [world["place_a"]]
    assert list(selectors.locatie_list_managed_by(user)) == [world["place_a"]]
    coordinator = member(world["b"], Rol.COORDINATOR)
    assert list(selectors.locatie_list_for_user(coordinator)) == [world["place_b"]]
    assert not selectors.locatie_list_managed_by(coordinator).exists()
    own = ReserveringFactory(ruimte=world["room_a"])
    ReserveringFactory(ruimte=world["room_b"])
    assert list(selectors.reservering_list_for_user(user)) == [own]
