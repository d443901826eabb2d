"""Backup and restore: a dump restored into a new database holds every row of every table."""

import os

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from tests.activiteiten.factories import WensFactory
from tests.locaties.factories import LocatieFactory, ReserveringFactory

# The dump sees committed rows only.
pytestmark = pytest.mark.django_db(transaction=True)


def _connect(dbname: str):
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or None, user=settings["USER"],
        password=settings["PASSWORD"] or None, dbname=dbname, autocommit=True,
    )


def _contents(dbname: str) -> dict:
    """Rows per table, and the triggers and constraints, of ``dbname``."""
    with _connect(dbname) as conn:
        tables = [row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        counts = {
            table: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            for table in tables
        }
        counts["(triggers)"] = conn.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal").fetchone()[0]
        counts["(constraints)"] = conn.execute(
            "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'"
        ).fetchone()[0]
        return counts


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored_{os.getpid()}"
    yield name
    with _connect("postgres") as conn:
        for database in (name, f"{name}_restoring"):
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


def test_a_backup_restored_into_a_new_database_has_every_row(tmp_path, restored_name):
    LocatieFactory.create_batch(3)
    ReserveringFactory()
    WensFactory.create_batch(2)
    backup = tmp_path / "ontmoeting.dump"

    call_command("backup_db", str(backup))
    assert backup.stat().st_mode & 0o777 == 0o600  # personal data: the owner only
    call_command("restore_db", str(backup), "--into", restored_name)

    original, restored = _contents(connection.settings_dict["NAME"]), _contents(restored_name)
    assert restored == original
    assert original["locaties_locatie"] >= 3 and original["activiteiten_wens"] == 2
    assert original["(triggers)"] > 0  # the API cache's change triggers came along


def test_an_existing_database_is_replaced_only_when_asked_and_a_broken_file_changes_nothing(tmp_path, restored_name):
    WensFactory.create_batch(2)
    backup = tmp_path / "ontmoeting.dump"
    call_command("backup_db", str(backup))
    call_command("restore_db", str(backup), "--into", restored_name)
    with _connect(restored_name) as conn:
        conn.execute("DELETE FROM activiteiten_wens")

    with pytest.raises(CommandError, match="exists"):
        call_command("restore_db", str(backup), "--into", restored_name)
    broken = tmp_path / "broken.dump"
    broken.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore_db", str(broken), "--into", restored_name, "--replace")
    assert _contents(restored_name)["activiteiten_wens"] == 0

    call_command("restore_db", str(backup), "--into", restored_name, "--replace")

    assert _contents(restored_name)["activiteiten_wens"] == 2
