"""schemathesis over every operation, in-process (WSGI): no 5xx, no undocumented status
code, header or content type, no answer that breaks the schema (formats checked: a
``format: time`` that is not an RFC 3339 time fails), no schema-violating request
accepted, and authentication enforced where the schema says it is required
(operations open to anonymous clients list ``{}`` among their security requirements).

The data exists before the first request (``owned_objects``): a list with no items, or a
path naming nothing, checks nothing of its items. That is why this test once passed
while ``/buurten`` left out a required ``grens`` and opening hours broke ``format: time``:
there was no buurt and no opening hour, and every detail path was a 404. So every
operation runs with the token of a board member of the organisation that owns the
objects, schema-valid cases name real objects in their paths and bodies, and each
operation must have answered a 2xx at least once. The public writes run once more
without a token.

Derandomized: the same cases every run.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

# The coverage phase (every boundary and every negation of every parameter) sent about
# 3,300 requests here, some 90 s; the fuzzing phase, positive and negative, with
# FUZZ_EXAMPLES examples per operation keeps this test within its budget.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
FUZZ_EXAMPLES = 15

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)

SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)

#: Operations a generated case cannot make succeed, and why.
NO_SUCCESS_EXPECTED = {
    # Needs the signed token from a registration's answer: test_schemathesis_stateful.py
    # follows the link from the registration to it.
    "POST /api/v1/aanmeldingen/annuleren": "the token of a registration",
    # Attendance is recorded after the start, and every occurrence here lies ahead.
    "POST /api/v1/bijeenkomsten/{id}/aanwezigen": "an occurrence that has started",
}


def _is_public_write(ctx) -> bool:
    definition = ctx.operation.definition.raw
    return ctx.operation.method.upper() == "POST" and {} in definition.get("security", [{}])


public_writes = schema.include(_is_public_write)


def _name_real_objects(case, objects) -> None:
    """Point a schema-valid case at the owned objects: its path at a real one, the
    references in its body (place, room, organisation, buurt) at real ones and its
    start and end at a free slot ahead, so that it reaches the service."""
    if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return
    if case.path_parameters:
        resource = case.operation.path.strip("/").split("/")[2]
        for name in case.path_parameters:
            case.path_parameters[name] = objects.path_values[resource]
    if isinstance(case.body, dict):
        for name, value in objects.body_values.items():
            if name in case.body:
                case.body[name] = value


@pytest.fixture
def answers(request):
    """Status codes this operation answered; afterwards, that one of them was a 2xx."""
    statuses = Counter()
    yield statuses
    operation = request.node.name.split("[", 1)[1].rstrip("]")
    if operation not in NO_SUCCESS_EXPECTED:
        assert any(200 <= status < 300 for status in statuses), (
            f"{operation} never answered a 2xx: {dict(statuses)}"
        )


def _call(case, objects, answers, headers=None):
    # Throttle counts live in the cache: every case starts from zero.
    cache.clear()
    _name_real_objects(case, objects)
    response = case.call(headers=headers)
    if case.method.upper() == case.operation.method.upper():  # not a probe with another method
        answers[response.status_code] += 1
    # A schema-valid body may still be refused by the services (a made-up cancel token,
    # a date in the past): 400 then is right, so that check is left out.
    case.validate_response(
        response, headers=headers, excluded_checks=[positive_data_acceptance],
        transport_kwargs={"headers": headers} if headers else None,
    )


@schema.parametrize()
@SETTINGS
def test_api_conforms(case, owned_objects, answers, wsgi_keeps_test_connection):
    _call(case, owned_objects, answers, headers={"Authorization": f"Token {owned_objects.token}"})


@public_writes.parametrize()
@SETTINGS
def test_public_writes_conform_without_a_token(case, owned_objects, answers, wsgi_keeps_test_connection):
    _call(case, owned_objects, answers)
