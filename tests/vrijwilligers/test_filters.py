"""VacatureFilter: a vacancy belongs to its place's gemeente, else its organisation's."""

import pytest

from core.filters import apply_filterset
from tests.locaties.factories import BuurtFactory, GemeenteFactory, LocatieFactory, OrganisatieFactory
from tests.vrijwilligers.factories import VacatureFactory
from vrijwilligers.filters import VacatureFilter
from vrijwilligers.models import Vacature

pytestmark = pytest.mark.django_db


def test_gemeente_via_place_or_organisation_and_task():
    buurt = BuurtFactory()
    via_locatie = VacatureFactory(locatie=LocatieFactory(buurt=buurt), taak="bar")
    via_organisatie = VacatureFactory(organisatie=OrganisatieFactory(gemeente=buurt.gemeente))
    VacatureFactory(organisatie=OrganisatieFactory(gemeente=GemeenteFactory()))
    found = set(apply_filterset(VacatureFilter, {"gemeente": buurt.gemeente.code}, Vacature.objects.all()))
    assert found == {via_locatie, via_organisatie}
    assert list(apply_filterset(VacatureFilter, {"taak": "bar"}, Vacature.objects.all())) == [via_locatie]
