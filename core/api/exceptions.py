"""Every 4xx and 5xx as ``application/problem+json`` (RFC 9457).

A database that cannot be reached answers 503 with ``Retry-After`` (``core.outage``),
here for DRF's views and in ``problem_response`` for errors outside them.
Bad input names each field in ``invalidParams`` (the Dutch API Design Rules' extension);
a ``core.exceptions.ConflictError`` (a reservation clash, say) answers 409 with the
members its class adds (the reservations in the way). A service's
Django ``ValidationError`` becomes 400 here, so views only call services. A body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``RequestDataTooBig``, from the JSON parser or Django)
answers 413.
"""

import json
import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

from core import outage
from core.exceptions import ConflictError

from . import API_VERSION
from .parsers import too_large_message

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
# The "about:blank" type of RFC 9457 would do; a page per status lets a developer read more.
PROBLEM_TYPE = "https://www.rfc-editor.org/rfc/rfc9110#status.{status}"

# Marked for translation here, translated per request in _title().
TITLES = {
    400: gettext_noop("The request is not valid."),
    401: gettext_noop("Authentication is needed."),
    403: gettext_noop("You may not do this."),
    404: gettext_noop("Not found."),
    405: gettext_noop("This method is not allowed here."),
    406: gettext_noop("This representation is not available."),
    409: gettext_noop("This conflicts with the current state."),
    413: gettext_noop("The request is too large."),
    415: gettext_noop("This media type is not supported."),
    429: gettext_noop("Too many requests."),
    500: gettext_noop("Something went wrong on our side."),
    503: gettext_noop("The service is unavailable for a moment."),
}

# The detail of a 500 and a 503, marked here and translated per request.
DETAILS = {
    500: gettext_noop("Please try again later."),
    503: gettext_noop("The database cannot be reached right now. Please try again in a minute."),
}


def _title(status_code: int) -> str:
    return _(TITLES.get(status_code, gettext_noop("Error.")))


class ServiceValidationError(exceptions.APIException):
    """A service's ValidationError, with its field names translated to the API's names."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, error: DjangoValidationError, field_names: dict[str, str] | None = None):
        self.error = error
        self.field_names = field_names or {}
        super().__init__(detail=" ".join(error.messages))


def _problem_body(status_code: int, detail: str, request=None, **extra) -> dict:
    body = {
        "type": PROBLEM_TYPE.format(status=status_code),
        "title": _title(status_code),
        "status": status_code,
        "detail": detail,
        "instance": request.get_full_path() if request is not None else None,
    }
    body.update(extra)
    return body


def problem(status_code: int, detail: str, request=None, headers=None, **extra) -> Response:
    """A problem+json response for ``status_code``."""
    body = _problem_body(status_code, detail, request, **extra)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_JSON)


def problem_response(status_code: int, request, detail: str | None = None) -> HttpResponse:
    """A problem+json outside DRF (an error in a middleware, a plain view under /api/),
    where no renderer is at hand; never stored by a cache. ``detail`` defaults to the
    one of a 500 or 503."""
    body = _problem_body(status_code, detail if detail is not None else _(DETAILS[status_code]), request)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status_code, content_type=PROBLEM_JSON,
        headers={"API-Version": API_VERSION, "Cache-Control": "no-store"},
    )


def _invalid_params(detail, prefix="") -> list[dict]:
    """Flatten DRF's nested error detail into ``[{name, code, reason}]``."""
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key == "non_field_errors" else (f"{prefix}.{key}" if prefix else str(key))
            params += _invalid_params(value, name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)) and not isinstance(value, exceptions.ErrorDetail):
                params += _invalid_params(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                params += _invalid_params(value, prefix)
    else:
        params.append(
            {"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid") or "invalid", "reason": str(detail)}
        )
    return params


def _django_invalid_params(error: DjangoValidationError, field_names: dict[str, str]) -> list[dict]:
    params = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = "nonFieldErrors" if field == "__all__" else field_names.get(field, field)
            for item in errors:
                params.append({"name": name, "code": item.code or "invalid", "reason": " ".join(item.messages)})
    else:
        for item in error.error_list:
            params.append({"name": "nonFieldErrors", "code": item.code or "invalid", "reason": " ".join(item.messages)})
    return params


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error as problem+json."""
    request = context.get("request")
    if isinstance(exc, ConflictError):
        return problem(409, " ".join(exc.messages), request, **exc.problem_members())
    if isinstance(exc, ServiceValidationError):
        if isinstance(exc.error, ConflictError):
            return problem_exception_handler(exc.error, context)
        return problem(
            400, str(exc.detail), request,
            invalidParams=_django_invalid_params(exc.error, exc.field_names),
        )
    if isinstance(exc, DjangoValidationError):
        return problem(400, " ".join(exc.messages), request, invalidParams=_django_invalid_params(exc, {}))
    if isinstance(exc, RequestDataTooBig):
        return problem(413, too_large_message(), request)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        if isinstance(exc, exceptions.ValidationError):
            detail = as_serializer_error(exc)
            return problem(
                400, _("Some input is not valid; see invalidParams."), request, headers,
                invalidParams=_invalid_params(detail),
            )
        detail = exc.detail if isinstance(exc.detail, str) else _title(exc.status_code)
        return problem(exc.status_code, str(detail), request, headers)

    if outage.database_unavailable(exc):
        logger.warning("Database unreachable in the API: %s", exc)
        return problem(
            503, _(DETAILS[503]), request, {"Retry-After": str(outage.RETRY_AFTER_SECONDS)},
        )
    # An unexpected error still answers in the API's format; the traceback goes to the log.
    logger.exception("Unhandled error in the API", exc_info=exc)
    return problem(500, _(DETAILS[500]), request)
