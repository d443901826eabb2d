"""``handler400``: what Django answers when a request itself is wrong, before or outside
DRF's views (``SuspiciousOperation``: a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, too
many form fields or files, a host not allowed).

A body that is too large is a 413, not Django's bare 400: under /api/ as problem+json,
elsewhere as a page in the site's look that says what to do. The form's CSRF check reads
the body before any view runs, so this handler is the one place that sees it.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from core.api.exceptions import problem_response
from core.api.parsers import too_large_message

from .outage import is_api_request


def bad_request(request, exception):
    """handler400: 413 for a body that is too large, otherwise Django's 400 (problem+json
    under /api/)."""
    too_large = isinstance(exception, RequestDataTooBig)
    if is_api_request(request):
        if too_large:
            return problem_response(413, request, too_large_message())
        return problem_response(400, request, _("The request is not valid."))
    if too_large:
        # No request context: the body cannot be read again, and nothing here needs it.
        return HttpResponse(loader.get_template("413.html").render({"limiet": too_large_message()}), status=413)
    return defaults.bad_request(request, exception)
