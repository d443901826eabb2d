"""Counters every web process shares: what the throttles count requests in.

A counter is named by a key and lives until its ``expires`` (wall-clock seconds since
the epoch); ``add`` adds to it and returns the new total in one atomic step, so any
number of processes on any number of machines can count together and none of their
additions is lost.

Where the counts live:

- by default in PostgreSQL, the table ``core_counter`` (``UNLOGGED``: no write-ahead
  log, emptied after a crash, which at worst forgives one window). One statement,
  ``INSERT ... ON CONFLICT (key) DO UPDATE SET count = count + n RETURNING count``, takes
  the row's lock for its own duration only, so concurrent additions queue and each sees
  the total including its own. Nothing to install or configure: ``migrate`` creates it.
- in a Redis or Valkey server when ``settings.COUNTER_CACHE`` names a cache of
  ``CACHES`` (the settings make one from ``API_THROTTLE_REDIS_URL``); ``add`` and ``incr``
  are atomic there too, and the server expires the keys.

Old rows go without a scheduled job: when ``add`` starts a new counter (a client's first
request in a window), it deletes up to ``PURGE_BATCH`` rows that expired, skipping rows
another process holds, so the table stays about as large as the number of clients in
the current windows.
"""

import math

from django.conf import settings
from django.core.cache import caches
from django.db import connection

#: Expired rows deleted at most per new counter: enough to keep up, never a long statement.
PURGE_BATCH = 500

# A row that expired but was not purged yet starts again from this addition.
_ADD = """
INSERT INTO core_counter AS c (key, count, expires) VALUES (%(key)s, %(amount)s, %(expires)s)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN c.expires <= %(now)s THEN EXCLUDED.count ELSE c.count + EXCLUDED.count END,
    expires = CASE WHEN c.expires <= %(now)s THEN EXCLUDED.expires ELSE c.expires END
RETURNING count, (xmax = 0) AS inserted
"""

_PURGE = """
DELETE FROM core_counter WHERE key IN (
    SELECT key FROM core_counter WHERE expires < %s LIMIT %s FOR UPDATE SKIP LOCKED
)
"""


def add(key: str, amount: int, *, now: float, expires: float) -> int:
    """Add ``amount`` to the counter ``key`` (created at 0 if it does not exist or has
    expired) and return its new total. ``now`` and ``expires`` are wall-clock seconds
    since the epoch, passed in so the caller's clock is the only one."""
    cache_alias = getattr(settings, "COUNTER_CACHE", None)
    if cache_alias:
        return _add_in_cache(cache_alias, key, amount, timeout=expires - now)
    with connection.cursor() as cursor:
        cursor.execute(_ADD, {"key": key, "amount": amount, "expires": expires, "now": now})
        total, inserted = cursor.fetchone()
        if inserted:
            cursor.execute(_PURGE, [now, PURGE_BATCH])
    return total


def _add_in_cache(alias: str, key: str, amount: int, *, timeout: float) -> int:
    cache = caches[alias]
    seconds = max(1, math.ceil(timeout))
    if cache.add(key, amount, timeout=seconds):
        return amount
    try:
        return cache.incr(key, amount)
    except ValueError:  # it expired between add and incr: this is the first of a new one
        if cache.add(key, amount, timeout=seconds):
            return amount
        return cache.incr(key, amount)


def clear() -> None:
    """Forget every count (tests, or an operator lifting all throttles at once)."""
    cache_alias = getattr(settings, "COUNTER_CACHE", None)
    if cache_alias:
        caches[cache_alias].clear()
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_counter")
