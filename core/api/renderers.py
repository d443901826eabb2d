"""Renderers besides JSON: GeoJSON for places and iCalendar for occurrences.

An error raised while one of these was negotiated is still rendered as problem+json.
"""

from rest_framework.renderers import BaseRenderer, JSONRenderer


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
