"""Throttles: anonymous reads per client address, public writes (registrations, wishes,
rental requests) per client address whoever is logged in.

Each counts requests in fixed windows of the rate's duration ("600/minute": at most 600
in each clock minute), one counter per client and window, so a check costs the same
however busy the client is (DRF's own throttles keep and copy the time of every request
in the window). ``Retry-After`` is the time to the next window.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` read at request time, so a
test or an operator can change them without re-importing. The client address is
``REMOTE_ADDR``, or the one ``API_NUM_PROXIES`` proxies back in ``X-Forwarded-For``.

The counts are shared by every web process (``core.counters``: a PostgreSQL table by
default, Redis or Valkey if configured), so three gunicorn workers or three machines
keep one limit together. Public writes count every request there. Anonymous reads, which
are many and often answered from the per-process cache without any query, take a block
of ``1/BLOCK_DIVISOR`` of the limit at a time and spend it locally: a cached answer then
rarely costs a round trip. Blocks never let a client past the limit; at worst a client
spread over P processes is refused up to (P - 1) x (block - 1) requests early.
"""

import math
import threading

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core import counters

#: Requests a process may spend locally per block for a throttle with blocks: 1/50 of
#: the limit (12 of 600/minute), so the early refusal across processes stays small.
BLOCK_DIVISOR = 50
#: Local blocks kept before the ones of past windows are dropped.
_MAX_LOCAL_BLOCKS = 10_000

# What this process still holds of its blocks: counter key -> [requests left, expires].
_local_blocks: dict[str, list] = {}
_local_lock = threading.Lock()


def forget_local_blocks() -> None:
    """Drop what this process holds of its blocks (tests, between their databases)."""
    with _local_lock:
        _local_blocks.clear()


class FixedWindowThrottle(SimpleRateThrottle):
    #: Whether this throttle takes blocks of the limit (see the module's docstring).
    uses_blocks = False

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        window, self.into_window = divmod(now, self.duration)
        counter = f"{key}:{int(window)}"
        expires = (window + 1) * self.duration
        if self.uses_blocks and self._spend_local(counter, now):
            return True
        block = max(1, self.num_requests // BLOCK_DIVISOR) if self.uses_blocks else 1
        total = counters.add(counter, block, now=now, expires=expires)
        # What of this block still fits under the limit: the count before it was total - block.
        granted = min(block, self.num_requests - (total - block))
        if granted <= 0:
            return False
        if granted > 1:
            self._keep_local(counter, granted - 1, expires, now)
        return True

    @staticmethod
    def _spend_local(counter: str, now: float) -> bool:
        with _local_lock:
            held = _local_blocks.get(counter)
            if held is None or held[1] <= now:
                return False
            held[0] -= 1
            if held[0] == 0:
                del _local_blocks[counter]
            return True

    @staticmethod
    def _keep_local(counter: str, left: int, expires: float, now: float) -> None:
        with _local_lock:
            if len(_local_blocks) >= _MAX_LOCAL_BLOCKS:
                for stale in [k for k, (_, until) in _local_blocks.items() if until <= now]:
                    del _local_blocks[stale]
                if len(_local_blocks) >= _MAX_LOCAL_BLOCKS:
                    # Forgetting blocks only refuses early, never lets anyone past the limit.
                    _local_blocks.clear()
            held = _local_blocks.setdefault(counter, [0, expires])
            held[0] += left

    def wait(self):
        return max(1, math.ceil(self.duration - self.into_window))


class AnonReadThrottle(FixedWindowThrottle):
    """Anonymous GETs and HEADs, per client address."""

    scope = "anon-lezen"
    uses_blocks = True

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
