"""Erasing a person from the copies that Django and the task queue keep of them.

Erasing a row is not enough: the admin's history (``django_admin_log``) keeps the row's
name as it was (``object_repr``) and sometimes values in ``change_message``, and the task
queue of django-tasks-db keeps every task's arguments, return value and traceback, which
may hold an address a mail was sent to. The domain services that erase people call
``copies_erase`` with the values they erased, in the same transaction.

Plumbing only: it knows Django's admin log and the task table, no app of the project.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction

ERASED = "[gewist]"
# Shorter values ("Jo", "06") would match inside unrelated words and numbers; the rows
# themselves are erased whatever their length, their copies are found by what is left.
MIN_VALUE_LENGTH = 3
# Values per query: one ILIKE ANY over a few hundred patterns stays a single scan.
BATCH = 200


@dataclass
class CopiesErased:
    """What ``copies_erase`` changed, for the command's report and the tests."""

    log_entries: int = 0
    tasks_deleted: int = 0
    tasks_scrubbed: int = 0

    def __add__(self, other: CopiesErased) -> CopiesErased:
        return CopiesErased(
            self.log_entries + other.log_entries,
            self.tasks_deleted + other.tasks_deleted,
            self.tasks_scrubbed + other.tasks_scrubbed,
        )


def _usable(values: Iterable[str | None]) -> list[str]:
    cleaned = {(value or "").strip() for value in values}
    # Longest first, so "Jan Janssen" is replaced whole before "Janssen" could be.
    return sorted((v for v in cleaned if len(v) >= MIN_VALUE_LENGTH and v != ERASED), key=len, reverse=True)


def _like_patterns(values: list[str]) -> list[str]:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

    return [f"%{escape(value)}%" for value in values]


def _replacer(values: list[str]):
    pattern = re.compile("|".join(re.escape(value) for value in values), re.IGNORECASE)
    return lambda text: pattern.sub(ERASED, text) if text else text


def _scrub_json(data, replace):
    if isinstance(data, str):
        return replace(data)
    if isinstance(data, list):
        return [_scrub_json(item, replace) for item in data]
    if isinstance(data, dict):
        return {key: _scrub_json(item, replace) for key, item in data.items()}
    return data


def _admin_log(values: list[str], objects: dict[type, list]) -> int:
    if not apps.is_installed("django.contrib.admin"):
        return 0
    from django.contrib.admin.models import LogEntry  # noqa: PLC0415 only when the admin is installed
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 only with the admin

    changed = 0
    # The erased objects' own history: its name as it was is the copy.
    for model, pks in objects.items():
        if pks:
            changed += LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
                object_id__in=[str(pk) for pk in pks],
            ).exclude(object_repr=ERASED).update(object_repr=ERASED)
    table = LogEntry._meta.db_table
    for start in range(0, len(values), BATCH):
        batch = values[start:start + BATCH]
        replace, patterns = _replacer(batch), _like_patterns(batch)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, object_repr, change_message FROM {table} "
                "WHERE object_repr ILIKE ANY(%s) OR change_message ILIKE ANY(%s) FOR UPDATE",
                [patterns, patterns],
            )
            rows = cursor.fetchall()
        for pk, object_repr, change_message in rows:
            LogEntry.objects.filter(pk=pk).update(
                object_repr=replace(object_repr)[:200], change_message=replace(change_message)
            )
        changed += len(rows)
    return changed


def _task_queue(values: list[str]) -> tuple[int, int]:
    if not values or not apps.is_installed("django_tasks_db"):
        return 0, 0
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 only when the task queue app is installed

    deleted = scrubbed = 0
    table = DBTaskResult._meta.db_table
    for start in range(0, len(values), BATCH):
        batch = values[start:start + BATCH]
        replace, patterns = _replacer(batch), _like_patterns(batch)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, status FROM {table} WHERE args_kwargs::text ILIKE ANY(%s) "
                "OR coalesce(return_value::text, '') ILIKE ANY(%s) OR traceback ILIKE ANY(%s) "
                "FOR UPDATE",
                [patterns, patterns, patterns],
            )
            rows = cursor.fetchall()
        running = [pk for pk, status in rows if status == "RUNNING"]
        # Waiting tasks that carry the person would mail or process them after they asked
        # to be forgotten, and finished ones are history: both go.
        deleted += DBTaskResult.objects.filter(pk__in=[pk for pk, status in rows if status != "RUNNING"]).delete()[0]
        # A running task cannot be taken from its worker, which saves only its result
        # fields when done: its stored arguments are scrubbed under it.
        for result in DBTaskResult.objects.filter(pk__in=running):
            result.args_kwargs = json.loads(json.dumps(_scrub_json(result.args_kwargs, replace)))
            result.traceback = replace(result.traceback)
            result.save(update_fields=["args_kwargs", "traceback"])
            scrubbed += 1
    return deleted, scrubbed


@transaction.atomic
def copies_erase(*, values: Iterable[str | None], objects: dict[type, Iterable] | None = None) -> CopiesErased:
    """Remove ``values`` (names, e-mail addresses, phone numbers) from every copy outside
    the domain tables: the admin's history and django-tasks-db's task table.

    ``objects`` maps a model to the primary keys of its erased rows: their admin history
    loses its ``object_repr`` (the row's name when it was logged) whatever it said. In the
    admin history every occurrence of a value becomes ``[gewist]``; task rows that carry
    one are deleted, except a running task, whose arguments and traceback are scrubbed.
    Values shorter than three characters are not searched for: they would match too much.
    """
    usable = _usable(values)
    objects = {model: list(pks) for model, pks in (objects or {}).items()}
    tasks_deleted, tasks_scrubbed = _task_queue(usable)
    return CopiesErased(_admin_log(usable, objects), tasks_deleted, tasks_scrubbed)
