"""A cache of public API answers in each web process, emptied the moment the data changes.

What is kept: the answer to an anonymous GET (no ``Authorization`` header, no session
cookie) that is a 200 with ``Cache-Control: public`` and carries nothing of its visitor's
own (no CSRF token; views can also opt out with ``cache_answers = False``), for
``API_CACHE_SECONDS`` (the same 60 s the answer already allows any CDN), keyed by the
absolute URL, the ``Accept`` header and the language. At most ``API_CACHE_MAX_BYTES``
per process, keys and headers counted; the least recently used answers go first. A hit
skips the view, not the anonymous throttle or conditional requests (304).

When it is emptied: PostgreSQL tells every process. A statement-level trigger on each
table of the apps whose data the API shows runs ``pg_notify('api_gegevens', '')``
(``install_change_triggers``, which the project runs after every ``migrate`` for the
apps it names: ``ontmoeting.api_cache``); PostgreSQL delivers a
notification when the transaction commits, whatever wrote the rows (a service, a bulk
import, COPY, psql), and any statement empties the whole cache, even one that changed no
row. A thread in each process LISTENs on its own connection and empties the cache on
each notification. So an answer is never older than the last commit the process has
heard of: a few milliseconds later, or, if the listening connection died without a
word, within ``HEALTH_CHECK_SECONDS`` (it is checked that often when quiet). What
depends on the clock rather than on the data (the default period starts today) is at
most ``API_CACHE_SECONDS`` old, as in any CDN. With read replicas, the listener and the
views must read from the same server, or a lagging replica refills the cache.

Race with a commit: each answer is stored with the generation (count of emptyings) seen
before its view ran; if a notification arrived meanwhile, it is not stored. While the
listening thread has no connection (not yet started, or the database went away), nothing
is served from or stored in the cache, and it is emptied again once the thread listens.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import parse_http_date_safe

from .conditional import conditional_answer

logger = logging.getLogger(__name__)

CHANNEL = "api_gegevens"
TRIGGER_FUNCTION = "ontmoeting_api_gegevens_gewijzigd"
TRIGGER_NAME = "api_gegevens_gewijzigd"
#: Headers the view sets that belong to the stored answer (middleware adds the rest).
STORED_HEADERS = (
    "Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "Link", "API-Version",
    "Access-Control-Allow-Origin", "Access-Control-Expose-Headers",
)
#: Bytes an answer costs besides its body and headers (the objects around them).
ENTRY_OVERHEAD = 400
HEALTH_CHECK_SECONDS = 10.0
_RETRY_SECONDS = 2.0


@dataclass(frozen=True)
class StoredAnswer:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    expires: float

    @property
    def size(self) -> int:
        return len(self.content) + sum(len(name) + len(value) for name, value in self.headers) + ENTRY_OVERHEAD

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        return response


class ResponseCache:
    """Answers by key, bounded in bytes, emptied by ``invalidate``; thread-safe."""

    def __init__(self, max_bytes: int, seconds: float):
        self.max_bytes = max_bytes
        self.seconds = seconds
        self.generation = 0
        self.listening = False
        #: The payload of the last notification heard. The triggers send none; a test
        #: sends its own after a commit and waits for it (PostgreSQL delivers them in
        #: commit order: once it is heard, so is every commit before it).
        self.last_heard = ""
        self._answers: OrderedDict[str, StoredAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        #: Lookups answered and not answered from the cache (the benches' hit rate).
        self.hits = self.misses = 0

    def get(self, key: str) -> StoredAnswer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None and answer.expires <= time.monotonic():
                self._drop(key)
                answer = None
            if answer is None:
                self.misses += 1
                return None
            self.hits += 1
            self._answers.move_to_end(key)
            return answer

    def put(self, key: str, content: bytes, headers, generation: int) -> None:
        answer = StoredAnswer(content, tuple(headers), time.monotonic() + self.seconds)
        if answer.size > self.max_bytes:
            return
        with self._lock:
            if generation != self.generation or not self.listening:
                return  # the data changed while the view ran, or nobody tells us it does
            if key in self._answers:
                self._drop(key)
            self._answers[key] = answer
            self._bytes += answer.size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._answers)))

    def invalidate(self) -> None:
        with self._lock:
            self.generation += 1
            self._answers.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._answers)

    @property
    def stored_bytes(self) -> int:
        """What the kept answers cost, as counted against ``max_bytes``."""
        return self._bytes

    def _drop(self, key: str) -> None:
        self._bytes -= self._answers.pop(key).size


class ChangeListener(threading.Thread):
    """LISTENs on ``CHANNEL`` and empties its caches on every notification; checks the
    connection when it has been quiet for ``HEALTH_CHECK_SECONDS``; reconnects after an
    error and empties the caches again, since it may have missed some. One listener (one
    connection) per process serves every cache of it: the API's and the site's."""

    def __init__(self, *caches: ResponseCache):
        super().__init__(name="api-cache-listener", daemon=True)
        self.caches = list(caches)
        self.listening = False
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    def add(self, cache: ResponseCache) -> None:
        """Empty ``cache`` too from now on (a cache first asked for after the start)."""
        with self._lock:
            cache.invalidate()
            cache.listening = self.listening
            self.caches.append(cache)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self._listen()
            except Exception:
                logger.warning("API cache: not listening for changes, retrying", exc_info=True)
            self._set_listening(False)
            self._invalidate()
            self.stopping.wait(_RETRY_SECONDS)

    def _set_listening(self, listening: bool) -> None:
        with self._lock:
            self.listening = listening
            for cache in self.caches:
                cache.listening = listening

    def _invalidate(self, payload: str | None = None) -> None:
        with self._lock:
            for cache in self.caches:
                cache.invalidate()
                if payload is not None:
                    cache.last_heard = payload

    def _listen(self) -> None:
        wrapper = connections.create_connection("default")
        try:
            wrapper.ensure_connection()
            connection = wrapper.connection  # autocommit, as every Django connection
            connection.execute(f"LISTEN {CHANNEL}")
            self._invalidate()
            self._set_listening(True)
            checked = time.monotonic()
            while not self.stopping.is_set():
                for notification in connection.notifies(timeout=1.0):
                    self._invalidate(notification.payload)
                    checked = time.monotonic()  # heard from it: alive
                if time.monotonic() - checked > HEALTH_CHECK_SECONDS:
                    # A dead connection raises here (or hangs: meanwhile the views answer).
                    self._set_listening(False)
                    connection.execute("SELECT 1")
                    self._set_listening(True)
                    checked = time.monotonic()
        finally:
            self._set_listening(False)
            wrapper.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)


#: The caches of a process by name, with the settings that size them.
CACHE_SETTINGS = {
    "api": ("API_CACHE_SECONDS", "API_CACHE_MAX_BYTES"),
    "site": ("SITE_CACHE_SECONDS", "SITE_CACHE_MAX_BYTES"),
}
_caches: dict[str, ResponseCache] = {}
_listener: ChangeListener | None = None
_started_in_pid: int | None = None
_start_lock = threading.Lock()


def shared_cache(name: str = "api") -> ResponseCache | None:
    """This process's cache ``name`` (``CACHE_SETTINGS``), the listener started on first
    use (after a fork as well); None when its ``..._CACHE_SECONDS`` setting is 0."""
    global _listener, _started_in_pid
    seconds_setting, bytes_setting = CACHE_SETTINGS[name]
    if getattr(settings, seconds_setting) <= 0:
        return None
    if _started_in_pid != os.getpid() or name not in _caches:
        with _start_lock:
            if _started_in_pid != os.getpid():
                _caches.clear()
                _listener = ChangeListener()
                _listener.start()
                _started_in_pid = os.getpid()
            if name not in _caches:
                cache = ResponseCache(getattr(settings, bytes_setting), getattr(settings, seconds_setting))
                _listener.add(cache)
                _caches[name] = cache
    return _caches[name]


def stop() -> None:
    """Stop this process's listener and forget its caches (tests; a test database can
    only be dropped once nothing is connected to it)."""
    global _listener, _started_in_pid
    with _start_lock:
        if _listener is not None and _started_in_pid == os.getpid():
            _listener.stop()
        _caches.clear()
        _listener = _started_in_pid = None


def cacheable(request) -> bool:
    """Whether the answer to ``request`` is the same for every anonymous client."""
    return (
        request.method == "GET"
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def key_for(request) -> str:
    """A short key (whatever the length of the client's headers) for the URL, the
    representation asked for and the language."""
    parts = (request.build_absolute_uri(), request.META.get("HTTP_ACCEPT", ""), translation.get_language() or "")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def answer_from_cache(cache: ResponseCache, request) -> HttpResponse | None:
    """The stored answer to ``request``, or a 304 if the client has it already."""
    stored = cache.get(key_for(request))
    if stored is None:
        return None
    response = stored.response()
    last_modified = response.get("Last-Modified")
    return conditional_answer(
        request, response, etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
    )


def store(cache: ResponseCache, request, response, generation: int) -> None:
    """Keep ``response`` if it is a public 200 (``Cache-Control: public``) without a CSRF
    token in it."""
    if response.status_code != 200 or "public" not in response.get("Cache-Control", ""):
        return
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the view asked for a token
        return
    if getattr(response, "streaming", False):
        return
    headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
    cache.put(key_for(request), response.content, headers, generation)


def install_change_triggers(app_labels, *, using: str = "default") -> None:
    """Create the NOTIFY trigger on each table of the apps ``app_labels`` that lacks it;
    the project runs it after every ``migrate``, so new tables get it too. Tables that
    have it are left alone (no lock on them)."""
    tables = sorted(
        {
            model._meta.db_table
            for label in app_labels
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {TRIGGER_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
        )
        existing = set(connection.introspection.table_names(cursor))
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER_NAME],
        )
        with_trigger = {row[0] for row in cursor.fetchall()}
        for table in tables:
            if table in existing and table not in with_trigger:
                cursor.execute(
                    f"CREATE TRIGGER {TRIGGER_NAME} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                    f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_FUNCTION}()"
                )
