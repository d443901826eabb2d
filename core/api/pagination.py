"""Pagination with ``page``/``pageSize``, an RFC 8288 ``Link`` header and the same links
in the body (``_links``), as the Dutch API Design Rules ask.

``page`` and ``pageSize`` are checked as the schema describes them (whole numbers from 1,
``pageSize`` at most 100): anything else answers 400 with ``invalidParams``, a page past
the last one 404.
"""

from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class LinkHeaderPagination(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        if errors := self.parameter_errors(request):
            raise exceptions.ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

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
        request = self.request
        number, pages = self.page.number, self.page.paginator.num_pages
        current = request.build_absolute_uri()
        links = {
            "self": self._page_url(current, number),
            "first": self._page_url(current, 1),
            "last": self._page_url(current, max(pages, 1)),
        }
        if self.page.has_previous():
            links["prev"] = self._page_url(current, number - 1)
        if self.page.has_next():
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
                "totaal": self.page.paginator.count,
                "pagina": self.page.number,
                "paginaGrootte": self.get_page_size(self.request),
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
