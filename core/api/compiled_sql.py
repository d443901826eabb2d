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

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections

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

    def get(self, key, make: Callable[[], CompiledQuery | None]) -> CompiledQuery | None:
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        compiled = self._kept[key] = make()
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return compiled

    def clear(self):
        self._kept.clear()
