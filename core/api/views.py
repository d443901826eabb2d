"""Base classes of every API view.

``ApiMixin.finalize_response`` adds what every answer carries: the ``API-Version``
header, CORS for reads, and on successful public GETs an ``ETag`` (and
``Last-Modified`` where the view knows it) with a 304 for a matching conditional
request, and ``Cache-Control`` a CDN can use. ``ApiMixin.dispatch`` answers anonymous
GETs from the process's response cache when it can (``response_cache.py``).
"""

import hashlib

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation

from core.permissions import ActionPermission

from . import API_VERSION, response_cache
from .conditional import conditional_answer
from .exceptions import ServiceValidationError
from .filters import null_character_errors, query_parameter_errors
from .schema import ApiAutoSchema

READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Long enough to take load off the database, short enough that a cancelled occurrence
# shows within minutes. stale-while-revalidate lets a CDN answer while it refreshes.
PUBLIC_CACHE = {"public": True, "max_age": 60, "stale_while_revalidate": 300}
EXPOSED_HEADERS = "API-Version, Link, ETag, Last-Modified, Retry-After, Content-Language"


class ApiContentNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a representation we do not have: 406, not DRF's 404
    (which would say the resource does not exist)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise exceptions.NotAcceptable(available_renderers=renderers)
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            raise exceptions.NotAcceptable(available_renderers=renderers)
        return matching


class ApiMixin:
    """Headers, conditional requests and permissions for every API view.

    Each view declares who may do what per action in ``action_permissions`` (see
    ``core.permissions``); ``ActionPermission`` checks it, for every view alike."""

    content_negotiation_class = ApiContentNegotiation
    schema = ApiAutoSchema()
    permission_classes = [ActionPermission]
    action_permissions: dict[str, str] = {}

    #: Set by a view (a datetime) for ``Last-Modified`` on its answer.
    last_modified = None
    #: Query parameters, besides a FilterSet's, that the view reads as booleans.
    boolean_query_parameters: tuple[str, ...] = ()
    #: Whether query parameters are checked against what the schema says of them.
    strict_query_parameters = True

    #: Whether anonymous answers may be kept in the response cache (not when a page
    #: carries something of its visitor's own, such as a CSRF token).
    cache_answers = True

    def dispatch(self, request, *args, **kwargs):
        """Anonymous GETs are answered from the process's response cache when it has
        them (after the anonymous throttle), and kept there otherwise."""
        cacheable = self.cache_answers and response_cache.cacheable(request)
        cache = response_cache.shared_cache() if cacheable else None
        if cache is None or not cache.listening:
            return super().dispatch(request, *args, **kwargs)
        cached = response_cache.answer_from_cache(cache, request)
        if cached is not None and self._throttles_allow(request):
            return cached
        generation = cache.generation
        response = super().dispatch(request, *args, **kwargs)
        response_cache.store(cache, request, response, generation)
        return response

    def _throttles_allow(self, request) -> bool:
        """The view's ``throttle_classes`` for an answer from the cache (throttles that
        a viewset adds per action in ``get_throttles`` are for writes). A refusal goes
        the full way to its 429 problem, where it is counted once more: refused either way."""
        return all(throttle().allow_request(request, self) for throttle in self.throttle_classes)

    def check_perm(self, request, perm: str, obj) -> None:
        """403 unless the user has ``perm`` on ``obj``: for a second object an action
        touches besides its own (the organisation a place is handed to)."""
        if not request.user.has_perm(perm, obj):
            self.permission_denied(request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.strict_query_parameters:
            self.check_query_parameters(request)

    def check_query_parameters(self, request):
        """400 for a parameter given twice that is not a list, a boolean that is not
        ``true``/``false``, on lists a bad ``page`` or ``pageSize`` (also where the
        answer is not paginated, as the GeoJSON and iCalendar ones), and NUL characters
        anywhere in the parameters or the body (PostgreSQL refuses them)."""
        filterset_class = getattr(self, "filterset_class", None)
        multiple = set()
        if filterset_class is not None:
            multiple = {
                name for name, f in filterset_class.base_filters.items()
                if isinstance(f, django_filters.MultipleChoiceFilter)
            }
        errors = query_parameter_errors(
            request.query_params, booleans=self.boolean_query_parameters,
            non_blank=self.boolean_query_parameters, multiple=multiple,
        )
        paginator = getattr(self, "paginator", None)
        if paginator is not None and getattr(self, "action", None) == "list" and hasattr(paginator, "parameter_errors"):
            errors.update(paginator.parameter_errors(request))
        if request.method not in READ_METHODS:
            errors.update(null_character_errors(request.data))
        if errors:
            raise exceptions.ValidationError(errors)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        if request.method in READ_METHODS:
            # Reads are public data: any website may use them from the browser.
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            if request.method == "OPTIONS":
                response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                response["Access-Control-Allow-Headers"] = (
                    "Accept, Accept-Language, If-None-Match, If-Modified-Since"
                )
                response["Access-Control-Max-Age"] = "86400"
        patch_vary_headers(response, ["Accept", "Accept-Language", "Authorization", "Cookie"])
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            if response.status_code >= 400 or request.method not in READ_METHODS:
                patch_cache_control(response, no_store=True)
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Answers may include what only this user may see: no shared caches.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, **PUBLIC_CACHE)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        etag = '"%s"' % hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response["ETag"] = etag
        last_modified = self.last_modified
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return conditional_answer(
            request._request, response, etag=etag,
            last_modified=int(last_modified.timestamp()) if last_modified else None,
        )


def call_service(service, serializer=None, /, **kwargs):
    """Call a service; its ValidationError becomes a 400 (a 409 for a ``ConflictError``)
    naming the API's fields (``huurder_naam`` becomes ``huurderNaam``)."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        names = {}
        if serializer is not None:
            names = {field.source: name for name, field in serializer.fields.items() if field.source}
        raise ServiceValidationError(error, names) from error


class ApiViewSetMixin(ApiMixin):
    """Common to every viewset: lookups without dots or slashes."""

    lookup_value_regex = "[^/.]+"
