"""drf-spectacular hooks: what the Dutch API Design Rules ask of every operation, added
once here instead of on each view.

- every response documents the ``API-Version`` header; lists the ``Link`` header;
- every operation documents problem+json errors: 400 where it takes input (query
  parameters or a body) and on every write, 401/403 on writes, 404 where the path
  names a resource, 406, 429 and 500 everywhere;
- lists document 404 for a page past the last one;
- a non-JSON representation (iCalendar) is documented as text, not as a paginated list;
- OpenAPI links (``add_links``) lead from a list to its first item, from a created
  object to it, and from an object to the operations on it, so a client (and
  schemathesis' stateful tests) can walk the API with real identifiers.

``ApiAutoSchema`` marks operations anonymous clients may call (reads, and the public
writes: registrations, wishes, rental requests) with the empty security requirement
``{}`` besides the token and session schemes, by asking the view's own permissions.
"""

import re
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.openapi import AutoSchema

from core.exceptions import conflict_error_classes


class ApiAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        if auths and {} not in auths and self._anonymous_allowed():
            auths.append({})
        return auths

    def _anonymous_allowed(self) -> bool:
        """Whether the view's permissions let an anonymous client through (object-level
        permissions aside): then authentication is optional, not required."""
        anonymous = SimpleNamespace(method=self.method, user=AnonymousUser(), auth=None)
        try:
            return all(permission.has_permission(anonymous, self.view) for permission in self.view.get_permissions())
        except (AttributeError, KeyError, TypeError):  # it needs more of the request: say required
            return False

PROBLEM = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (application/problem+json).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Soort fout."},
        "title": {"type": "string", "description": "Korte omschrijving van de soort fout."},
        "status": {"type": "integer", "description": "HTTP-statuscode."},
        "detail": {"type": "string", "description": "Uitleg bij deze fout."},
        "instance": {"type": "string", "nullable": True, "description": "Het verzoek waarop de fout terugkomt."},
        "invalidParams": {
            "type": "array",
            "description": "Per parameter of veld wat er niet klopt (alleen bij 400).",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}


def problem_schema() -> dict:
    """``PROBLEM`` with the members every ``ConflictError`` subclass adds to its 409."""
    schema = {**PROBLEM, "properties": dict(PROBLEM["properties"])}
    for cls in conflict_error_classes():
        schema["properties"].update(cls.problem_schema)
    return schema


ERROR_DESCRIPTIONS = {
    "400": "De invoer klopt niet; zie invalidParams.",
    "401": "Inloggen is nodig (token of sessie).",
    "403": "U mag dit niet.",
    "404": "Niet gevonden.",
    "406": "Deze weergave (Accept) is niet beschikbaar.",
    "409": "Dit botst met de huidige toestand.",
    "429": "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
    "500": "Er ging aan onze kant iets mis.",
}

API_VERSION_HEADER = {
    "description": "Volledige versie van de API (semantic versioning).",
    "schema": {"type": "string", "example": "1.0.0"},
}
LINK_HEADER = {
    "description": "Links naar andere pagina's (RFC 8288): first, prev, next, last.",
    "schema": {"type": "string"},
}
RETRY_AFTER_HEADER = {"description": "Seconden tot een nieuw verzoek kan.", "schema": {"type": "integer"}}

WRITE_METHODS = {"post", "put", "patch", "delete"}


PAGE_NOT_FOUND = "Deze pagina bestaat niet: zij ligt voorbij de laatste."


def _problem_response(code: str, description: str | None = None) -> dict:
    response = {
        "description": description or ERROR_DESCRIPTIONS[code],
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
    }
    if code == "429":
        response["headers"]["Retry-After"] = RETRY_AFTER_HEADER
    return response


def add_api_design_rules(result, generator, request, public):
    """Postprocessing hook: problem responses and headers on every operation."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = problem_schema()
    components.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in {"get", "head", "post", "put", "patch", "delete", "options"}:
                continue
            responses = operation.setdefault("responses", {})
            has_input = bool(operation.get("requestBody")) or any(
                parameter.get("in") == "query" for parameter in operation.get("parameters", [])
            )
            codes = ["406", "429", "500"]
            if has_input or method in WRITE_METHODS:
                # A write without input may still be refused by its service: confirming a
                # reservation that was cancelled is a 400 that names the reason.
                codes.append("400")
            if "{" in path:
                codes.append("404")
            security = operation.get("security", [{}])
            schemes = any(requirement for requirement in security)
            if schemes:
                # Wrong credentials are refused even where none are needed.
                codes.append("401")
                if method in WRITE_METHODS or {} not in security:
                    # No permission; or, with a session, no CSRF token.
                    codes.append("403")
            if any(parameter.get("name") == "page" and parameter.get("in") == "query"
                   for parameter in operation.get("parameters", [])):
                responses.setdefault("404", _problem_response("404", PAGE_NOT_FOUND))
            for code in codes:
                responses.setdefault(code, _problem_response(code))
            for code, response in responses.items():
                headers = response.setdefault("headers", {})
                headers.setdefault("API-Version", {"$ref": "#/components/headers/API-Version"})
                content = response.get("content", {})
                for media_type, media in content.items():
                    if media_type == "text/calendar":
                        media["schema"] = {"type": "string", "description": "iCalendar (RFC 5545)."}
                    ref = media.get("schema", {}).get("$ref", "")
                    if ref.startswith("#/components/schemas/Paginated"):
                        headers.setdefault("Link", LINK_HEADER)
                # Error responses drf-spectacular generated itself use the Problem schema too.
                if code.startswith(("4", "5")):
                    response["content"] = {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                    }
    return result


def exclude_catch_all(endpoints):
    """Preprocessing hook: leave the catch-all 404 route out of the schema."""
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith("/api/v1/{")
            and "(?P<" not in endpoint[0] and endpoint[0].startswith("/api/v1/")]


#: Links the paths alone do not show: the answer to a registration carries the token
#: that cancels it. (operationId, status, target operationId, requestBody, description)
BODY_LINKS = [
    ("bijeenkomsten_aanmeldingen_create", "201", "aanmeldingen_annuleren_create",
     {"token": "$response.body#/annuleerToken"}, "Afmelden met het token uit deze aanmelding."),
]


def _properties(result, schema: dict) -> dict:
    """The properties of a response schema, following one ``$ref``."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = result["components"]["schemas"].get(ref.rsplit("/", 1)[1], {})
    return schema.get("properties", {})


def _json_schema(operation: dict, status: str) -> dict:
    content = operation.get("responses", {}).get(status, {}).get("content", {})
    return content.get("application/json", {}).get("schema", {})


def _link(operation_id: str, description: str, parameters: dict | None = None, body=None) -> dict:
    link = {"operationId": operation_id, "description": description}
    if parameters:
        link["parameters"] = parameters
    if body is not None:
        link["requestBody"] = body
    return link


def _add_link(operation: dict, status: str, name: str, link: dict) -> None:
    response = operation.get("responses", {}).get(status)
    if response is not None:
        response.setdefault("links", {})[name] = link


def add_links(result, generator, request, public):
    """Postprocessing hook: OpenAPI links from every list to the detail of its first
    item, from a create to the created object, and from a detail to every operation on
    the same object (its changes, actions and sub-resources). A link is only made where
    the answer holds the field it reads, so none points into the void."""
    paths = result.get("paths", {})
    for detail_path, item in paths.items():
        match = re.fullmatch(r"(.*)/\{(\w+)\}", detail_path)
        if not match or "get" not in item:
            continue
        collection, parameter = match[1], match[2]
        detail = item["get"]
        detail_id = detail["operationId"]
        listing = paths.get(collection, {}).get("get")
        if listing is not None:
            page = _properties(result, _json_schema(listing, "200"))
            if parameter in _properties(result, page.get("resultaten", {}).get("items", {})):
                _add_link(listing, "200", detail_id, _link(
                    detail_id, "Het eerste resultaat op deze pagina.",
                    {parameter: f"$response.body#/resultaten/0/{parameter}"},
                ))
        create = paths.get(collection, {}).get("post")
        if create is not None and parameter in _properties(result, _json_schema(create, "201")):
            _add_link(create, "201", detail_id, _link(
                detail_id, "Wat zojuist is aangemaakt.", {parameter: f"$response.body#/{parameter}"},
            ))
        for path, methods in paths.items():
            if path != detail_path and not path.startswith(detail_path + "/"):
                continue
            for method, operation in methods.items():
                if method in WRITE_METHODS | {"get"} and operation is not detail:
                    _add_link(detail, "200", operation["operationId"], _link(
                        operation["operationId"], operation.get("summary", ""),
                        {parameter: f"$request.path.{parameter}"},
                    ))
    operations = {
        operation["operationId"]: operation
        for methods in paths.values() for method, operation in methods.items() if method in WRITE_METHODS | {"get"}
    }
    for source, status, target, body, description in BODY_LINKS:
        if source in operations and target in operations:
            _add_link(operations[source], status, target, _link(target, description, body=body))
    return result
