"""The task worker (our ``db_worker``) outlives a database restart.

A real worker process against an embedded server of the test's own (its own data
directory), which is stopped and started again; the suite's database is not touched.
"""

import os
import signal
import subprocess
import sys
import time

from ontmoeting.management.commands.db_worker import retry_delay

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _env(**extra) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.test", **extra}
    env.pop("DATABASE_URL", None)
    return env


def test_retry_delays_double_up_to_a_minute():
    assert [retry_delay(attempt) for attempt in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]


def _embedded_db(command: str, env: dict) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ontmoeting.embedded_db", command], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _run_task(value: int, env: dict) -> str:
    """Queue ``echo(value)`` and wait up to 30 s for a worker to run it; its status."""
    code = (
        "import time\n"
        "from tests.ontmoeting.worker_tasks import echo\n"
        f"result = echo.enqueue({value})\n"
        "deadline = time.monotonic() + 30\n"
        "while result.status not in ('SUCCESSFUL', 'FAILED') and time.monotonic() < deadline:\n"
        "    time.sleep(0.2)\n"
        "    result.refresh()\n"
        "print(result.status, result.return_value if result.status == 'SUCCESSFUL' else '')\n"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=90,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_worker_waits_for_a_restarted_database_and_runs_tasks_again(server_dir):
    env = _env(
        EMBEDDED_DB_DIR=str(server_dir / "pgdata"), EMBEDDED_DB_NAME="worker_test",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend", LOG_LEVEL="WARNING",
    )
    log = (server_dir / "worker.log").open("w+")
    worker = None
    try:
        done = subprocess.run(
            [sys.executable, "manage.py", "migrate", "django_tasks_database", "-v", "0"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        assert _run_task(1, env) == "SUCCESSFUL 1"

        _embedded_db("stop", env)
        deadline = time.monotonic() + 30
        while "cannot be reached" not in (server_dir / "worker.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "cannot be reached" in (server_dir / "worker.log").read_text()
        time.sleep(2)  # a few more attempts while it is down
        assert worker.poll() is None, (server_dir / "worker.log").read_text()
        _embedded_db("start", env)

        assert _run_task(2, env) == "SUCCESSFUL 2"
        assert worker.poll() is None
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
        log.close()
        _embedded_db("stop", env)
