"""schemathesis, stateful, in-process (WSGI): scenarios that follow the schema's OpenAPI
links (``core.api.schema.add_links``) from the lists to their items and from an
item to the operations on it, with the identifiers the answers hold, and check every
answer as test_schemathesis.py does (formats included).

Bounded and derandomized: a fixed number of short scenarios, the same every run.
Afterwards the details behind the links must have answered 200: a link that points
nowhere, or an answer without the field it reads, fails this test.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

# Schema-valid requests only: test_schemathesis.py sends the invalid ones; here they
# would only end scenarios before they follow a link. And only the schema's own links:
# schemathesis would infer more, but this test is about the ones clients see.
CONFIG = SchemathesisConfig.from_dict({
    "generation": {"mode": "positive"},
    "phases": {"stateful": {"inference": {"algorithms": []}}},
})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)

SETTINGS = settings(
    max_examples=8, stateful_step_count=3, deadline=None, derandomize=True,
    suppress_health_check=list(HealthCheck),
)

#: Per list, the detail its links must lead to, and the paths the scenarios may take
#: from there (the detail's operations; a registration links on to cancelling it).
#: One state machine per list: in one machine over all operations, the scenarios
#: (derandomized, so drawn alike) kept to the first few lists.
RESOURCES = {
    "bijeenkomsten": ("GET /api/v1/bijeenkomsten/{id}", r"^/api/v1/(bijeenkomsten|aanmeldingen)(/|$)"),
    "wensen": ("GET /api/v1/wensen/{id}", r"^/api/v1/wensen(/|$)"),
    "locaties": ("GET /api/v1/locaties/{slug}", r"^/api/v1/locaties(/|$)"),
    "activiteiten": ("GET /api/v1/activiteiten/{slug}", r"^/api/v1/activiteiten(/|$)"),
    "reserveringen": ("GET /api/v1/reserveringen/{id}", r"^/api/v1/reserveringen(/|$)"),
    "vacatures": ("GET /api/v1/vacatures/{id}", r"^/api/v1/vacatures(/|$)"),
    "buurten": ("GET /api/v1/buurten/{code}", r"^/api/v1/buurten(/|$)"),
    "wijken": ("GET /api/v1/wijken/{code}", r"^/api/v1/wijken(/|$)"),
    "gemeenten": ("GET /api/v1/gemeenten/{code}", r"^/api/v1/gemeenten(/|$)"),
}


@pytest.mark.parametrize("resource", RESOURCES)
def test_links_lead_from_the_list_to_its_items(resource, owned_objects, wsgi_keeps_test_connection):
    detail, paths = RESOURCES[resource]
    answered = Counter()

    class Scenarios(schema.include(path_regex=paths).as_state_machine()):
        def setup(self):
            # Each scenario starts from the same data (Hypothesis replays scenarios and
            # needs the same answers to them): a savepoint, rolled back afterwards.
            self._savepoint = transaction.atomic()
            self._savepoint.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._savepoint.__exit__(None, None, None)

        def before_call(self, case):
            # Throttle counts live in the cache: every call starts from zero.
            cache.clear()
            if case.operation.method.upper() == "GET" and not case.path_parameters:
                # A list unfiltered, so that it has a first item to link to: the filters
                # are fuzzed in test_schemathesis.py.
                case.query = {}

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Token {owned_objects.token}"}}

        def after_call(self, response, case):
            answered[(case.operation.label, response.status_code)] += 1

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # A schema-valid body may still be refused by the services: 400 then is right.
            case.validate_response(
                response, headers=kwargs.get("headers"), excluded_checks=[positive_data_acceptance],
                transport_kwargs=kwargs,
            )

    Scenarios.run(settings=SETTINGS)

    assert answered[(detail, 200)], f"no 200 through a link for {detail}; answered {dict(answered)}"
