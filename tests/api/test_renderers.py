"""The API's JSON renderer writes with orjson exactly the bytes DRF's renderer writes."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from core.api.renderers import GeoJSONRenderer, JSONRenderer

SAMPLES = [
    {"naam": "Buurthuis 't Hoekje — café", "lat": 52.370216, "lon": 4.895168, "nul": 0.0, "deel": 0.0001},
    {"lijn": "een\u2028twee\u2029drie", "emoji": "🙂", "escapes": 'aan"hal\\en\n\t<>&'},
    {"moment": datetime(2026, 12, 1, 14, tzinfo=UTC), "dag": date(2026, 12, 1),
     "ams": datetime(2026, 12, 1, 15, 30, tzinfo=timezone(timedelta(hours=1))), "duur": timedelta(minutes=90)},
    {"bedrag": Decimal("2.50"), "lui": gettext_lazy("Free"), "lijst": [1, None, True, False, [], {}]},
    [{"id": n, "_links": {"self": {"href": f"https://x/api/v1/bijeenkomsten/{n}"}}} for n in range(3)],
]


@pytest.mark.parametrize("data", SAMPLES)
def test_the_same_bytes_as_drf(data):
    assert JSONRenderer().render(data, "application/json") == DRFJSONRenderer().render(data, "application/json")


def test_a_tiny_float_has_the_same_value_in_a_shorter_form():
    assert JSONRenderer().render({"klein": 1e-7}) == b'{"klein":1e-7}'
    assert DRFJSONRenderer().render({"klein": 1e-7}) == b'{"klein":1e-07}'


def test_what_orjson_cannot_write_goes_to_drf():
    big = {"n": 2**70, "tuple_key": {1: "a"}}
    assert JSONRenderer().render(big) == DRFJSONRenderer().render(big)
    indented = JSONRenderer().render({"a": [1]}, "application/json; indent=2")
    assert indented == DRFJSONRenderer().render({"a": [1]}, "application/json; indent=2")
    assert b"\n" in indented


def test_nothing_is_an_empty_body_and_geojson_renders_the_same():
    assert JSONRenderer().render(None) == b""
    assert GeoJSONRenderer().render({"type": "FeatureCollection"}) == b'{"type":"FeatureCollection"}'
