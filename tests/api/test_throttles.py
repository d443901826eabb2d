"""Throttles keep one limit across web processes (core/api/throttles.py).

Two gunicorn servers, each its own process, run against the test database with
committed data; requests go to both at once. Their counts live in PostgreSQL
(``core.counters``), so together they allow exactly the limit. The servers run on the
real clock (they are other processes): the limit is per day, and a test that would
start within a minute of the day's end (00:00 UTC) waits for the next day first.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory
from time_machine import escape_hatch

from core import counters
from core.api.throttles import AnonReadThrottle
from tests.locaties.factories import BuurtFactory

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 20
REQUESTS = 60
DAY = 24 * 60 * 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    database = connection.settings_dict
    return (
        f"postgresql://{database['USER']}:{database.get('PASSWORD') or ''}@/{database['NAME']}"
        f"?host={database['HOST']}&port={database['PORT']}"
    )


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/gemeenten", timeout=30)
            return
        except OSError:  # refused, reset or timed out while it starts
            time.sleep(0.2)
    raise AssertionError(f"the server on port {port} did not start")


@pytest.fixture
def two_servers():
    """Two gunicorn processes (one worker each) against the test database; their ports."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.test",
        "DATABASE_URL": _database_url(),
        "API_THROTTLE_PUBLIC_WRITE": f"{LIMIT}/day",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--threads", "4", "--worker-class", "gthread", "ontmoeting.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_until_up(port, server)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
            server.stderr.close()


def _post_wish(port: int, buurt: str) -> int:
    body = json.dumps({"buurt": buurt, "tekst": "Een ontmoetingsbank in het park"}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/wensen", data=body, method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _not_at_the_end_of_a_day():
    # The servers count in the real day (the suite's clock stands still only here).
    left = DAY - escape_hatch.time.time() % DAY
    if left < 60:
        time.sleep(left + 1)


@pytest.mark.django_db(transaction=True)
def test_two_processes_together_keep_the_public_write_limit(two_servers):
    buurt = BuurtFactory().code  # committed: the servers see it
    _not_at_the_end_of_a_day()
    targets = [two_servers[n % 2] for n in range(REQUESTS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda port: _post_wish(port, buurt), targets))
    by_server = {port: [s for s, t in zip(statuses, targets, strict=True) if t == port] for port in two_servers}

    assert statuses.count(201) == LIMIT, statuses
    assert statuses.count(429) == REQUESTS - LIMIT
    # Both processes let some through: they counted together, not one of them alone.
    assert all(201 in answered for answered in by_server.values()), by_server


@pytest.mark.django_db
def test_reads_take_blocks_but_never_pass_the_limit(monkeypatch, clock):
    # 100/minute: blocks of 2, so every other read asks the database.
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon-lezen", "100/minute")

    throttle, request = AnonReadThrottle(), _anonymous_get()
    with CaptureQueriesContext(connection) as queries:
        allowed = [throttle.allow_request(request, None) for _ in range(101)]
    assert allowed == [True] * 100 + [False]
    # 50 blocks and the refused 101st, plus one purge of expired rows for the new counter.
    assert len(queries) == 52


@pytest.mark.django_db
def test_a_block_held_by_another_process_is_not_spent_twice(monkeypatch, clock):
    # Another process took a block of 12 of the 600: this one gets only what is left.
    throttle, request = AnonReadThrottle(), _anonymous_get()
    key = throttle.get_cache_key(request, None)
    window = int(clock[0] // 60)
    counters.add(f"{key}:{window}", 595, now=clock[0], expires=(window + 1) * 60)
    allowed = [throttle.allow_request(request, None) for _ in range(6)]
    assert allowed == [True] * 5 + [False]


def _anonymous_get():
    request = Request(APIRequestFactory().get("/api/v1/gemeenten"))
    request.user = AnonymousUser()
    return request
