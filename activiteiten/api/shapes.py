"""The occurrences list's common shapes, answered from compiled SQL (``core.api.compiled_sql``).

The hot questions are one area (buurt, wijk or gemeente), optionally a period, and a
page: a buurt's coming four weeks, a gemeente's week as a page of 100, a crawler going
through every buurt. For those the ORM compiles the query once per shape (which filters,
which page, today's date) and later requests bind their own codes and period bounds.
Every other request, and every request with a parameter the FilterSet refuses, takes
the general path (which answers the error).
"""

from datetime import timedelta

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict
from django.utils import timezone

from core.api.compiled_sql import ShapeCache, trace
from core.api.filters import filterset_parameter_errors

from ..filters import BijeenkomstFilter, day_bounds
from ..models import Bijeenkomst

GEBIEDEN = ("buurt", "wijk", "gemeente")
PERIODE = ("van", "tot")
PAGINA = ("page", "pageSize")

SHAPES = ShapeCache()


@receiver(setting_changed)
def _forget_shapes(**kwargs):
    # Constants of the SQL (the confirmation weeks, ...) come from settings; tests change them.
    SHAPES.clear()


def shape(params: QueryDict) -> tuple | None:
    """The filters of a request of a common shape (areas and period given, each once and
    not empty); None for any other request."""
    names = []
    for name in params:
        values = params.getlist(name)
        if name not in GEBIEDEN + PERIODE + PAGINA or len(values) != 1 or not values[0]:
            return None
        if name not in PAGINA:
            names.append(name)
    return tuple(sorted(names)) if any(name in GEBIEDEN for name in names) else None


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
    path. ``build(data, number, size)`` is the general path's page queryset for query
    parameters ``data``. A bad page or page size answers as the general path does."""
    params = request.query_params
    key = shape(params)
    if key is None or filterset_parameter_errors(BijeenkomstFilter, params):
        return None
    filterset = BijeenkomstFilter(params, queryset=Bijeenkomst.objects.none(), request=request)
    if not filterset.is_valid():
        return None
    number, size = paginator.page_asked(request)
    cleaned = filterset.form.cleaned_data
    values = inputs(params, cleaned)

    def compile_shape():
        probe_data = probe(params, cleaned)
        probe_filterset = BijeenkomstFilter(probe_data, queryset=Bijeenkomst.objects.none(), request=request)
        if not probe_filterset.is_valid():
            return None
        return trace(
            lambda data: build(data, number, size),
            (params, values), (probe_data, inputs(probe_data, probe_filterset.form.cleaned_data)),
        )

    compiled = SHAPES.get((key, number, size, timezone.localdate()), compile_shape)
    return None if compiled is None else paginator.counted_page(compiled.rows(values), number, size)
