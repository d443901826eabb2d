"""The project as a whole: database, migrations, deployment settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_runs_on_postgresql_with_the_extensions_the_design_needs():
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert {"btree_gist", "unaccent", "pg_trgm"} <= extensions


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Raises SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_the_deployment_checks():
    settings = connection.settings_dict
    database_url = f"postgresql://{settings['USER']}@/{settings['NAME']}?host={settings['HOST']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ontmoeting.example.nl",
        "DATABASE_URL": database_url,
        "SITE_URL": "https://ontmoeting.example.nl",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set while browser tests run
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.production"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
