"""No write operation of the API answers 5xx, whatever the body (property-based).

Each write operation starts from a body it accepts; hypothesis replaces some of its
fields by values of the field's own type (from the OpenAPI schema) at their extremes
(dates from year 1 to 9999, datetimes in any offset, integers past 64 bits, decimals
with huge exponents, long and odd text) or by any JSON at all, drops fields, sends a
body of the wrong shape, nested up to 100,000 deep or over 3 MB, or puts an id out of
range in the path. Whatever it sends, the
answer is a 2xx or a 4xx in problem+json. The board member of the place's organisation
sends them, so the writes reach the services.

Derandomized and bounded: the same examples every run, about a second per operation.
"""

import json
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as fixed_offset

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from locaties.constants import Rol
from tests.activiteiten.factories import WensFactory, make_activiteit_met_aanmelding, next_weekday_at
from tests.api.conftest import client_for
from tests.locaties.factories import LidmaatschapFactory, ReserveringFactory, RuimteFactory, TariefFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 10

_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.text(max_size=20),
                       st.floats(allow_nan=False, allow_infinity=False))
ANY_JSON = st.recursive(
    _json_leaf,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
_offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: fixed_offset(timedelta(minutes=m)))
BY_KIND = {
    "date": st.one_of(st.dates().map(date.isoformat), st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30"])),
    "date-time": st.one_of(
        st.datetimes(timezones=st.one_of(st.just(UTC), _offsets)).map(datetime.isoformat),
        st.datetimes().map(datetime.isoformat),  # without an offset
        st.sampled_from(["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"]),
    ),
    "time": st.one_of(st.times().map(lambda t: t.isoformat()), st.sampled_from(["24:00", "23:59:59.999999"])),
    "integer": st.one_of(st.integers(-(2**70), 2**70), st.sampled_from([0, -1, 2**31, 2**63, -(2**63) - 1])),
    "decimal": st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False).map(str),
        st.sampled_from(["1e999999", "-1e-999999", "NaN", "Infinity", "99999999999999999999.99", "-0"]),
    ),
    "double": st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e308, -1e308, 91.0, -181.0])),
    "string": st.one_of(st.text(max_size=200), st.sampled_from(["", " ", "x" * 5000, "FREQ=SECONDLY", "\u202e\ufeff"])),
}


def _kind(prop: dict) -> str:
    return prop.get("format") if prop.get("format") in BY_KIND else prop.get("type", "string")


@pytest.fixture(scope="module")
def body_kinds(django_db_blocker):
    """(method, path template) -> {property: kind} of its request body in the OpenAPI schema."""
    with django_db_blocker.unblock():
        schema = APIClient().get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    kinds = {}
    for template, operations in schema["paths"].items():
        for method, spec in operations.items():
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            component = components.get(body.get("$ref", "").rsplit("/", 1)[-1], {})
            kinds[method, template] = {prop: _kind(p) for prop, p in component.get("properties", {}).items()}
    return kinds


@pytest.fixture
def state(world, monkeypatch):
    """A place of organisation A with a room, a tariff, a reservation, an activity with
    registration, a wish; the board member of A; public writes not throttled."""
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "publiek-schrijven", None)
    locatie = world["locatie_a"]
    ruimte = RuimteFactory(locatie=locatie)
    TariefFactory(ruimte=ruimte)
    activiteit = make_activiteit_met_aanmelding(locatie=locatie, organisator=world["org_a"])
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    bestuur = LidmaatschapFactory(organisatie=world["org_a"], rol=Rol.BESTUUR).user
    return {
        "world": world, "locatie": locatie, "ruimte": ruimte, "activiteit": activiteit,
        "bijeenkomst": bijeenkomst, "reservering": ReserveringFactory(ruimte=ruimte),
        "wens": WensFactory(buurt=world["buurt_a"]), "client": client_for(bestuur),
    }


def _operations(s) -> dict:
    """name -> (method, path template of the schema, the object in its path, a body it accepts)."""
    world, start = s["world"], next_weekday_at(3, 10, weeks_ahead=3)
    slug, bijeenkomst, reservering = s["locatie"].slug, s["bijeenkomst"].pk, s["reservering"].pk
    return {
        "locatie aanmaken": ("post", "/api/v1/locaties", None, {
            "beheerder": world["org_a"].slug, "naam": "Huiskamer Nieuw", "soort": "huiskamer",
            "straat": "Markt", "plaats": "Utrecht", "lat": 52.09, "lon": 5.12, "openSinds": "1995-05-01"}),
        "locatie wijzigen": ("patch", "/api/v1/locaties/{slug}", slug,
                             {"beschrijving": "Nieuw", "openSinds": "1995-05-01", "geslotenSinds": None}),
        "ruimte toevoegen": ("post", "/api/v1/locaties/{slug}/ruimten", slug,
                             {"naam": "Serre", "capaciteit": 12, "oppervlakteM2": 30, "wisseltijdMinuten": 15}),
        "tarief instellen": ("post", "/api/v1/locaties/{slug}/tarieven", slug,
                             {"ruimte": s["ruimte"].pk, "categorie": "commercieel", "prijsPerUur": "40.00",
                              "minimumBedrag": "10.00"}),
        "openingstijd toevoegen": ("post", "/api/v1/locaties/{slug}/openingstijden", slug,
                                   {"weekdag": 2, "van": "09:00", "tot": "12:00"}),
        "sluiting toevoegen": ("post", "/api/v1/locaties/{slug}/sluitingen", slug,
                               {"van": "2030-07-01", "tot": "2030-07-14", "reden": "Zomer"}),
        "activiteit aanmaken": ("post", "/api/v1/activiteiten", None, {
            "locatie": slug, "organisator": world["org_a"].slug, "titel": "Repair café", "soort": "activiteit",
            "start": start.isoformat(), "duurMinuten": 120, "rrule": "FREQ=MONTHLY;BYDAY=1SA",
            "einddatum": (start.date() + timedelta(days=200)).isoformat(), "kosten": "2.50", "capaciteit": 20}),
        "activiteit wijzigen": ("patch", "/api/v1/activiteiten/{slug}", s["activiteit"].slug,
                                {"beschrijving": "Anders", "duurMinuten": 90, "laatstBevestigd": "2026-11-01"}),
        "bijeenkomst annuleren": ("post", "/api/v1/bijeenkomsten/{id}/annuleren", bijeenkomst,
                                  {"notitie": "Ziek"}),
        "bijeenkomst verplaatsen": ("post", "/api/v1/bijeenkomsten/{id}/verplaatsen", bijeenkomst, {
                                        "start": (s["bijeenkomst"].start + timedelta(hours=1)).isoformat(),
                                        "eind": (s["bijeenkomst"].eind + timedelta(hours=1)).isoformat()}),
        "aanwezigen": ("post", "/api/v1/bijeenkomsten/{id}/aanwezigen", bijeenkomst,
                       {"aanwezigen": 12}),
        "aanmelden": ("post", "/api/v1/bijeenkomsten/{id}/aanmeldingen", bijeenkomst,
                      {"naam": "Ans", "email": "ans@example.nl", "aantal": 1}),
        "afmelden": ("post", "/api/v1/aanmeldingen/annuleren", None, {"token": "abc"}),
        "reservering aanvragen": ("post", "/api/v1/reserveringen", None, {
            "ruimte": s["ruimte"].pk, "start": start.isoformat(), "eind": (start + timedelta(hours=2)).isoformat(),
            "huurderNaam": "Koor De Lijster", "huurderEmail": "koor@example.nl", "huurderCategorie": "maatschappelijk"}),
        "reservering bevestigen": ("post", "/api/v1/reserveringen/{id}/bevestigen", reservering, {}),
        "reservering afwijzen": ("post", "/api/v1/reserveringen/{id}/afwijzen", reservering,
                                 {"reden": "Vol"}),
        "reservering annuleren": ("post", "/api/v1/reserveringen/{id}/annuleren", reservering, {}),
        "wens indienen": ("post", "/api/v1/wensen", None,
                          {"buurt": world["buurt_a"].code, "tekst": "Een moestuin", "contactNaam": "Ans"}),
        "wens steunen": ("post", "/api/v1/wensen/{id}/steun", s["wens"].pk, {}),
    }


OPERATIONS = [
    "locatie aanmaken", "locatie wijzigen", "ruimte toevoegen", "tarief instellen", "openingstijd toevoegen",
    "sluiting toevoegen", "activiteit aanmaken", "activiteit wijzigen", "bijeenkomst annuleren",
    "bijeenkomst verplaatsen", "aanwezigen", "aanmelden", "afmelden", "reservering aanvragen",
    "reservering bevestigen", "reservering afwijzen", "reservering annuleren", "wens indienen", "wens steunen",
]


@st.composite
def request_for(draw, operation, fields):
    """(method, path, raw body) for one try at ``operation``: its accepted body, bent."""
    method, template, object_id, body = operation
    shape = draw(st.sampled_from(["fields", "fields", "fields", "any body", "deep", "huge", "id"]))
    if shape == "any body":
        body = draw(ANY_JSON)
    elif shape == "deep":
        # Past Python's recursion limit, or merely past what any body needs.
        nested = "[" * draw(st.sampled_from([40, 900, 5_000, 100_000]))
        nested += "]" * len(nested)
        name = json.dumps(draw(st.sampled_from(sorted(fields) or ["x"])))
        accepted = json.dumps(body)[1:-1]  # its fields, without the braces
        return method, _path(template, object_id), "{" + (accepted + ", " if accepted else "") + f"{name}: {nested}}}"
    elif shape == "huge":
        body = dict(body, **{draw(st.sampled_from(sorted(fields) or ["x"])): "x" * (3 * 1024 * 1024)})
    elif fields:
        body = dict(body)
        for name in draw(st.sets(st.sampled_from(sorted(fields)), min_size=1, max_size=3)):
            if draw(st.integers(0, 9)) == 0:
                body.pop(name, None)
            else:
                body[name] = draw(BY_KIND.get(fields[name], ANY_JSON) | ANY_JSON)
    if shape == "id" and "{id}" in template:
        object_id = draw(st.integers(-(2**70), 2**70))
    return method, _path(template, object_id), json.dumps(body)


def _path(template: str, object_id) -> str:
    return template.replace("{id}", str(object_id)).replace("{slug}", str(object_id))


@pytest.mark.parametrize("name", OPERATIONS)
def test_no_write_answers_5xx(state, body_kinds, name):
    operation = _operations(state)[name]
    method, template = operation[:2]
    assert (method, template) in body_kinds, "not an operation of the schema"
    fields, client = body_kinds[method, template], state["client"]

    @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def tries(data):
        method, path, body = data.draw(request_for(operation, fields))
        response = getattr(client, method)(path, body, content_type="application/json")
        assert response.status_code < 500, (method, path, body[:500], response.content[:500])
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json", (path, body[:500])

    tries()
