"""The occurrences list's common shapes, answered from compiled SQL (``core.api.compiled_sql``).

The hot questions are one area (buurt, wijk or gemeente), optionally a period, and a
page: a buurt's coming four weeks, a gemeente's week as a page of 100, a crawler going
through every buurt. For those the ORM compiles the query once per shape (which filters,
which page, on which day) and later requests bind their own codes and period bounds.
Every other request, and every request with a parameter the FilterSet refuses, takes
the general path (which answers the error).
"""

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from core.api.compiled_sql import cleaned_filters, given_once, shape_rows

from ..filters import BijeenkomstFilter, day_bounds

GEBIEDEN = ("buurt", "wijk", "gemeente")
PERIODE = ("van", "tot")
PAGINA = ("page", "pageSize")


def shape(params: QueryDict) -> tuple | None:
    """The filters of a request of a common shape (at least one area; areas, period and
    page given once each, not empty); None for any other request."""
    names = given_once(params, GEBIEDEN + PERIODE + PAGINA)
    if names is None or not any(name in GEBIEDEN for name in names):
        return None
    return tuple(name for name in names if name not in PAGINA)


def inputs(params: QueryDict, cleaned: dict) -> dict:
    """What differs between requests of one shape: the area codes, and the period's
    bounds when a day of it is given (without, they follow from today, part of the key)."""
    values = {name: params[name] for name in GEBIEDEN if name in params}
    if any(name in params for name in PERIODE):
        values["begin"], values["einde"] = day_bounds(cleaned["van"], cleaned["tot"])
    return values


def probe(params: QueryDict, cleaned: dict) -> QueryDict:
    """A request of the same shape with every input different: other codes, the period a day later."""
    data = params.copy()
    for name in GEBIEDEN:
        if name in data:
            data[name] = f"{data[name]}-probe"
    for name in PERIODE:
        if name in data:
            data[name] = (cleaned[name] + timedelta(days=1)).isoformat()
    return data


def rows_of_shape(request, paginator, build) -> list[dict] | None:
    """The page's rows (through ``paginator.counted_page``) from the compiled SQL of the
    request's shape; None when the request is not of a common shape, its filters are
    refused or the shape cannot be compiled once: then the caller takes the general
    path. ``build(params, moment, number, size)`` is the general path's page queryset
    for query parameters ``params`` at ``moment``. A bad page or page size answers as the general path does."""
    params = request.query_params
    key = shape(params)
    cleaned = None if key is None else cleaned_filters(BijeenkomstFilter, params, request)
    if cleaned is None:
        return None
    number, size = paginator.page_asked(request)

    # The moment of the answer is an input too: what another app adds (a host present
    # now, ``with_extras``) is asked at it.
    moment = timezone.now()
    values = {**inputs(params, cleaned), "moment": moment}

    def make_probe():
        probe_data = probe(params, cleaned)
        probe_cleaned = cleaned_filters(BijeenkomstFilter, probe_data, request)
        if probe_cleaned is None:
            return None
        probe_moment = moment + timedelta(seconds=1)
        return (probe_data, probe_moment), {**inputs(probe_data, probe_cleaned), "moment": probe_moment}

    rows = shape_rows(
        ("bijeenkomsten", key, number, size),
        lambda data: build(*data, number, size), (params, moment), values, make_probe,
    )
    return None if rows is None else paginator.counted_page(rows, number, size)
