"""Pagination with ``page``/``pageSize``, an RFC 8288 ``Link`` header and the same links
in the body (``_links``), as the Dutch API Design Rules ask.

``page`` and ``pageSize`` are checked as the schema describes them (whole numbers from 1,
``pageSize`` at most 100): anything else answers 400 with ``invalidParams``, a page past
the last one 404.
"""

from dataclasses import dataclass

from django.db.models import Count, Window
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

#: The column ``paginate_counted`` adds to every row: the number of rows on all pages.
TOTAAL = "_totaal"


@dataclass(frozen=True)
class Pagina:
    """Where a page is: its number, the results on all pages and the page size."""

    number: int
    count: int
    size: int

    @property
    def pages(self) -> int:
        return max(-(-self.count // self.size), 1)


def counted_page_queryset(queryset, number: int, size: int):
    """Page ``number`` of a ``.values()`` queryset, each row with the count of all under ``TOTAAL``."""
    offset = (number - 1) * size
    return queryset.annotate(**{TOTAAL: Window(Count("*"))})[offset:offset + size]


class LinkHeaderPagination(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        if errors := self.parameter_errors(request):
            raise exceptions.ValidationError(errors)
        rows = super().paginate_queryset(queryset, request, view)
        self.pagina = Pagina(self.page.number, self.page.paginator.count, self.get_page_size(request))
        return rows

    def paginate_counted(self, queryset, request) -> list[dict]:
        """One page of a ``.values()`` queryset in ONE query, for the busiest lists: the
        number on all pages (``totaal``) is a ``COUNT(*) OVER ()`` column of the page
        query itself (PostgreSQL counts the matching rows before LIMIT/OFFSET), not a
        second ``COUNT(*)`` query. The answer is the same as ``paginate_queryset``'s: a
        page past the last is a 404, an empty first page a ``totaal`` of 0. Each row
        carries the count under ``TOTAAL``."""
        number, size = self.page_asked(request)
        return self.counted_page(list(counted_page_queryset(queryset, number, size)), number, size)

    def page_asked(self, request) -> tuple[int, int]:
        """(number, size) of the page ``request`` asks for; 400 or 404 as DRF's pagination."""
        if errors := self.parameter_errors(request):
            raise exceptions.ValidationError(errors)
        self.request = request
        size = self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param, "1")
        try:
            number = int(raw)  # as Django's paginator reads it: "1.0" passes the check, not this
        except ValueError:
            raise exceptions.NotFound(self.invalid_page_message) from None
        return number, size

    def counted_page(self, rows: list[dict], number: int, size: int) -> list[dict]:
        """The rows of page ``number`` read by ``counted_page_queryset``, with the page's place kept."""
        if not rows and number > 1:
            raise exceptions.NotFound(self.invalid_page_message)
        self.pagina = Pagina(number, rows[0][TOTAAL] if rows else 0, size)
        return rows

    def parameter_errors(self, request) -> dict:
        """What is wrong with ``page`` and ``pageSize`` in ``request``, per parameter."""
        fields = {
            self.page_query_param: serializers.IntegerField(min_value=1),
            self.page_size_query_param: serializers.IntegerField(min_value=1, max_value=self.max_page_size),
        }
        errors = {}
        for name, field in fields.items():
            values = request.query_params.getlist(name)
            if not values:
                continue
            try:
                # Given twice (?page=1&page=2) is not a number either.
                field.run_validation(values[0] if len(values) == 1 else ",".join(values))
            except exceptions.ValidationError as error:
                errors[name] = error.detail
        return errors

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def _links(self) -> dict[str, str]:
        number, pages = self.pagina.number, self.pagina.pages
        current = self.request.build_absolute_uri()
        links = {
            "self": self._page_url(current, number),
            "first": self._page_url(current, 1),
            "last": self._page_url(current, pages),
        }
        if number > 1:
            links["prev"] = self._page_url(current, number - 1)
        if number < pages:
            links["next"] = self._page_url(current, number + 1)
        return links

    def _page_url(self, url: str, number: int) -> str:
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response(self, data):
        links = self._links()
        header = ", ".join(f'<{href}>; rel="{rel}"' for rel, href in links.items())
        return Response(
            {
                "_links": {rel: {"href": href} for rel, href in links.items()},
                "totaal": self.pagina.count,
                "pagina": self.pagina.number,
                "paginaGrootte": self.pagina.size,
                "resultaten": data,
            },
            headers={"Link": header},
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}, "required": ["href"]}
        return {
            "type": "object",
            "required": ["_links", "totaal", "pagina", "paginaGrootte", "resultaten"],
            "properties": {
                "_links": {
                    "type": "object",
                    "required": ["self", "first", "last"],
                    "properties": {rel: link for rel in ("self", "first", "prev", "next", "last")},
                },
                "totaal": {"type": "integer", "description": "Aantal resultaten over alle pagina's."},
                "pagina": {"type": "integer", "description": "Nummer van deze pagina, vanaf 1."},
                "paginaGrootte": {"type": "integer", "description": "Resultaten per pagina."},
                "resultaten": schema,
            },
        }
