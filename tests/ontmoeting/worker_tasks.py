"""A task for the worker tests, run by a real ``db_worker`` in another process."""

from django_tasks import task


@task()
def echo(value: int) -> int:
    """Return ``value``: proof that a worker picked the task up and ran it."""
    return value
