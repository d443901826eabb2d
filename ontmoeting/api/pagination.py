"""Pagination with ``page``/``pageSize``, an RFC 8288 ``Link`` header and the same links
in the body (``_links``), as the Dutch API Design Rules ask."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class LinkHeaderPagination(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100

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
        from rest_framework.utils.urls import replace_query_param

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
