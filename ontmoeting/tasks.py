"""Background work of the project app: recomputing coverage after a change, and the
daily erasure of contact data whose retention period has passed."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from core.timezones import AMSTERDAM
from locaties.models import Gemeente

from .dekking.compute import dekking_compute
from .privacy import expired_contact_erase

# pg_advisory_xact_lock key: workers starting together plan one daily erasure, not one each.
PRIVACY_SCHEDULE_LOCK = 0x70726976  # "priv"


@task()
def dekking_recompute(gemeente_id: int | None = None) -> str:
    """Recompute the coverage of one gemeente (or, with None, of every buurt)."""
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
    backend = dekking_recompute.get_backend()
    if backend.__class__.__module__.startswith("django_tasks_db"):
        waiting = DBTaskResult.objects.filter(
            status="READY", task_path=dekking_recompute.module_path,
            args_kwargs__args=[gemeente_id],
        )
        if waiting.exists():
            return
    dekking_recompute.enqueue(gemeente_id)


@task()
def privacy_erase_expired() -> str:
    """Erase the contact data whose retention period has passed (``ontmoeting.privacy``),
    then plan the next run for tomorrow: django-tasks 0.12 has no periodic tasks, so the
    daily task keeps itself on the queue, deferred with ``run_after``."""
    try:
        return str(expired_contact_erase())
    finally:
        # Planned even when this run failed: tomorrow's may well succeed.
        privacy_schedule_next()


def next_daily_run(after: datetime) -> datetime:
    """The first moment after ``after`` at ``settings.PRIVACY_ERASE_AT`` (HH:MM), Amsterdam
    time, whatever the daylight saving time."""
    at = time.fromisoformat(settings.PRIVACY_ERASE_AT)
    local = timezone.localtime(after, AMSTERDAM)
    candidate = datetime.combine(local.date(), at, tzinfo=AMSTERDAM)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=AMSTERDAM)
    return candidate


def privacy_schedule_next():
    """Put the daily erasure on the database queue for its next time, unless a run is
    already waiting there. The worker calls this whenever it starts and every run plans
    the next, so a queue that lost the task gets it back. Returns the queued result, or
    None when one was waiting or the backend cannot defer (tests run tasks at once; there
    ``manage.py erase_expired_contact`` from cron does the work)."""
    backend = privacy_erase_expired.get_backend()
    if not backend.__class__.__module__.startswith("django_tasks_db"):
        return None

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PRIVACY_SCHEDULE_LOCK])
        waiting = DBTaskResult.objects.filter(status="READY", task_path=privacy_erase_expired.module_path)
        if waiting.exists():
            return None
        return privacy_erase_expired.using(run_after=next_daily_run(timezone.now())).enqueue()
