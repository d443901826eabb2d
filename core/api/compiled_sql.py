"""Compiled SQL kept per shape of a request, for the busiest API lists.

A cold answer spent more than half its time in the ORM building and compiling the same
query again (the selector's queryset, the FilterSet, ``.values()``, the compiler: issue
16, bench/README.md), although from one request to the next of the same shape (the same
filters given, the same page) only a few parameters differ: a buurt code, the bounds of
the period. Here the ORM compiles a shape once; later requests of that shape run the
same SQL with their own parameters bound.

Which parameters belong to which input is not guessed from the code but traced
(``trace``): the query is built by the general path three times, twice from the request
and once from a probe request that differs in every input. A parameter that changes
from request to probe must equal that input's value in both; the rest must be the same
all three times (so nothing depends on the moment of compiling) and so must the SQL.
A shape that does not pass is not kept: its requests take the general path.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver
from django.http import QueryDict
from django.utils import timezone

from core.api.filters import filterset_parameter_errors

# Shapes kept per process; a shape is a combination of filters and a page, so few.
MAX_SHAPES = 256


@dataclass(frozen=True)
class CompiledQuery:
    """The SQL of a ``.values()`` queryset, its parameters, where the inputs go in them
    (``slots``: position, input name) and what turns the database's values into the
    ``.values()`` rows (the column names and Django's converters)."""

    sql: str
    params: tuple
    slots: tuple[tuple[int, str], ...]
    names: tuple[str, ...]
    using: str
    converters: tuple  # (column, converter functions, expression), as Django's compiler applies them

    def rows(self, inputs: dict) -> list[dict]:
        """The rows for ``inputs`` (one value per slot name), as ``.values()`` gives them."""
        params = list(self.params)
        for position, name in self.slots:
            params[position] = inputs[name]
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        if self.converters:
            fetched = [list(row) for row in fetched]
            for row in fetched:
                for column, functions, expression in self.converters:
                    for function in functions:
                        row[column] = function(row[column], expression, connection)
        return [dict(zip(self.names, row, strict=True)) for row in fetched]


def _compiled(queryset):
    compiler = queryset.query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    # The columns' names as the SELECT gives them (each ``AS "name"`` in a values() query).
    names = tuple(alias for _expression, _sql, alias in compiler.select)
    return compiler, sql, tuple(params), names


def trace(build: Callable, request_inputs: tuple, probe_inputs: tuple) -> CompiledQuery | None:
    """The compiled query of ``build(data)`` (a ``.values()`` queryset) with its inputs
    traced; ``request_inputs`` and ``probe_inputs`` are (data, inputs) pairs: the data
    ``build`` takes and the values each input has for it, every one different between
    the two. None when the shape cannot be kept (see the module's docstring)."""
    (data, inputs), (probe_data, probe) = request_inputs, probe_inputs
    if any(inputs[name] == probe[name] for name in inputs):
        return None
    compiler, sql, params, names = _compiled(build(data))
    _, sql_again, params_again, _ = _compiled(build(data))
    _, probe_sql, probe_params, _ = _compiled(build(probe_data))
    if sql_again != sql or params_again != params or probe_sql != sql or len(probe_params) != len(params):
        return None
    if None in names or len(set(names)) != len(names):
        return None
    slots = []
    for position, (value, probe_value) in enumerate(zip(params, probe_params, strict=True)):
        if value == probe_value:
            continue
        explained = [name for name in inputs if inputs[name] == value and probe[name] == probe_value]
        if len(explained) != 1:
            return None
        slots.append((position, explained[0]))
    converters = compiler.get_converters([column[0] for column in compiler.select])
    return CompiledQuery(
        sql, params, tuple(slots), names, compiler.using,
        tuple((column, tuple(functions), expression) for column, (functions, expression) in converters.items()),
    )


class ShapeCache:
    """Compiled queries by shape, at most ``MAX_SHAPES`` (the least recently used go);
    a shape that could not be traced is remembered as None."""

    def __init__(self, size: int = MAX_SHAPES):
        self.size = size
        self._kept: OrderedDict = OrderedDict()
        self._lock = threading.Lock()  # threaded workers share it; make() runs outside

    def get(self, key, make: Callable[[], CompiledQuery | None]) -> CompiledQuery | None:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        compiled = make()
        with self._lock:
            self._kept[key] = compiled
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return compiled

    def clear(self):
        with self._lock:
            self._kept.clear()


SHAPES = ShapeCache()


@receiver(setting_changed)
def _forget_shapes(**kwargs):
    # Constants of the SQL (the confirmation weeks, ...) come from settings; tests change them.
    SHAPES.clear()


def given_once(params: QueryDict, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
    """The names of ``params`` in order, when each is one of ``allowed`` and given once,
    not empty; else None (not a common shape)."""
    for name in params:
        values = params.getlist(name)
        if name not in allowed or len(values) != 1 or not values[0]:
            return None
    return tuple(sorted(params))


def cleaned_filters(filterset_class, params: QueryDict, request) -> dict | None:
    """The FilterSet's cleaned values of ``params``; None when it (or the API's checks of
    the parameters) would refuse them: the general path answers the error."""
    if filterset_parameter_errors(filterset_class, params):
        return None
    filterset = filterset_class(params, queryset=filterset_class._meta.model.objects.none(), request=request)
    return filterset.form.cleaned_data if filterset.is_valid() else None


def shape_rows(key, build: Callable, data, inputs: dict, make_probe: Callable) -> list[dict] | None:
    """The rows of ``build(data)`` from the SQL compiled once for ``key`` and today (see
    ``trace``); ``make_probe()`` gives the probe's (data, inputs), or None when there is
    none. None when the shape cannot be kept.

    Today's date is part of every key: the selectors put it into the SQL as a constant
    ("open today", "confirmed recently", the default period), which the probe, made the
    same day, cannot tell from the rest."""

    def compile_shape():
        probe = make_probe()
        return None if probe is None else trace(build, (data, inputs), probe)

    compiled = SHAPES.get((key, timezone.localdate()), compile_shape)
    return None if compiled is None else compiled.rows(inputs)
