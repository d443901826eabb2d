"""The occurrences list's common shapes from compiled SQL (``activiteiten.api.shapes``,
``core.api.compiled_sql``): the same answers, byte for byte, as the general path."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activiteiten.api import shapes
from activiteiten.models import Bijeenkomst
from activiteiten.services import aanmelding_create, bijeenkomst_annuleer
from core.api.compiled_sql import SHAPES, ShapeCache, trace
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding
from tests.api.conftest import view_queries
from tests.locaties.factories import BuurtFactory, LocatieFactory, RuimteFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bijeenkomsten"


@pytest.fixture
def areas():
    """Two buurten of one wijk and a third in another gemeente, each with occurrences:
    a room, registrations (one date full), a cancelled date."""
    noord = BuurtFactory()
    zuid = BuurtFactory(wijk=noord.wijk)
    elders = BuurtFactory()
    for buurt in (noord, zuid, elders):
        locatie = LocatieFactory(buurt=buurt)
        make_activiteit(locatie=locatie, ruimte=RuimteFactory(locatie=locatie, naam="Zaal"))
        koffie = make_activiteit(locatie=locatie, titel="Koffie", rrule="FREQ=WEEKLY;BYDAY=TU,TH")
        bijeenkomst_annuleer(bijeenkomst=koffie.bijeenkomsten.earliest("start"), notitie="Ziek")
        vol = make_activiteit_met_aanmelding(capaciteit=2, locatie=locatie, titel="Yoga")
        aanmelding_create(bijeenkomst=vol.bijeenkomsten.earliest("start"), naam="Mien", telefoon="0612345678", aantal=2)
    return noord, zuid, elders


def _requests(noord, zuid, elders):
    today = timezone.localdate()
    week = f"van={today.isoformat()}&tot={(today + timedelta(days=6)).isoformat()}"
    return [
        f"buurt={noord.code}", f"buurt={zuid.code}", f"buurt={elders.code}", "buurt=BU00000000",
        f"buurt={noord.code}&pageSize=3", f"buurt={noord.code}&pageSize=3&page=2", f"buurt={noord.code}&page=9",
        f"wijk={noord.wijk.code}", f"gemeente={noord.wijk.gemeente.code}&{week}&pageSize=100",
        f"gemeente={elders.wijk.gemeente.code}&{week}&pageSize=100",
        f"buurt={zuid.code}&van={(today + timedelta(days=7)).isoformat()}",
        f"buurt={zuid.code}&tot={(today + timedelta(days=9)).isoformat()}",
        f"buurt={noord.code}&wijk={noord.wijk.code}",
        # Refused, or not a common shape: the general path answers.
        f"buurt={noord.code}&tot=2001-01-01", f"buurt={noord.code}&pageSize=0", f"buurt={noord.code}&page=x",
        f"buurt={noord.code}&buurt={zuid.code}", f"buurt={noord.code}&categorie=taal", "buurt=",
    ]


def test_every_common_shape_answers_as_the_general_path(api, areas, monkeypatch):
    requests = _requests(*areas)
    with monkeypatch.context() as general_only:
        general_only.setattr(shapes, "shape", lambda params: None)
        expected = [api.get(f"{LIST}?{query}") for query in requests]
    SHAPES.clear()
    for _round in range(2):  # compiling the shape, then from the compiled SQL
        for query, answer in zip(requests, expected, strict=True):
            response = api.get(f"{LIST}?{query}")
            assert (response.status_code, response.content) == (answer.status_code, answer.content), query
    kept = [key for key, compiled in SHAPES._kept.items() if compiled is not None]
    assert (("bijeenkomsten", ("buurt",), 1, 20), timezone.localdate()) in kept
    assert any(key[0][1] == ("gemeente", "tot", "van") for key in kept)


def test_a_compiled_shape_is_one_query(api, areas):
    noord, zuid, _elders = areas
    api.get(f"{LIST}?buurt={noord.code}")
    with CaptureQueriesContext(connection) as queries:
        body = api.get(f"{LIST}?buurt={zuid.code}").json()
    assert len(view_queries(queries)) == 1 and body["totaal"] > 0
    assert {row["locatie"]["buurt"] for row in body["resultaten"]} == {zuid.code}


def test_a_setting_the_sql_depends_on_drops_the_compiled_shapes(api, areas, settings):
    api.get(f"{LIST}?buurt={areas[0].code}")
    assert SHAPES._kept
    settings.ACTIVITEIT_BEVESTIG_WEKEN = 1
    assert not SHAPES._kept


def _by_code(data):
    return Bijeenkomst.objects.filter(activiteit__locatie__buurt__code=data["code"]).values("id")


def test_trace_binds_only_inputs_it_can_explain(areas):
    noord, zuid, _elders = areas
    compiled = trace(_by_code, ({"code": noord.code}, {"code": noord.code}), ({"code": "probe"}, {"code": "probe"}))
    assert compiled.rows({"code": zuid.code}) == list(_by_code({"code": zuid.code}))
    # An input that does not reach the SQL as it is (here: changed on the way) is not kept.
    assert trace(lambda data: _by_code({"code": data["code"].lower()}),
                 ({"code": noord.code}, {"code": noord.code}), ({"code": "PROBE"}, {"code": "PROBE"})) is None
    # Nor a query that depends on the moment it was compiled (as a clock that moves would).
    moments = itertools.count()
    assert trace(lambda data: _by_code(data).annotate(nu=Value(next(moments))),
                 ({"code": noord.code}, {"code": noord.code}), ({"code": "probe"}, {"code": "probe"})) is None
    # Nor a probe that changes the SQL itself, or an input the probe does not change.
    assert trace(lambda data: _by_code(data).annotate(e=F("eind")) if data["code"] == "probe" else _by_code(data),
                 ({"code": noord.code}, {"code": noord.code}), ({"code": "probe"}, {"code": "probe"})) is None
    assert trace(_by_code, ({"code": noord.code}, {"code": noord.code}), ({"code": noord.code}, {"code": noord.code})) is None


def test_the_shape_cache_keeps_the_most_recently_used():
    cache = ShapeCache(size=2)
    made = []
    for key in ("a", "b", "a", "c", "b"):
        cache.get(key, lambda key=key: made.append(key) or key)
    assert made == ["a", "b", "c", "b"]  # "b" went when "c" came, "a" was used more recently


def test_a_map_of_one_area_answers_as_the_general_path(api, areas, monkeypatch):
    noord, _zuid, elders = areas
    LocatieFactory(buurt=noord, gepubliceerd=False)
    LocatieFactory(buurt=noord, naam="Dicht", gesloten_sinds=timezone.localdate())
    requests = [
        f"gemeente={noord.wijk.gemeente.code}", f"gemeente={elders.wijk.gemeente.code}", f"buurt={noord.code}",
        f"wijk={noord.wijk.code}", "gemeente=GM9999", f"gemeente={noord.wijk.gemeente.code}&soort=buurthuis",
        f"buurt={noord.code}&buurt={elders.code}", "noodsteunpunt=true",
    ]
    geo = {"HTTP_ACCEPT": "application/geo+json"}
    with monkeypatch.context() as general_only:
        general_only.setattr("locaties.api.views.given_once", lambda params, allowed: None)
        expected = [api.get(f"/api/v1/locaties?{query}", **geo) for query in requests]
    SHAPES.clear()
    for _round in range(2):
        for query, answer in zip(requests, expected, strict=True):
            response = api.get(f"/api/v1/locaties?{query}", **geo)
            assert (response.status_code, response.content) == (answer.status_code, answer.content), query
    assert any(key[0] == ("locaties-geo", ("gemeente",)) and compiled for key, compiled in SHAPES._kept.items())
