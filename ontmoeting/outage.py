"""What the site does while its database cannot be reached.

A restart of PostgreSQL (an upgrade, a failover, the embedded server stopped for a
moment) is not a bug on our side: pages answer 503 with ``Retry-After`` and a short
message in the site's look, the API answers 503 problem+json, and the task worker
waits and tries again (``ontmoeting/management/commands/db_worker.py``). Any other
error stays a 500.

``server_error`` is the site's ``handler500``: Django calls it for every uncaught
exception, raised in a view or in a middleware (a session saved after the view), so one
place sees them all. It must not touch the database itself. Whether an error means
the database is away is ``core.outage``'s question.
"""

import sys

from django.http import HttpResponse
from django.template import loader

from core.api.exceptions import problem_response
from core.outage import RETRY_AFTER_SECONDS, database_unavailable


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")


def server_error(request, template_name="500.html"):
    """handler500: 503 while the database is away, otherwise the friendly 500 page; both
    as problem+json under /api/ (DRF's views answer their own errors that way already)."""
    unavailable = database_unavailable(sys.exc_info()[1])
    status = 503 if unavailable else 500
    if is_api_request(request):
        response = problem_response(status, request)
    else:
        template = loader.get_template("503.html" if unavailable else template_name)
        # No request context: the context processors (messages, user) would query the database.
        response = HttpResponse(template.render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
