"""`make run`: database, migrations, demo data, background worker and web server in one go.

Ctrl-C stops the web server and the worker, then the embedded PostgreSQL (when used);
so do SIGTERM (a process manager, ``kill``) and SIGHUP (a closed terminal).
The next run reuses the data under var/, so it starts in seconds.

The task worker waits for the database by itself when it goes away; should it end for
any other reason, it is started again (after 1 s, doubling up to 60 s), saying why.
"""

import os
import signal
import subprocess
import sys
import threading
import time

from ontmoeting import embedded_db

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


class Supervised:
    """A child process started again whenever it ends, until ``stop()``; what a process
    manager (systemd's ``Restart=always``) does in production."""

    FIRST_DELAY_SECONDS = 1.0
    MAX_DELAY_SECONDS = 60.0
    # A run that lasted this long was healthy: the next restart waits from the start again.
    HEALTHY_AFTER_SECONDS = 60.0

    def __init__(self, name: str, command: list[str]):
        self.name, self.command = name, command
        self.stopping = threading.Event()
        self.lock = threading.Lock()  # no new process once stop() has begun
        self.process = subprocess.Popen(command)
        self.thread = threading.Thread(target=self._watch, name=f"supervise {name}", daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        delay = self.FIRST_DELAY_SECONDS
        while True:
            started = time.monotonic()
            code = self.process.wait()
            if time.monotonic() - started >= self.HEALTHY_AFTER_SECONDS:
                delay = self.FIRST_DELAY_SECONDS
            # Waiting first also lets a Ctrl-C, which ends the child too, reach stop().
            if self.stopping.wait(delay):
                return
            with self.lock:
                if self.stopping.is_set():
                    return
                print(f"The {self.name} stopped (exit code {code}); starting it again.", file=sys.stderr, flush=True)
                self.process = subprocess.Popen(self.command)
            delay = min(self.MAX_DELAY_SECONDS, delay * 2)

    def stop(self) -> None:
        with self.lock:
            self.stopping.set()
        _stop_child(self.process)


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    worker = None
    children: list[subprocess.Popen] = []
    if not os.environ.get("DATABASE_URL"):
        embedded_db.start()
    try:
        subprocess.run(manage("migrate", "--noinput", "-v", "0"), check=True)
        subprocess.run(manage("load_demo"), check=True)
        worker = Supervised("task worker", manage("db_worker", "--no-reload", "-v", "0"))
        print(
            f"\n  The site runs at http://{ADDRESS}/ (admin: http://{ADDRESS}/admin/)\n"
            f"  Log in at http://{ADDRESS}/inloggen (officials and staff set up an authenticator app the first time)\n"
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
        if worker is not None:  # first: while the others stop, it must not be started again
            worker.stop()
        for child in reversed(children):
            _stop_child(child)
        if not os.environ.get("DATABASE_URL"):
            embedded_db.stop()
            print("Database stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
