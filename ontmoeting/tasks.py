"""Background work of the project app: recomputing coverage after a change."""

from django_tasks import task

from locaties.models import Gemeente


@task()
def dekking_recompute(gemeente_id: int | None = None) -> str:
    """Recompute the coverage of one gemeente (or, with None, of every buurt)."""
    from .dekking import dekking_compute

    gemeente = None
    if gemeente_id is not None:
        gemeente = Gemeente.objects.filter(pk=gemeente_id).first()
        if gemeente is None:
            return "gone"
    result = dekking_compute(gemeente=gemeente)
    return f"{result.buurten} buurten in {result.seconds:.2f} s"


def enqueue_recompute(gemeente_id: int | None) -> None:
    """Queue a recomputation, unless the same one is already waiting to start: a demo
    load or a bulk edit announces the same gemeente dozens of times."""
    from django_tasks_db.models import DBTaskResult

    backend = dekking_recompute.get_backend()
    if backend.__class__.__module__.startswith("django_tasks_db"):
        waiting = DBTaskResult.objects.filter(
            status="READY", task_path=dekking_recompute.module_path,
            args_kwargs__args=[gemeente_id],
        )
        if waiting.exists():
            return
    dekking_recompute.enqueue(gemeente_id)
