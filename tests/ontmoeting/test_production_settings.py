"""Production settings: the forwarded protocol is trusted only when configured, and the
embedded database only when allowed. Each case loads the settings in its own process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

REQUEST = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
# An API path: its error answer renders no template (no collectstatic in a test).
response = Client(raise_request_exception=False).get("/api/v1/locaties", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"status": response.status_code, "hsts": response.get("Strict-Transport-Security"),
                  "location": response.get("Location")}))
"""


def _production_env(server_dir, **extra) -> dict:
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "EMBEDDED_DB_DIR": str(server_dir / "pgdata"),
        "SITE_URL": "https://ontmoeting.example.nl",
    }
    for name in ("DATABASE_URL", "DJANGO_TRUST_X_FORWARDED_PROTO", "DJANGO_EMBEDDED_DB", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update(extra)
    return env


def _plain_http_request_claiming_https(server_dir, **extra) -> dict:
    # No database needed: a socket directory where no server listens.
    env = _production_env(server_dir, DATABASE_URL=f"postgresql://postgres@/ontmoeting?host={server_dir}", **extra)
    done = subprocess.run([sys.executable, "-c", REQUEST], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_client_claiming_https_over_plain_http_gets_a_redirect_and_no_hsts(server_dir):
    answer = _plain_http_request_claiming_https(server_dir)

    assert answer["status"] == 301
    assert answer["location"].startswith("https://")
    assert answer["hsts"] is None


def test_behind_a_proxy_that_says_so_the_forwarded_protocol_counts(server_dir):
    answer = _plain_http_request_claiming_https(server_dir, DJANGO_TRUST_X_FORWARDED_PROTO="true")

    assert answer["status"] != 301
    assert answer["hsts"].startswith("max-age=31536000")


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_without_database_url_production_says_what_to_set_and_starts_no_server(server_dir):
    result = _manage(_production_env(server_dir), "check")

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "DJANGO_EMBEDDED_DB=true" in result.stderr
    assert not (server_dir / "pgdata").exists()


@pytest.mark.parametrize("site_url", [None, "http://ontmoeting.example.nl"])
def test_production_refuses_to_start_without_a_public_https_address(server_dir, site_url):
    env = _production_env(server_dir, DATABASE_URL="postgresql://postgres@/ontmoeting?host=/nonexistent")
    env.pop("SITE_URL")
    if site_url:
        env["SITE_URL"] = site_url
    result = _manage(env, "check")

    assert result.returncode != 0
    assert "Set SITE_URL for production" in result.stderr


def test_a_single_machine_may_run_production_on_the_embedded_server(server_dir):
    env = _production_env(server_dir, DJANGO_EMBEDDED_DB="true", DJANGO_ALLOWED_HOSTS="ontmoeting.example.nl")
    try:
        result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")

        assert result.returncode == 0, result.stdout + result.stderr
        assert (server_dir / "pgdata" / "PG_VERSION").exists()
    finally:
        subprocess.run([sys.executable, "-m", "ontmoeting.embedded_db", "stop"], cwd=ROOT, env=env, timeout=120)
