"""The API's renderers: JSON through orjson, GeoJSON for places and iCalendar for
occurrences.

An error raised while one of these was negotiated is still rendered as problem+json.
"""

import orjson
from rest_framework.renderers import BaseRenderer
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

# Types orjson would write in its own way: handed to DRF's encoder instead, so an answer
# reads exactly as it did with the standard library (dates with "Z" for UTC, and so on).
_PASSTHROUGH = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
# DRF escapes these two (valid JSON, but not valid JavaScript before ES2019).
_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


class JSONRenderer(DRFJSONRenderer):
    """DRF's compact JSON, written by orjson: the same bytes, several times faster on
    the long lists (most of a cold answer's rendering time with the standard library).
    One difference in form, not in value: a float below 1e-4 or from 1e16 on has its
    exponent written the short way (``1e-7``, not Python's ``1e-07``).

    Anything orjson does not write the same way (an indented answer asked for with
    ``; indent=``, integers beyond 64 bits, the non-default ``UNICODE_JSON`` and
    ``COMPACT_JSON`` settings) is left to DRF's renderer."""

    _encode_default = JSONEncoder().default

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indented = self.get_indent(accepted_media_type or "", renderer_context or {}) is not None
        if indented or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            content = orjson.dumps(data, default=self._encode_default, option=_PASSTHROUGH)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for raw, escaped in _LINE_SEPARATORS:
            if raw in content:
                content = content.replace(raw, escaped)
        return content


class ProblemJSONRenderer(JSONRenderer):
    """Lets clients that ask only for ``application/problem+json`` get errors."""

    media_type = "application/problem+json"
    format = "problem"


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class ICalendarRenderer(BaseRenderer):
    """Passes through a calendar the view built with ``activiteiten.ical``."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        if isinstance(data, str):
            return data.encode("utf-8")
        # An error body (a dict): JSON, with the problem+json content type the handler set.
        return JSONRenderer().render(data, "application/json", renderer_context)
