"""Throttles: anonymous reads per client address, public writes (registrations, wishes,
rental requests) per client address whoever is logged in.

Each counts requests in fixed windows of the rate's duration ("600/minute": at most 600
in each clock minute), one counter per client and window, so a check costs the same
however busy the client is (DRF's own throttles keep and copy the time of every request
in the window). ``Retry-After`` is the time to the next window.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` read at request time, so a
test or an operator can change them without re-importing. The client address is
``REMOTE_ADDR``, or the one ``API_NUM_PROXIES`` proxies back in ``X-Forwarded-For``.
Counts live in the default cache: with several web servers, point it at a shared cache.
"""

import math

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class FixedWindowThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        window, self.into_window = divmod(self.timer(), self.duration)
        counter = f"{key}:{int(window)}"
        if self.cache.add(counter, 1, timeout=self.duration + 1):
            return True
        try:
            return self.cache.incr(counter) <= self.num_requests
        except ValueError:  # the counter expired between add and incr
            self.cache.add(counter, 1, timeout=self.duration + 1)
            return True

    def wait(self):
        return max(1, math.ceil(self.duration - self.into_window))


class AnonReadThrottle(FixedWindowThrottle):
    """Anonymous GETs and HEADs, per client address."""

    scope = "anon-lezen"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicWriteThrottle(FixedWindowThrottle):
    """Writes anyone may do, per client address; views list it in ``throttle_classes``
    of exactly those actions."""

    scope = "publiek-schrijven"

    def get_cache_key(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
