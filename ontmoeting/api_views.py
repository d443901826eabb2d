"""The project-level API views: the OpenAPI description, its documentation page, and
the 404 for any path under /api/v1/ no resource answers."""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.views import APIView

from core.api.exceptions import problem
from core.api.views import ApiMixin
from core.permissions import PUBLIC


class OpenApiView(ApiMixin, SpectacularJSONAPIView):
    """The OpenAPI 3 description, readable by anyone. Not throttled: it touches no data
    (the throttles' shared counts are in the database), so tools can read it from an
    unmigrated or unreachable database too, e.g. schemathesis when the suite loads."""

    action_permissions = {"get": PUBLIC, "head": PUBLIC}
    authentication_classes = []
    throttle_classes = []
    strict_query_parameters = False


# Swagger UI draws its icons as data: images (in its script and its stylesheet); nothing
# else is widened, scripts and styles stay the site's own files.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class DocsView(ApiMixin, SpectacularSwaggerSplitView):
    """Interactive documentation, served from the project's own static files. The split
    view serves Swagger UI's start-up script from its own URL (``?script``) instead of
    inline, so the page needs no exception for inline script in its policy."""

    template_name = "api/docs.html"
    cache_answers = False  # the page carries its visitor's CSRF token
    action_permissions = {"get": PUBLIC, "head": PUBLIC}
    authentication_classes = []
    strict_query_parameters = False


@extend_schema(exclude=True)
class NotFoundView(ApiMixin, APIView):
    """Any other path under /api/v1/ (a trailing slash included): 404 as problem+json,
    never a redirect, as the API Design Rules ask."""

    action_permissions = dict.fromkeys(["get", "post", "put", "patch", "delete", "head", "options"], PUBLIC)
    authentication_classes = []
    strict_query_parameters = False

    def _not_found(self, request, *args, **kwargs):
        return problem(404, _("There is no resource at this address."), request)

    get = post = put = patch = delete = head = options = _not_found
