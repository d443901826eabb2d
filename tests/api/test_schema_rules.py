"""The generated OpenAPI document follows the Dutch API Design Rules, checked rule by rule."""

import re

import pytest

pytestmark = pytest.mark.django_db

SEGMENT = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|\{[a-zA-Z]+\})$")
LOWER_CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_readable_anonymously_with_contact_and_dutch_description(schema):
    info = schema["info"]
    assert schema["openapi"].startswith("3.")
    assert info["contact"]["email"] and info["contact"]["name"]
    assert "ontmoetingsplekken" in info["description"]
    for path, method, operation in _operations(schema):
        assert operation.get("description") or operation.get("summary"), (method, path)


def test_paths_are_versioned_kebab_case_without_trailing_slash(schema):
    for path in schema["paths"]:
        assert path.startswith("/api/v1/"), path
        assert not path.endswith("/"), path
        for segment in path.removeprefix("/api/v1/").split("/"):
            assert SEGMENT.match(segment), (path, segment)


def test_query_parameters_are_lower_camel_case(schema):
    for path, _method, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                assert LOWER_CAMEL.match(parameter["name"]), (path, parameter["name"])


def test_every_response_has_an_api_version_header(schema):
    for path, method, operation in _operations(schema):
        for code, response in operation["responses"].items():
            assert "API-Version" in response.get("headers", {}), (method, path, code)


def test_errors_are_problem_json_and_400_is_documented_where_there_is_input_or_a_write(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        has_input = "requestBody" in operation or any(p["in"] == "query" for p in operation.get("parameters", []))
        # A write without input may be refused too: confirming a cancelled reservation.
        if has_input or method != "get":
            assert "400" in responses, (method, path)
        for code, response in responses.items():
            if code.startswith(("4", "5")):
                assert list(response.get("content", {})) == ["application/problem+json"], (method, path, code)
        assert "429" in responses


def _schemas_in(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _schemas_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schemas_in(value)


def test_times_of_day_are_clock_times_not_rfc3339_times(schema):
    """``format: time`` is an RFC 3339 full-time, with seconds and an offset; an opening
    hour has neither, so it is a string with a pattern."""
    assert not [node for node in _schemas_in(schema) if node.get("format") == "time"]
    answer = schema["components"]["schemas"]["Openingstijd"]["properties"]
    write = schema["components"]["schemas"]["OpeningstijdRequest"]["properties"]
    for name in ("van", "tot"):
        assert re.fullmatch(answer[name]["pattern"], "08:30")
        assert not re.fullmatch(answer[name]["pattern"], "08:30:00")
        assert all(re.fullmatch(write[name]["pattern"], value) for value in ("08:30", "08:30:00", "00:00"))
        assert not re.fullmatch(write[name]["pattern"], "24:00")


def test_every_list_links_to_its_items_and_every_item_to_its_operations(schema):
    paths = schema["paths"]
    for path, item in paths.items():
        match = re.fullmatch(r"(.*)/\{(\w+)\}", path)
        if not match or "get" not in item:
            continue
        detail = item["get"]["operationId"]
        links = paths[match[1]]["get"]["responses"]["200"]["links"]
        assert links[detail]["parameters"] == {match[2]: f"$response.body#/resultaten/0/{match[2]}"}, path
        for other, methods in paths.items():
            if other.startswith(path + "/") or other == path:
                for _method, operation in methods.items():
                    if operation["operationId"] != detail:
                        assert operation["operationId"] in item["get"]["responses"]["200"]["links"], (path, other)


def test_dates_are_format_date(schema):
    for path, _method, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["name"] in ("van", "tot"):
                assert parameter["schema"].get("format") == "date", (path, parameter)


def test_lists_paginate_with_page_and_page_size_and_a_link_header(schema):
    for path, _method, operation in _operations(schema):
        names = {p["name"] for p in operation.get("parameters", [])}
        if "page" not in names:
            continue
        assert "pageSize" in names, path
        ok = operation["responses"]["200"]
        assert "Link" in ok["headers"], path


def test_list_endpoints_are_paginated(schema):
    for path in ("/api/v1/locaties", "/api/v1/activiteiten", "/api/v1/bijeenkomsten", "/api/v1/wensen",
                 "/api/v1/vacatures", "/api/v1/gemeenten", "/api/v1/wijken", "/api/v1/buurten"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"page", "pageSize"} <= names, path


def test_writes_other_than_the_public_ones_document_401_and_403(schema):
    public = {("/api/v1/bijeenkomsten/{id}/aanmeldingen", "post"), ("/api/v1/aanmeldingen/annuleren", "post"),
              ("/api/v1/wensen", "post"), ("/api/v1/wensen/{id}/steun", "post")}
    for path, method, operation in _operations(schema):
        if method != "get" and (path, method) not in public:
            assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_no_personal_data_in_public_read_schemas(schema):
    personal = {"huurderNaam", "huurderEmail", "huurderTelefoon", "contactNaam", "naam"}
    components = schema["components"]["schemas"]
    for name in ("Bijeenkomst", "Wens", "Vacature", "Activiteit"):
        properties = set(components[name]["properties"])
        assert not (properties & (personal - {"naam"})), name
