"""Volunteer data are visible only to coordinators and boards of their organisations."""

import pytest
from django.contrib.auth.models import AnonymousUser

from locaties.constants import Rol
from vrijwilligers import selectors

from ..locaties.factories import LidmaatschapFactory, LocatieFactory, OrganisatieFactory, UserFactory
from .factories import DienstFactory, InzetFactory, VacatureFactory, VrijwilligerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return OrganisatieFactory(), OrganisatieFactory()


def member(organisatie, rol):
    return LidmaatschapFactory(organisatie=organisatie, rol=rol).user


@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.BESTUUR])
def test_coordinators_and_board_see_their_own_volunteers_only(orgs, rol):
    a, b = orgs
    user = member(a, rol)
    own, other = VrijwilligerFactory(organisaties=[a]), VrijwilligerFactory(organisaties=[b])
    assert user.has_perm("vrijwilligers.view_vrijwilliger", own)
    assert not user.has_perm("vrijwilligers.view_vrijwilliger", other)
    assert list(selectors.vrijwilliger_list_for_user(user)) == [own]


def test_a_manager_without_coordinating_role_does_not_see_volunteers(orgs):
    a, _ = orgs
    beheerder = member(a, Rol.BEHEERDER)
    vrijwilliger = VrijwilligerFactory(organisaties=[a])
    assert not beheerder.has_perm("vrijwilligers.view_vrijwilliger", vrijwilliger)
    assert not selectors.vrijwilliger_list_for_user(beheerder).exists()


def test_a_volunteer_for_two_organisations_is_seen_by_both(orgs):
    a, b = orgs
    vrijwilliger = VrijwilligerFactory(organisaties=[a, b])
    assert member(a, Rol.COORDINATOR).has_perm("vrijwilligers.view_vrijwilliger", vrijwilliger)
    assert member(b, Rol.COORDINATOR).has_perm("vrijwilligers.view_vrijwilliger", vrijwilliger)
    assert selectors.vrijwilliger_list_for_user(member(a, Rol.BESTUUR)).count() == 1


def test_the_volunteer_sees_themself_strangers_see_nothing(orgs):
    user = UserFactory()
    vrijwilliger = VrijwilligerFactory(organisaties=[orgs[0]], user=user)
    assert user.has_perm("vrijwilligers.view_vrijwilliger", vrijwilliger)
    assert not UserFactory().has_perm("vrijwilligers.view_vrijwilliger", vrijwilliger)
    assert not AnonymousUser().has_perm("vrijwilligers.view_vrijwilliger", vrijwilliger)
    assert not selectors.vrijwilliger_list_for_user(AnonymousUser()).exists()


def test_shifts_are_planned_by_the_places_organisation(orgs):
    a, b = orgs
    dienst = DienstFactory(locatie=LocatieFactory(beheerder=a))
    inzet = InzetFactory(dienst=dienst)
    assert member(a, Rol.BEHEERDER).has_perm("vrijwilligers.change_dienst", dienst)
    assert member(a, Rol.COORDINATOR).has_perm("vrijwilligers.view_inzet", inzet)
    assert not member(b, Rol.COORDINATOR).has_perm("vrijwilligers.change_dienst", dienst)


def test_vacancies_are_changed_by_their_organisation(orgs):
    a, b = orgs
    vacature = VacatureFactory(organisatie=a)
    assert member(a, Rol.COORDINATOR).has_perm("vrijwilligers.change_vacature", vacature)
    assert not member(b, Rol.BESTUUR).has_perm("vrijwilligers.change_vacature", vacature)
