"""``manage.py db_worker``: django-tasks-db's worker, which outlives a database restart.

The library's worker ends on the first database error that is not a locked table, so a
restart of PostgreSQL (an upgrade, a failover, the embedded server stopped for a moment)
left every later task waiting until someone started it again. This command runs the
library's worker and, when the database cannot be reached (``core.outage``), logs
why, waits and runs it again: 1 s, then 2, 4, ... at most 60 s between attempts, from
1 s again once a run has lasted a minute. Other errors still end it, for a process
manager to restart (README, "Production"). Each start also makes sure the daily erasure
of expired contact data, the daily "loopt dit nog?" reminders and the roster's daily job
are on the queue (``ontmoeting.tasks.privacy_schedule_next``,
``bevestig_herinneringen_schedule_next``, ``vrijwilligers_dagtaak_schedule_next``).

Options are the library's. The retry applies without ``--reload`` (the default unless
DEBUG; ``make run`` and production run without it): Django's reloader runs the worker
in a thread, where an error ends the thread and not the process.
"""

import logging
import time

from django.db import connections
from django_tasks_db.management.commands import db_worker

from core.outage import database_unavailable
from ontmoeting.tasks import (
    bevestig_herinneringen_schedule_next,
    privacy_schedule_next,
    vrijwilligers_dagtaak_schedule_next,
)

logger = logging.getLogger(__name__)

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
# A run that lasted this long was a recovery: the next failure waits from the start again.
RESET_AFTER_SECONDS = 60.0


def retry_delay(attempt: int) -> float:
    """Seconds to wait before attempt ``attempt`` (0 is the first retry): doubling, capped."""
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2**attempt)


class Command(db_worker.Command):
    help = "Run a database background worker that waits for the database when it is away"

    def handle(self, *args, **options):
        """Run the library's worker; after an unreachable database, wait and run it again."""
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                # The daily erasure lives on the queue it runs from (ontmoeting.tasks).
                privacy_schedule_next()
                bevestig_herinneringen_schedule_next()
                vrijwilligers_dagtaak_schedule_next()
                return super().handle(*args, **options)
            except Exception as error:
                if not database_unavailable(error):
                    raise
                if time.monotonic() - started >= RESET_AFTER_SECONDS:
                    attempt = 0
                delay = retry_delay(attempt)
                attempt += 1
                logger.warning(
                    "Task worker: the database cannot be reached (%s); trying again in %.0f s.",
                    str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
                    delay,
                )
                # A broken connection is of no use after the restart; the next run opens a new one.
                connections.close_all()
                time.sleep(delay)
