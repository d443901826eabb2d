"""A database that cannot be reached: 503 with Retry-After for pages and the API.

The database is really away (a socket directory where no server listens), in another
process, so the suite's own database is not touched.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import OperationalError, connection, transaction

from core import outage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

REQUESTS = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
answers = {}
for path, language in [("/agenda", "nl"), ("/agenda", "en"), ("/api/v1/locaties", "nl")]:
    response = Client(raise_request_exception=False).get(path, HTTP_ACCEPT_LANGUAGE=language)
    answers[f"{path} {language}"] = {
        "status": response.status_code, "retry_after": response.get("Retry-After"),
        "type": response["Content-Type"], "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def answers_without_database(tmp_path_factory):
    # A socket directory where no server listens: what clients see while PostgreSQL is down.
    nowhere = tmp_path_factory.mktemp("no-server")
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.test",
        "DATABASE_URL": f"postgresql://postgres@/ontmoeting?host={nowhere}",
    }
    done = subprocess.run([sys.executable, "-c", REQUESTS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_page_answers_503_with_retry_after_and_the_dutch_message(answers_without_database):
    answer = answers_without_database["/agenda nl"]

    assert answer["status"] == 503
    assert answer["retry_after"] == str(outage.RETRY_AFTER_SECONDS)
    assert answer["type"].startswith("text/html")
    assert "De site is even niet bereikbaar" in answer["body"]
    assert '<html lang="nl">' in answer["body"]
    assert "css/site" in answer["body"]  # the site's look


def test_the_page_speaks_english_when_asked(answers_without_database):
    answer = answers_without_database["/agenda en"]

    assert answer["status"] == 503
    assert "The site is unavailable for a moment" in answer["body"]


def test_the_api_answers_503_problem_json(answers_without_database):
    answer = answers_without_database["/api/v1/locaties nl"]

    assert answer["status"] == 503
    assert answer["type"] == "application/problem+json"
    assert answer["retry_after"] == str(outage.RETRY_AFTER_SECONDS)
    body = json.loads(answer["body"])
    assert body["status"] == 503
    assert body["instance"] == "/api/v1/locaties"
    assert body["title"] and body["detail"]


@pytest.mark.django_db
def test_a_query_that_fails_on_a_reachable_server_is_no_outage():
    # A statement timeout is a slow query of ours, not a database away: it stays a 500.
    with pytest.raises(OperationalError) as raised, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(1)")

    assert not outage.database_unavailable(raised.value)
