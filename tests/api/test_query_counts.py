"""Every list endpoint answers in a constant number of queries, 1 row or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.activiteiten.factories import WensFactory, make_activiteit
from tests.api.conftest import view_queries
from tests.locaties.factories import (
    BuurtFactory,
    LocatieFactory,
    OpeningstijdFactory,
    RuimteFactory,
    SluitingFactory,
    TariefFactory,
)
from tests.vrijwilligers.factories import VacatureFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/gemeenten", "/api/v1/wijken", "/api/v1/buurten", "/api/v1/buurten?metGrens=true",
    "/api/v1/locaties", "/api/v1/locaties?format=geojson", "/api/v1/activiteiten",
    "/api/v1/bijeenkomsten", "/api/v1/bijeenkomsten?format=ics", "/api/v1/wensen", "/api/v1/vacatures",
]


def _place(buurt=None):
    locatie = LocatieFactory(buurt=buurt or BuurtFactory())
    ruimte = RuimteFactory(locatie=locatie)
    TariefFactory(ruimte=ruimte)
    OpeningstijdFactory(locatie=locatie)
    SluitingFactory(locatie=locatie)
    make_activiteit(locatie=locatie)
    WensFactory(buurt=locatie.buurt)
    VacatureFactory(organisatie=locatie.beheerder, locatie=locatie, gepubliceerd=True)


def _count(api, url, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, (url, response.content[:200])
    return len(view_queries(queries))


@pytest.mark.parametrize("url", LISTS)
def test_constant_queries(api, url, django_assert_max_num_queries):
    _place()
    one = _count(api, url, django_assert_max_num_queries)
    for _ in range(6):
        _place()
    many = _count(api, url, django_assert_max_num_queries)
    assert many == one, (url, one, many)
    with django_assert_max_num_queries(8):
        api.get(url)
