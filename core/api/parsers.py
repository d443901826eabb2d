"""The API's JSON parser: DRF's, with limits on what a body may cost.

- A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django's limit for form data,
  2.5 MB unless set) is refused before it is read, from its ``Content-Length``, or once
  more than that has been read when the client sent none: Django's ``RequestDataTooBig``,
  which the exception handler answers with 413. DRF itself reads the stream without
  Django's check, so a 20 MB body would otherwise be parsed whole.
- A body nested deeper than ``MAX_DEPTH`` is a 400. Python's decoder gives up near the
  interpreter's recursion limit (a ``RecursionError``, not a ``ValueError``), and code
  that walks the parsed data recursively would give up sooner; no body of this API
  needs more than a few levels.
"""

import codecs

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

#: The deepest nesting of arrays and objects a body may have.
MAX_DEPTH = 32


def too_large_message() -> str:
    """Why a body was refused, with the limit in MB."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return _("The request body is larger than %(limit)s MB.") % {"limit": number_format(limit / 1024 / 1024, 1)}


def nesting_depth_exceeds(data, limit: int) -> bool:
    """Whether ``data`` nests arrays and objects more than ``limit`` deep; without
    recursion, so any depth is safe to measure."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser, refusing bodies that are too large (413) or too deep (400)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = parser_context.get("request")
        if limit is not None and request is not None:
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                raise RequestDataTooBig(too_large_message())
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise RequestDataTooBig(too_large_message())
        encoding = parsers.get_encoding(parser_context)
        parse_constant = json.strict_constant if self.strict else None
        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, parse_constant=parse_constant)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        except ValueError as exc:
            raise ParseError("JSON parse error - %s" % str(exc)) from None
        if nesting_depth_exceeds(data, MAX_DEPTH):
            raise ParseError(_("The JSON is nested too deeply."))
        return data
