"""The per-process cache of public API answers (core/api/response_cache.py; the apps
whose tables empty it are named in ontmoeting/api_cache.py).

These tests commit for real (``transaction=True``): the cache is emptied by PostgreSQL
notifications, which are only delivered on commit, heard by the listening thread on its
own connection.
"""

import threading
import time
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from core.api import response_cache
from core.api.response_cache import (
    CHANNEL,
    TRIGGER_NAME,
    ResponseCache,
    StoredAnswer,
)
from locaties.models import Locatie
from ontmoeting.api_cache import APPS_NOT_SHOWN, APPS_SHOWN
from tests.api.conftest import client_for
from tests.locaties.factories import LocatieFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def heard_every_commit(cache):
    """Wait until the listener has heard of every commit so far (the triggers' and ours)."""
    marker = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, marker])
    wait_for(lambda: cache.last_heard == marker)


@pytest.fixture
def cache(settings):
    settings.API_CACHE_SECONDS = 60
    try:
        shared = response_cache.shared_cache()
        wait_for(lambda: shared.listening)
        yield shared
    finally:
        response_cache.stop()  # the test database can only be dropped once nobody listens


def queries_of(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        request()
    return len(queries)


def names(response) -> list[str]:
    return [locatie["naam"] for locatie in response.json()["resultaten"]]


def test_a_repeated_anonymous_read_is_answered_without_the_database(api, cache, django_assert_num_queries):
    LocatieFactory(naam="Buurthuis De Kei")
    heard_every_commit(cache)
    first = api.get("/api/v1/locaties")
    with django_assert_num_queries(0):
        second = api.get("/api/v1/locaties")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["API-Version"] == first["API-Version"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Access-Control-Allow-Origin"] == "*"


def test_a_committed_change_empties_the_cache_whoever_writes_it(api, cache):
    locatie = LocatieFactory(naam="Buurthuis De Kei")
    heard_every_commit(cache)
    assert names(api.get("/api/v1/locaties")) == ["Buurthuis De Kei"]
    generation = cache.generation
    # A bulk UPDATE, no model save and no signal: the trigger sees it all the same.
    Locatie.objects.filter(pk=locatie.pk).update(naam="Huiskamer van de Wijk")
    wait_for(lambda: cache.generation > generation)  # the trigger's notification, nothing else
    assert names(api.get("/api/v1/locaties")) == ["Huiskamer van de Wijk"]


def test_an_answer_computed_while_the_data_changed_is_not_kept():
    cache = ResponseCache(max_bytes=1000, seconds=60)
    cache.listening = True
    seen = cache.generation
    cache.invalidate()  # a commit is heard of while the view runs
    cache.put("key", b"old data", [], seen)
    assert cache.get("key") is None


def test_nothing_is_kept_or_served_while_not_listening(api, cache):
    LocatieFactory()
    heard_every_commit(cache)
    api.get("/api/v1/locaties")
    cache.listening = False
    try:
        assert queries_of(lambda: api.get("/api/v1/locaties")) > 0
    finally:
        cache.listening = True


def test_a_conditional_request_on_a_kept_answer_gets_304(api, cache, django_assert_num_queries):
    LocatieFactory()
    heard_every_commit(cache)
    etag = api.get("/api/v1/locaties")["ETag"]
    with django_assert_num_queries(0):
        response = api.get("/api/v1/locaties", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["API-Version"]


def test_the_representation_language_and_host_are_part_of_the_key(api, cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "api.gemeente.example"]
    LocatieFactory()
    heard_every_commit(cache)
    assert api.get("/api/v1/locaties")["Content-Type"] == "application/json"
    geojson = api.get("/api/v1/locaties", HTTP_ACCEPT="application/geo+json")
    assert geojson["Content-Type"].startswith("application/geo+json")
    dutch = api.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="nl")
    english = api.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert dutch.json()["paths"] != english.json()["paths"]
    other_host = api.get("/api/v1/locaties", HTTP_HOST="api.gemeente.example")
    assert other_host.json()["_links"]["self"]["href"].startswith("http://api.gemeente.example/")
    assert len(cache) == 5


def test_logged_in_clients_are_neither_answered_from_nor_kept_in_the_cache(api, cache):
    LocatieFactory()
    heard_every_commit(cache)
    logged_in = client_for(UserFactory())
    logged_in.get("/api/v1/locaties")
    assert len(cache) == 0
    api.get("/api/v1/locaties")
    assert len(cache) == 1
    assert queries_of(lambda: logged_in.get("/api/v1/locaties")) > 0


def test_answers_from_the_cache_are_throttled(api, cache, monkeypatch, clock):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon-lezen", "3/minute")
    LocatieFactory()
    heard_every_commit(cache)
    statuses = [api.get("/api/v1/locaties").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_least_recently_used_answers_go_when_the_bytes_run_out():
    headers = [("Content-Type", "application/json")]
    size = StoredAnswer(b"1234", tuple(headers), 0).size  # body, headers and overhead
    cache = ResponseCache(max_bytes=2 * size + 3, seconds=60)
    cache.listening = True
    cache.put("a", b"1234", headers, cache.generation)
    cache.put("b", b"1234", headers, cache.generation)
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("c", b"1234", headers, cache.generation)
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None
    cache.put("too big", b"1" * (2 * size), headers, cache.generation)
    assert cache.get("too big") is None


def test_a_page_with_its_visitors_csrf_token_is_not_kept(api, cache):
    assert api.get("/api/v1/docs").status_code == 200
    assert api.get("/api/v1/docs?script=").status_code == 200  # the start-up script has the token
    assert len(cache) == 0


def test_a_lost_listening_connection_empties_the_cache_and_listens_again(api, cache):
    LocatieFactory()
    heard_every_commit(cache)
    api.get("/api/v1/locaties")
    assert len(cache) == 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = %s AND datname = current_database()",
            [f"LISTEN {CHANNEL}"],
        )
        assert cursor.fetchone() == (True,)
    wait_for(lambda: len(cache) == 0)
    wait_for(lambda: cache.listening)
    heard_every_commit(cache)  # a new connection hears commits again


def test_every_table_the_api_shows_announces_its_changes():
    project_apps_with_tables = {
        config.label for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR) and list(config.get_models())
    }
    # A new app: does the API show it?
    assert project_apps_with_tables == set(APPS_SHOWN) | set(APPS_NOT_SHOWN)
    tables = {
        model._meta.db_table
        for label in APPS_SHOWN
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER_NAME],
        )
        with_trigger = {row[0] for row in cursor.fetchall()}
    assert "locaties_locatie" in tables and "activiteiten_bijeenkomst" in tables
    assert tables <= with_trigger
    assert "core_counter" not in with_trigger  # counting a request changes no answer


def test_readers_racing_a_writer_never_keep_an_answer_older_than_the_last_commit(cache, monkeypatch):
    """Readers in several threads while a writer renames a place 30 times: once the last
    commit is heard of, every reader sees the last name. An answer a reader computed
    before a commit and finished after it must not be kept."""
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon-lezen", "1000000/minute")
    locatie = LocatieFactory(naam="Naam 0")
    heard_every_commit(cache)
    writing = threading.Event()
    writing.set()

    def read():
        client = APIClient()
        try:
            while writing.is_set():
                client.get("/api/v1/locaties")
        finally:
            connections.close_all()

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        for n in range(1, 31):
            Locatie.objects.filter(pk=locatie.pk).update(naam=f"Naam {n}")
            time.sleep(0.02)
    finally:
        writing.clear()
        for reader in readers:
            reader.join()
    heard_every_commit(cache)
    for _ in range(5):
        assert names(APIClient().get("/api/v1/locaties")) == ["Naam 30"]
