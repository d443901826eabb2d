"""Fixtures of the workspace tests: an organisation with one place, and its board member
logged in. A module that needs another variant defines its own fixture of the same name."""

import pytest

from locaties.constants import Rol
from tests.locaties.factories import LidmaatschapFactory, LocatieFactory, OrganisatieFactory


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Stichting Buurthuis Wyck")


@pytest.fixture
def locatie(org):
    return LocatieFactory(beheerder=org, naam="Buurthuis Wyck")


@pytest.fixture
def bestuur(org, client):
    user = LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR).user
    client.force_login(user)
    return user
