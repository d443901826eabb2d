"""Fault: the embedded PostgreSQL stops for ~10 s under load and starts again.

    .venv/bin/python bench/fault_db_restart.py [--outage 10] [--before 10] [--after 20] [--threads 4]

Not a unit test: it stops a database server. It uses a server of its own (data in
``var/pgdata-fault``, database ``fault``), so the development database and a running
test suite are not disturbed; the first run migrates it and loads the Maastricht demo
(about a minute), later runs reuse it. Logs go to ``var/fault/``.

1. starts gunicorn (2 sync workers, ``--preload``, 127.0.0.1 on a free port, DEBUG off,
   throttles raised) and the task worker (``manage.py db_worker``) on that server;
2. runs a bounded load from ``--threads`` clients on the loopback (each pausing 20 ms
   between requests, at most ``--max-requests`` in all): resident pages (agenda, buurt
   page), API reads (places, occurrences), and API writes (a wish; a registration for
   a coming occurrence, which queues a confirmation mail task);
3. after ``--before`` seconds stops PostgreSQL (``pg_ctl stop -m fast``), waits
   ``--outage`` seconds, starts it again, and keeps the load on for ``--after`` seconds;
4. then waits (at most 60 s) for the worker to empty the queue.

Reports: status counts per kind of request before, during and after the outage (503 vs
500); how long after the restart the first good answer came and the last error;
whether the worker is still running, what it logged and whether it ran the tasks
queued after the restart; and whether the writes answered 201 are exactly the rows in
the database (and which registrations have their mail task). Exits 1 when a check fails.
Takes about a minute after the first run.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "pgdata-fault"
DATABASE = "fault"
LOG_DIR = ROOT / "var" / "fault"
GEMEENTE = "GM0935"  # the demo's Maastricht

if os.environ.get("DATABASE_URL"):
    sys.exit("DATABASE_URL is set: this script stops the embedded PostgreSQL, so it needs it; unset DATABASE_URL.")
os.environ["EMBEDDED_DB_DIR"] = str(DATA_DIR)
os.environ["EMBEDDED_DB_NAME"] = DATABASE
sys.path.insert(0, str(ROOT))

from ontmoeting import embedded_db  # noqa: E402  (reads the two variables above)


def _env() -> dict:
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.dev", "DJANGO_DEBUG": "0",
        "API_THROTTLE_ANON_READ": "1000000/minute", "API_THROTTLE_PUBLIC_WRITE": "1000000/hour",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", "LOG_LEVEL": "WARNING",
        # DEBUG off serves the hashed files of collectstatic, as in production.
        "STATIC_ROOT": str(LOG_DIR / "static"),
    }


def _manage(*args: str, log: Path) -> None:
    with log.open("a") as out:
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=_env(), stdout=out, stderr=out, check=True)


def _sql(query: str, params=()) -> list[tuple]:
    settings = embedded_db.start()
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"], user="postgres", dbname=DATABASE) as conn:
        return conn.execute(query, params).fetchall()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port: int, method: str, path: str, body: dict | None = None) -> tuple[int | str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Host": "127.0.0.1", "Accept": "application/json, text/html"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    except OSError as error:
        return type(error).__name__, b""  # no answer at all: the client saw the connection fail
    finally:
        connection.close()


class Load:
    """Client threads going through reads and writes until a deadline or a request cap."""

    def __init__(self, port: int, buurt: str, bijeenkomsten: list[int], run: str, max_requests: int):
        self.port, self.buurt, self.bijeenkomsten, self.run = port, buurt, bijeenkomsten, run
        self.max_requests = max_requests
        self.results: list[tuple[float, str, int | str]] = []  # (monotonic time, kind, status)
        self.wensen: list[int] = []  # ids answered 201
        self.aanmeldingen: list[str] = []  # names answered 201
        self.lock = threading.Lock()
        self.deadline = 0.0
        self.counter = 0

    def _next(self) -> int | None:
        with self.lock:
            if self.counter >= self.max_requests or time.monotonic() >= self.deadline:
                return None
            self.counter += 1
            return self.counter

    def _one(self, n: int) -> None:
        step = n % 6
        if step == 0:
            kind, status, _ = "page", *_request(self.port, "GET", f"/agenda?gemeente={GEMEENTE}")
        elif step == 1:
            kind, status, _ = "page", *_request(self.port, "GET", f"/buurten/{self.buurt}")
        elif step == 2:
            kind, status, _ = "api read", *_request(self.port, "GET", f"/api/v1/locaties?gemeente={GEMEENTE}")
        elif step == 3:
            kind, status, _ = "api read", *_request(self.port, "GET", f"/api/v1/bijeenkomsten?gemeente={GEMEENTE}")
        elif step == 4:
            kind = "api write"
            status, body = _request(self.port, "POST", "/api/v1/wensen", {
                "buurt": self.buurt, "tekst": f"{self.run} wens {n}: een taalcafé op zaterdag",
            })
            if status == 201:
                with self.lock:
                    self.wensen.append(json.loads(body)["id"])
        else:
            kind = "api write"
            naam = f"{self.run} {n}"
            bijeenkomst = self.bijeenkomsten[n % len(self.bijeenkomsten)]
            status, _ = _request(self.port, "POST", f"/api/v1/bijeenkomsten/{bijeenkomst}/aanmeldingen", {
                "naam": naam, "email": f"fault-{n}@example.invalid",
            })
            if status == 201:
                with self.lock:
                    self.aanmeldingen.append(naam)
        with self.lock:
            self.results.append((time.monotonic(), kind, status))

    def _client(self) -> None:
        while (n := self._next()) is not None:
            self._one(n)
            time.sleep(0.02)

    def start(self, seconds: float, threads: int) -> list[threading.Thread]:
        self.deadline = time.monotonic() + seconds
        pool = [threading.Thread(target=self._client, daemon=True) for _ in range(threads)]
        for thread in pool:
            thread.start()
        return pool


def _prepare(log: Path) -> tuple[str, list[int]]:
    """Migrate and load the demo into the fault database once; a buurt and coming
    occurrences open for registration."""
    embedded_db.start()
    _manage("migrate", "--noinput", "-v", "0", log=log)
    _manage("collectstatic", "--noinput", "-v", "0", log=log)
    if not _sql("SELECT 1 FROM activiteiten_activiteit LIMIT 1"):
        print("First run: loading the Maastricht demo into the fault database ...", flush=True)
        _manage("load_demo", log=log)
    buurt = _sql(
        "SELECT b.code FROM locaties_buurt b JOIN locaties_gemeente g ON g.id = b.gemeente_id "
        "WHERE g.code = %s ORDER BY b.code LIMIT 1", [GEMEENTE],
    )[0][0]
    bijeenkomsten = [row[0] for row in _sql(
        "SELECT b.id FROM activiteiten_bijeenkomst b JOIN activiteiten_activiteit a ON a.id = b.activiteit_id "
        "WHERE a.aanmelding <> 'geen' AND a.status = 'gepubliceerd' AND NOT b.geannuleerd "
        "AND b.start > now() + interval '2 days' ORDER BY b.start LIMIT 20"
    )]
    if not bijeenkomsten:
        sys.exit("No coming occurrence open for registration in the fault database.")
    return buurt, bijeenkomsten


def _start_site(port: int, log: Path) -> tuple[subprocess.Popen, subprocess.Popen]:
    out = log.open("a")
    # --preload: settings load once in the master, so a worker it replaces does not start the database.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--preload", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning", "--chdir", str(ROOT), "ontmoeting.wsgi:application"],
        cwd=ROOT, env=_env(), stdout=out, stderr=out,
    )
    worker_log = (LOG_DIR / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5", "-v", "1"],
        cwd=ROOT, env=_env(), stdout=worker_log, stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        if _request(port, "GET", "/agenda")[0] == 200:
            return server, worker
        time.sleep(0.1)
    server.terminate()
    worker.terminate()
    sys.exit("gunicorn did not answer")


def _counts(results, since: float, until: float) -> dict[str, collections.Counter]:
    per_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for at, kind, status in results:
        if since <= at < until:
            per_kind[kind][status] += 1
    return per_kind


def _format(counter: collections.Counter) -> str:
    return ", ".join(f"{status}: {n}" for status, n in sorted(counter.items(), key=lambda kv: str(kv[0]))) or "none"


def _good(status) -> bool:
    return status in (200, 201)


def _task_statuses(since_iso: str) -> dict[str, int]:
    return dict(_sql(
        "SELECT status, count(*) FROM django_tasks_database_dbtaskresult WHERE enqueued_at >= %s GROUP BY status",
        [since_iso],
    ))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Stop and start the embedded PostgreSQL under load.")
    parser.add_argument("--before", type=float, default=10, help="Seconds of load before the stop.")
    parser.add_argument("--outage", type=float, default=10, help="Seconds the database is down.")
    parser.add_argument("--after", type=float, default=20, help="Seconds of load after the start.")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=20_000)
    args = parser.parse_args(argv)

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / "site.log"
    log.write_text("")
    buurt, bijeenkomsten = _prepare(log)
    run = f"fault-{uuid.uuid4().hex[:8]}"
    started_at = _sql("SELECT now()::text")[0][0]
    port = _free_port()
    server, worker = _start_site(port, log)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; gunicorn on 127.0.0.1:{port}, "
          f"run {run}; {args.threads} clients, load {args.before:.0f} s + outage {args.outage:.0f} s + "
          f"{args.after:.0f} s", flush=True)
    checks: dict[str, bool] = {}
    try:
        load = Load(port, buurt, bijeenkomsten, run, args.max_requests)
        t0 = time.monotonic()
        pool = load.start(args.before + args.outage + args.after + 30, args.threads)
        time.sleep(args.before)
        t_stop = time.monotonic()
        embedded_db.stop()
        t_stopped = time.monotonic()
        print(f"  database stopped at {t_stop - t0:.1f} s (took {t_stopped - t_stop:.1f} s)", flush=True)
        time.sleep(max(0.0, args.outage - (t_stopped - t_stop)))
        t_start = time.monotonic()
        embedded_db.start()
        t_up = time.monotonic()
        print(f"  database started at {t_start - t0:.1f} s, ready after {t_up - t_start:.1f} s", flush=True)
        load.deadline = t_up + args.after
        restarted_at = _sql("SELECT now()::text")[0][0]
        for thread in pool:
            thread.join()
        t_end = time.monotonic()

        print(f"\nRequests: {len(load.results)} in {t_end - t0:.1f} s")
        phases = [("before the stop", t0, t_stop), ("database down", t_stop, t_up),
                  ("after the start", t_up, t_end + 1)]
        for name, since, until in phases:
            counts = _counts(load.results, since, until)
            print(f"  {name:<16} " + "; ".join(f"{kind} {{{_format(counts[kind])}}}"
                                               for kind in ("page", "api read", "api write")))
        statuses = collections.Counter(status for _, _, status in load.results)
        errors_down = _counts(load.results, t_stop, t_up)
        print(f"  all: {_format(statuses)}")
        checks["no 500 at all"] = statuses[500] == 0
        checks["errors only while the database was down or restarting"] = all(
            _good(status) for at, _, status in load.results if at < t_stop
        )
        checks["pages and API answered 503 while down"] = all(
            errors_down[kind][503] > 0 for kind in ("page", "api read", "api write")
        )

        after = [(at, kind, status) for at, kind, status in load.results if at >= t_up]
        first_good = min((at for at, _, status in after if _good(status)), default=None)
        last_error = max((at for at, _, status in load.results if not _good(status)), default=None)
        first_error = min((at for at, _, status in load.results if at >= t_stop and not _good(status)), default=None)
        if first_error is not None:
            print(f"  first error {first_error - t_stop:.2f} s after the stop began")
        if first_good is not None:
            print(f"  RECOVERY: first good answer {first_good - t_up:.2f} s after the database was ready "
                  f"({first_good - t_start:.2f} s after its start began)")
        if last_error is not None:
            print(f"  last error {last_error - t_up:+.2f} s from the database being ready; "
                  f"errors after it: {sum(1 for _, _, s in after if not _good(s))}")
        checks["recovered within 5 s of the database being ready"] = (
            first_good is not None and first_good - t_up < 5 and (last_error is None or last_error - t_up < 5)
        )

        # The worker: still running, and did it run what was queued after the restart?
        deadline = time.monotonic() + 60
        while _task_statuses(started_at).get("READY", 0) and time.monotonic() < deadline:
            time.sleep(0.5)
        worker_alive = worker.poll() is None
        retries = sum("cannot be reached" in line for line in (LOG_DIR / "worker.log").read_text().splitlines())
        after_restart = _task_statuses(restarted_at)
        print(f"\nWorker: {'still running' if worker_alive else f'ended with exit code {worker.returncode}'}; "
              f"logged {retries} retries while the database was away (var/fault/worker.log)")
        print(f"  tasks queued during the run: {_task_statuses(started_at)}; queued after the restart: {after_restart}")
        checks["worker still running"] = worker_alive
        checks["worker ran the tasks queued after the restart"] = (
            after_restart.get("SUCCESSFUL", 0) > 0 and after_restart.get("READY", 0) == 0
        )

        # Writes: what the clients were told was saved is what the database holds.
        wensen = {row[0] for row in _sql("SELECT id FROM activiteiten_wens WHERE tekst LIKE %s", [f"{run} %"])}
        namen = {row[0] for row in _sql("SELECT naam FROM activiteiten_aanmelding WHERE naam LIKE %s", [f"{run} %"])}
        with_mail = _sql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE enqueued_at >= %s "
            "AND task_path LIKE %s", [started_at, "%mail_aanmelding%"],
        )[0][0]
        print(f"\nWrites answered 201: {len(load.wensen)} wishes, {len(load.aanmeldingen)} registrations; "
              f"rows in the database: {len(wensen)} wishes, {len(namen)} registrations")
        print(f"  rows without a 201 (saved, but the client was told otherwise): "
              f"{len(wensen - set(load.wensen))} wishes, {len(namen - set(load.aanmeldingen))} registrations; "
              f"201 without a row: {len(set(load.wensen) - wensen)} wishes, {len(set(load.aanmeldingen) - namen)} registrations")
        print(f"  confirmation mail tasks queued: {with_mail} for {len(namen)} registrations")
        checks["accepted writes == rows in the database"] = (
            wensen == set(load.wensen) and namen == set(load.aanmeldingen)
        )
    finally:
        for process in (server, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (server, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        embedded_db.stop()

    print()
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0 if checks and all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
