"""Readable, unique slugs (core/slugs.py), against real rows."""

import pytest

from core.slugs import unique_slug
from locaties.models import Organisatie
from tests.locaties.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def slug(text, **options):
    options = {"taken": Organisatie.objects.all(), "fallback": "organisatie", "max_length": 190, **options}
    return unique_slug(text, **options)


def test_a_free_name_becomes_its_slug():
    assert slug("Stichting Café De Linde") == "stichting-cafe-de-linde"


def test_a_taken_slug_gets_the_first_free_number():
    OrganisatieFactory(slug="de-linde")
    OrganisatieFactory(slug="de-linde-2")
    OrganisatieFactory(slug="de-linde-4")
    assert slug("De Linde") == "de-linde-3"


def test_the_row_being_saved_does_not_count_as_taken():
    eigen = OrganisatieFactory(slug="de-linde")
    assert slug("De Linde", taken=Organisatie.objects.exclude(pk=eigen.pk)) == "de-linde"


def test_nothing_sluggable_falls_back_and_long_names_are_cut_without_a_trailing_dash():
    assert slug("???") == "organisatie"
    assert slug("ab " * 10, max_length=5) == "ab-ab"
