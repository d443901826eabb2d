"""Whether an error means the database cannot be reached (a restart of PostgreSQL, a
failover, the embedded server stopped for a moment), as opposed to a query that failed
on a reachable server. Pages and the API then answer 503 with ``Retry-After``; the task
worker waits and tries again."""

from django.db import InterfaceError, OperationalError

# Seconds a client is asked to wait: about what a restart of PostgreSQL takes.
RETRY_AFTER_SECONDS = 30

# SQLSTATEs that mean the server is going or not there yet ("terminating connection due
# to administrator command", "the database system is starting up"); class 08 is a
# connection exception. psycopg gives no SQLSTATE when it could not connect at all.
_UNAVAILABLE_SQLSTATES = {"57P01", "57P02", "57P03"}


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` says the database cannot be reached, as opposed to a query that
    failed on a reachable server (a deadlock or a statement timeout stays a 500)."""
    if isinstance(error, InterfaceError):
        return True  # the connection is closed; only a new one helps
    if not isinstance(error, OperationalError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in _UNAVAILABLE_SQLSTATES
