"""Throttles: anonymous reads per client address, public writes (registrations, wishes,
rental requests) per client address whoever is logged in.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` read at request time, so a
test or an operator can change them without re-importing. Counts live in the default
cache: with several web servers, point it at a shared cache.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _RuntimeRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonReadThrottle(_RuntimeRateThrottle):
    """Anonymous GETs and HEADs, per client address."""

    scope = "anon-lezen"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicWriteThrottle(_RuntimeRateThrottle):
    """Writes anyone may do, per client address; views list it in ``throttle_classes``
    of exactly those actions."""

    scope = "publiek-schrijven"

    def get_cache_key(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
