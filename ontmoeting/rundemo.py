"""`make run`: database, migrations, demo data, background worker and web server in one go.

Ctrl-C stops the web server and the worker, then the embedded PostgreSQL (when used);
so do SIGTERM (a process manager, ``kill``) and SIGHUP (a closed terminal).
The next run reuses the data under var/, so it starts in seconds.
"""

import os
import signal
import subprocess
import sys

ADDRESS = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")


def manage(*args: str) -> list[str]:
    return [sys.executable, "manage.py", *args]


def _stop(signum, frame):
    raise KeyboardInterrupt  # stop the way Ctrl-C does


def _stop_child(child: subprocess.Popen) -> None:
    """SIGTERM (the web server and the worker stop cleanly on it), SIGKILL after 10 s."""
    if child.poll() is None:
        child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def main() -> int:
    from ontmoeting import embedded_db

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    children: list[subprocess.Popen] = []
    if not os.environ.get("DATABASE_URL"):
        embedded_db.start()
    try:
        subprocess.run(manage("migrate", "--noinput", "-v", "0"), check=True)
        subprocess.run(manage("load_demo"), check=True)
        children.append(subprocess.Popen(manage("db_worker", "--no-reload", "-v", "0")))
        print(
            f"\n  The site runs at http://{ADDRESS}/ (admin: http://{ADDRESS}/admin/)\n"
            "  Log in as the demo board member:     bestuur@demo.invalid / demo-bestuur\n"
            "  Log in as the demo municipal official: gemeente@demo.invalid / demo-gemeente\n"
            f"  and see the Maastricht dashboard at http://{ADDRESS}/gemeente/GM0935/\n"
            "  Stop with Ctrl-C.\n",
            flush=True,
        )
        children.append(subprocess.Popen(manage("runserver", ADDRESS)))
        children[-1].wait()
    except subprocess.CalledProcessError as error:
        print(f"Stopped: {' '.join(error.cmd[1:])} failed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass  # stopped on purpose
    finally:
        # A second Ctrl-C (or SIGTERM) must not cut the clean-up short.
        for name in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(name, signal.SIG_IGN)
        for child in reversed(children):
            _stop_child(child)
        if not os.environ.get("DATABASE_URL"):
            embedded_db.stop()
            print("Database stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
