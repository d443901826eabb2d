"""What the site does while its database cannot be reached.

A restart of PostgreSQL (an upgrade, a failover, the embedded server stopped for a
moment) is not a bug on our side: pages answer 503 with ``Retry-After`` and a short
message in the site's look, the API answers 503 problem+json, and the task worker
waits and tries again (``ontmoeting/management/commands/db_worker.py``). Any other
error stays a 500.

``server_error`` is the site's ``handler500``: Django calls it for every uncaught
exception, raised in a view or in a middleware (a session saved after the view), so one
place sees them all. It must not touch the database itself.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

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


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")


def server_error(request, template_name="500.html"):
    """handler500: 503 while the database is away, otherwise the friendly 500 page; both
    as problem+json under /api/ (DRF's views answer their own errors that way already)."""
    unavailable = database_unavailable(sys.exc_info()[1])
    status = 503 if unavailable else 500
    if is_api_request(request):
        from .api.exceptions import problem_response

        response = problem_response(status, request)
    else:
        template = loader.get_template("503.html" if unavailable else template_name)
        # No request context: the context processors (messages, user) would query the database.
        response = HttpResponse(template.render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
