"""Storing many rows at once: COPY into a temporary table, then one upsert."""

from __future__ import annotations

from django.db import connection


def upsert(cursor, model, columns: tuple[str, ...], rows: list[tuple], *, conflict: tuple[str, ...]) -> None:
    """Insert ``rows`` into the model's table, updating the rows whose ``conflict`` key
    exists: one COPY into a temporary table and one ``INSERT ... ON CONFLICT DO UPDATE``
    (what ``bulk_create(update_conflicts=True)`` does, without compiling every row into
    SQL in Python). New rows get their ids in the order given. Call inside a transaction."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    temp = qn(f"upsert_{model._meta.db_table}")
    names = ", ".join(qn(c) for c in columns)
    # Same column types as the table, no constraints; gone at commit (and dropped below, so
    # two calls in one outer transaction do not collide).
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{temp}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS "
        f"SELECT {names}, 0::integer AS upsert_order FROM {table} WITH NO DATA"
    )
    # The raw psycopg cursor: Django's wrapper has no copy().
    with cursor.cursor.copy(f"COPY {temp} ({names}, upsert_order) FROM STDIN") as copy:
        for order, row in enumerate(rows):
            copy.write_row((*row, order))
    updates = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in columns if c not in conflict)
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {temp} ORDER BY upsert_order "
        f"ON CONFLICT ({', '.join(qn(c) for c in conflict)}) DO UPDATE SET {updates}"
    )
    cursor.execute(f"DROP TABLE {temp}")
