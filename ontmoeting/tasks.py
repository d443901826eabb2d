"""Background work of the project app: recomputing coverage after a change, and the
daily jobs: the erasure of contact data whose retention period has passed, the
"loopt dit nog?" reminders to organisations (``activiteiten.services.activiteiten_herinner``)
and the roster's day (``vrijwilligers.services.vrijwilligers_dagelijks``)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from activiteiten.services import activiteiten_herinner
from core.timezones import AMSTERDAM
from locaties.models import Gemeente
from vrijwilligers.services import vrijwilligers_dagelijks

from .dekking.compute import dekking_compute
from .privacy import expired_contact_erase

# pg_advisory_xact_lock key: workers starting together plan one daily erasure, not one each.
PRIVACY_SCHEDULE_LOCK = 0x70726976  # "priv"
HERINNERING_SCHEDULE_LOCK = 0x68657269  # "heri"
VRIJWILLIGERS_SCHEDULE_LOCK = 0x76726a77  # "vrjw"


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


def next_daily_run(after: datetime, at: str | None = None) -> datetime:
    """The first moment after ``after`` at ``at`` (HH:MM; default
    ``settings.PRIVACY_ERASE_AT``), Amsterdam time, whatever the daylight saving time."""
    at = time.fromisoformat(at or settings.PRIVACY_ERASE_AT)
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
    return _schedule_daily(privacy_erase_expired, at=settings.PRIVACY_ERASE_AT, lock=PRIVACY_SCHEDULE_LOCK)


def _schedule_daily(task_obj, *, at: str, lock: int):
    """Queue ``task_obj`` for its next daily run at ``at`` unless one is waiting; None
    when one was, or the backend cannot defer. The advisory lock ``lock`` keeps workers
    that start together from planning one each."""
    backend = task_obj.get_backend()
    if not backend.__class__.__module__.startswith("django_tasks_db"):
        return None

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        waiting = DBTaskResult.objects.filter(status="READY", task_path=task_obj.module_path)
        if waiting.exists():
            return None
        return task_obj.using(run_after=next_daily_run(timezone.now(), at)).enqueue()


@task()
def bevestig_herinneringen() -> str:
    """Send the day's "loopt dit nog?" reminders (``activiteiten_herinner``), then plan
    tomorrow's run, like the daily erasure."""
    try:
        return f"{activiteiten_herinner()} activities reminded of"
    finally:
        bevestig_herinneringen_schedule_next()


def bevestig_herinneringen_schedule_next():
    """Put the daily reminders on the database queue for their next time
    (``settings.ACTIVITEIT_BEVESTIG_HERINNERING_AT``), unless a run is waiting there. The
    worker calls this whenever it starts. None when one was waiting or the backend cannot
    defer (there ``manage.py herinner_bevestigen`` from cron does the work)."""
    return _schedule_daily(
        bevestig_herinneringen, at=settings.ACTIVITEIT_BEVESTIG_HERINNERING_AT, lock=HERINNERING_SCHEDULE_LOCK
    )


@task()
def vrijwilligers_dagtaak() -> str:
    """The roster's daily job (``vrijwilligers_dagelijks``: host shifts for the open
    inloop, tomorrow's reminders, unfilled shifts, the 24-month retention), then plan
    tomorrow's run, like the daily erasure."""
    try:
        return str(vrijwilligers_dagelijks())
    finally:
        vrijwilligers_dagtaak_schedule_next()


def vrijwilligers_dagtaak_schedule_next():
    """Put the roster's daily job on the database queue for its next time
    (``settings.VRIJWILLIGERS_DAGTAAK_AT``), unless a run is waiting there. The worker
    calls this whenever it starts. None when one was waiting or the backend cannot defer
    (there ``manage.py vrijwilligers_herinner`` from cron does the work)."""
    return _schedule_daily(vrijwilligers_dagtaak, at=settings.VRIJWILLIGERS_DAGTAAK_AT, lock=VRIJWILLIGERS_SCHEDULE_LOCK)
