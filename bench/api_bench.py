"""The public read API on national-scale data against a bare Django JSON view served by
the same server with the same settings, in one run (twice: API cache on, then off).

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/api_bench.py [--seconds 10] [--gemeente GM0363]

Generates the national set first if it is missing (``bench/national.py``). Then starts
gunicorn (2 sync workers, 127.0.0.1 only, a free port) on this module's ``application``:
the project's own WSGI application with DEBUG off, ``ROOT_URLCONF`` pointing at this
module (the project's URLs plus ``/bench/bare``, a plain ``JsonResponse`` with a tiny
payload), persistent database connections (``CONN_MAX_AGE=60``, as the production
settings do with ``DATABASE_URL``; ``--conn-max-age 0`` for the embedded default), and
the anonymous read throttle left on but raised to 1,000,000/minute so that the loop is
not answered with 429s. A thin WSGI wrapper around the application adds two headers
to every answer: ``Server-Timing: app;dur=<ms>`` (time inside Django, body included)
and ``X-Bench-Queries`` (SQL statements run for that request).

Two servers, one after the other: the first with the API's server cache on
(``API_CACHE_SECONDS=60``, as deployed), the second with it off (``API_CACHE_SECONDS=0``),
which shows what computing an answer costs and where the SQL queries are counted.

For each endpoint, 2 client threads on 127.0.0.1 send requests for ``--seconds`` (after
a short warm-up) and stop by themselves; the client shares the 2 cores with the server,
equally for every endpoint. Printed per endpoint: requests/s, the ratio to the bare
view (DESIGN.md: at least 0.5 for the occurrences API), the median server time
(budget < 50 ms) and the SQL queries per request, which must be the same whatever the
size of the answer (checked on buurten and gemeenten of different sizes and two page
sizes). Also the resident memory of the workers at the end (budget < 200 MB).

Endpoints (besides the bare view, and for reference only ``/bench/bare-sql``: the bare
view plus one ``SELECT 1``, what a database round trip alone costs):
* ``GET /api/v1/bijeenkomsten?buurt=<code>``: the buurt with the most occurrences in the
  coming 4 weeks (the default period), first page (20).
* ``GET /api/v1/locaties?gemeente=<code>`` with ``Accept: application/geo+json``: every
  published place of the gemeente as a GeoJSON FeatureCollection (unpaginated).
* ``GET /api/v1/bijeenkomsten?gemeente=<code>&van=<monday>&tot=<sunday>&pageSize=100``:
  a gemeente's week as a page of 100 (issue 16: at least 100 req/s cold).
* The occurrences of the ``--spread`` busiest buurten (1,000), each client going through
  them in turn, without warm-up: a cold cache (issue 16: at least 0.2 of the bare view).

With the cache off, each of the three is also measured against its same-SQL ceiling,
``/bench/ceiling?u=<the request>``: the statements the API runs for it, captured once per
worker from the API itself, run straight on a psycopg connection and returned as JSON
by orjson, without Django (``ceiling``). Issue 16 asks at least 0.5 of the ceiling and
0.25 of the bare view, cold.

Takes about four minutes.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import django
import orjson
import psycopg
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
for folder in (str(BENCH_DIR), str(ROOT)):
    if folder not in sys.path:
        sys.path.insert(0, folder)

BARE_PATH = "/bench/bare"
BARE_SQL_PATH = "/bench/bare-sql"
CEILING_PATH = "/bench/ceiling"


# --- the server side: imported by gunicorn as ``api_bench:application`` --------------------


def bare(request):
    """What Django itself costs: a JsonResponse with a tiny payload, no database."""
    return JsonResponse({"resultaten": [{"id": 1, "naam": "Buurthuis De Ontmoeting", "buurt": "BU03630000"}]})


def bare_sql(request):
    """For reference only: the bare view plus one trivial SQL round trip (SELECT 1)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"resultaten": [{"id": 1, "naam": "Buurthuis De Ontmoeting", "buurt": "BU03630000"}]})


def _urlpatterns():
    from ontmoeting import urls  # noqa: PLC0415 needs setup_django() first

    return [path(BARE_PATH.lstrip("/"), bare), path(BARE_SQL_PATH.lstrip("/"), bare_sql), *urls.urlpatterns]


def __getattr__(name):  # the URLconf's patterns, built when Django first asks
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


def _configure_server():
    os.environ.setdefault("EMBEDDED_DB_NAME", "bench_nl")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings.dev")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("API_THROTTLE_ANON_READ", "1000000/minute")

    django.setup()
    settings.ROOT_URLCONF = "api_bench"
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("BENCH_CONN_MAX_AGE", "60"))
    settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    assert not settings.DEBUG

    return get_wsgi_application()


_django_app = None
#: Per worker: the SQL statements (with their parameters) each API request behind a
#: ceiling URL runs, captured once from the API itself.
_ceiling_sql: dict[tuple[str, str], list[tuple[str, object]]] = {}
_ceiling_connection = None


def _api_statements(environ, api_path: str, accept: str) -> list[tuple[str, object]]:
    """The statements the API runs for ``api_path``: one request through the project's
    application in this worker, with every statement recorded as Django sends it (the
    anonymous throttle's occasional counting left out)."""
    path_info, _sep, query = api_path.partition("?")
    statements = []

    def record(execute, sql, params, many, context):
        # Not the throttle's counting, which takes a block of requests once in a while.
        if "core_counter" not in sql:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    environ = {**environ, "PATH_INFO": path_info, "QUERY_STRING": query, "HTTP_ACCEPT": accept}
    with connection.execute_wrapper(record):
        result = _django_app(environ, lambda status, headers, exc_info=None: None)
        b"".join(result)
        if hasattr(result, "close"):
            result.close()
    return statements


def ceiling(environ) -> tuple[bytes, int]:
    """The same-SQL ceiling: the statements the API runs for ``?u=<API path>`` (captured
    once per worker, ``_api_statements``), run straight on a psycopg connection of this
    worker with client-side binding as Django does, and every row returned as JSON
    (orjson), with no framework around them: no URL routing, middleware, DRF, filters or
    ORM. What the API would cost if Django, DRF and the serialisation cost nothing.
    Returns the body and the number of statements."""
    global _ceiling_connection
    query = parse_qs(environ.get("QUERY_STRING", ""))
    key = (query["u"][0], query.get("a", ["application/json"])[0])
    if key not in _ceiling_sql:
        _ceiling_sql[key] = _api_statements(environ, *key)
    if _ceiling_connection is None or _ceiling_connection.closed:
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        _ceiling_connection = psycopg.connect(**params, autocommit=True)
    results = []
    with psycopg.ClientCursor(_ceiling_connection) as cursor:
        for sql, params in _ceiling_sql[key]:
            cursor.execute(sql, params)
            results.append(cursor.fetchall() if cursor.description else [])
    return orjson.dumps(results, default=str), len(results)


def application(environ, start_response):
    """The project's WSGI application, timed, with its SQL statements counted;
    ``/bench/ceiling`` bypasses it (``ceiling``)."""
    global _django_app
    if _django_app is None:
        _django_app = _configure_server()

    if environ.get("PATH_INFO") == CEILING_PATH:
        started = time.perf_counter()
        body, statements = ceiling(environ)
        elapsed_ms = (time.perf_counter() - started) * 1000
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                                  ("Server-Timing", f"app;dur={elapsed_ms:.3f}"), ("X-Bench-Queries", str(statements))])
        return [body]

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    captured = []

    def capture(status, headers, exc_info=None):
        captured.append((status, headers, exc_info))
        return lambda data: None

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        result = _django_app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    elapsed_ms = (time.perf_counter() - started) * 1000
    status, headers, exc_info = captured[0]
    headers = [*headers, ("Server-Timing", f"app;dur={elapsed_ms:.3f}"), ("X-Bench-Queries", str(queries))]
    start_response(status, headers, exc_info)
    return [body]


# --- the client side ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, accept: str = "application/json"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept": accept, "Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read()
        server_ms = float(response.getheader("Server-Timing", "app;dur=nan").split("dur=")[1])
        return response.status, body, server_ms, int(response.getheader("X-Bench-Queries", "-1"))
    finally:
        connection.close()


def _load(port: int, paths: str | tuple[str, ...], accept: str, seconds: float, threads: int) -> dict:
    """Requests from ``threads`` clients for ``seconds``, each client going through
    ``paths`` (one or several) in turn; stops by itself."""
    server_ms: list[float] = []
    queries: set[int] = set()
    errors: list[int] = []
    done = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    if isinstance(paths, str):
        paths = (paths,)

    def worker(offset: int):
        local_ms, local_q, n = [], set(), 0
        while time.perf_counter() < deadline:
            path = paths[(offset + n) % len(paths)]
            status, _body, ms, q = _get(port, path, accept)
            if status != 200:
                errors.append(status)
                break
            local_ms.append(ms)
            local_q.add(q)
            n += 1
        with lock:
            server_ms.extend(local_ms)
            queries.update(local_q)
            done[0] += n

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i * len(paths) // threads,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{paths[0]}: HTTP {errors[0]}")
    server_ms.sort()
    return {
        "rps": done[0] / elapsed, "n": done[0],
        "median_ms": server_ms[len(server_ms) // 2], "p95_ms": server_ms[int(len(server_ms) * 0.95)],
        "queries": sorted(queries),
    }


def _worker_rss_mb(master_pid: int) -> list[float]:
    children = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(pid) for pid in text]
    result = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                result.append(int(line.split()[1]) / 1024)
    return result


def _start_server(args, cache_seconds: int):
    """gunicorn on a free port, answering; ``cache_seconds`` 0 turns the API cache off."""
    port = _free_port()
    env = {
        **os.environ, "EMBEDDED_DB_NAME": os.environ.get("EMBEDDED_DB_NAME", "bench_nl"),
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.dev", "DJANGO_DEBUG": "0",
        "API_THROTTLE_ANON_READ": "1000000/minute", "BENCH_CONN_MAX_AGE": str(args.conn_max_age),
        "API_CACHE_SECONDS": str(cache_seconds), "PYTHONPATH": f"{BENCH_DIR}:{ROOT}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--worker-class", "sync", "--log-level", "warning", "--chdir", str(ROOT), "api_bench:application"],
        env=env,
    )
    for _ in range(300):
        try:
            if _get(port, BARE_PATH)[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def _stop_server(server) -> list[float]:
    """Stop ``server``; the resident memory of its workers just before."""
    try:
        return _worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _query_counts(port: int, workers: int, checks) -> None:
    print("Queries per request, API cache off (must not grow with the answer):")
    for address, accept, note in checks:
        for _ in range(workers * 2):  # warm every worker
            status, body, _ms, q = _get(port, address, accept)
        assert status == 200, (address, status)
        print(f"  {q:3d} queries  {len(body) / 1024:7.1f} KiB  {address}  ({note})")


def _throughput(port: int, endpoints, args) -> dict:
    results = {}
    for name, paths, accept in endpoints:
        warm_up = paths if isinstance(paths, str) else BARE_PATH  # many paths: each first seen measured
        _load(port, warm_up, accept, min(2.0, args.seconds / 4), args.threads)
        results[name] = r = _load(port, paths, accept, args.seconds, args.threads)
        print(f"  {name:36s} {r['rps']:7.1f} req/s  median {r['median_ms']:6.2f} ms  "
              f"p95 {r['p95_ms']:6.2f} ms  queries {r['queries']}  ({r['n']} requests)")
    return results


def _bare_rps(results: dict) -> float:
    """The bare view's requests/s: the mean of the runs before and after."""
    return statistics.mean([results["bare JsonResponse"]["rps"], results["bare JsonResponse (again)"]["rps"]])


def _verdicts(results: dict, measured: list[str], cache: str) -> None:
    bare_rps = _bare_rps(results)
    print(f"\nAPI cache {cache}: bare JsonResponse {bare_rps:.1f} req/s (mean of the runs before and after)")
    for name in measured:
        r = results[name]
        ratio = r["rps"] / bare_rps
        print(f"{name.upper()}: {r['rps']:.1f} req/s, ratio {ratio:.2f} (budget >= 0.5: "
              f"{'within budget' if ratio >= 0.5 else 'OVER BUDGET'}); median server time "
              f"{r['median_ms']:.1f} ms (budget < 50 ms: {'within budget' if r['median_ms'] < 50 else 'OVER BUDGET'}); "
              f"{'/'.join(map(str, r['queries']))} queries per request")


def _cold_verdicts(results: dict, measured: list[str], gemeente: str) -> None:
    """Issue 16's budgets for the cold path (API cache off): each request against its
    same-SQL ceiling (>= 0.5) and the bare view (>= 0.25), the gemeente's week >= 100 req/s."""
    bare_rps = _bare_rps(results)
    print("\nCold path (API cache off) against the same-SQL ceiling and the bare view:")
    for name in measured:
        r, top = results[name], results[f"ceiling: {name}"]
        to_ceiling, to_bare = r["rps"] / top["rps"], r["rps"] / bare_rps
        print(f"{name.upper()}: {r['rps']:.1f} req/s; ceiling {top['rps']:.1f} req/s "
              f"(median {top['median_ms']:.2f} ms, {'/'.join(map(str, top['queries']))} statements): "
              f"ratio {to_ceiling:.2f} (budget >= 0.5: {verdict(to_ceiling >= 0.5)}); "
              f"to the bare view {to_bare:.2f} (budget >= 0.25: {verdict(to_bare >= 0.25)})")
    r = results[gemeente]
    print(f"{gemeente.upper()}: {r['rps']:.1f} req/s (budget >= 100 req/s: {verdict(r['rps'] >= 100)})")


def verdict(ok: bool) -> str:
    return "within budget" if ok else "OVER BUDGET"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="API throughput against a bare Django view.")
    parser.add_argument("--seconds", type=float, default=10.0, help="Length of each measured loop.")
    parser.add_argument("--threads", type=int, default=2, help="Client threads.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    parser.add_argument("--gemeente", default="GM0363", help="Gemeente of the GeoJSON request.")
    parser.add_argument("--conn-max-age", type=int, default=60)
    parser.add_argument("--spread", type=int, default=1000,
                        help="Busiest buurten whose occurrences the reference run requests in turn.")
    args = parser.parse_args(argv)

    import national  # noqa: PLC0415 a sibling script, importable once bench/ is on the path

    national.setup_django()
    if not national.is_generated():
        print("National data missing: generating it first (bench/national.py).")
        national.main([])


    from activiteiten.models import Bijeenkomst  # noqa: PLC0415 needs setup_django() first
    from locaties.models import Gemeente, Locatie  # noqa: PLC0415 needs setup_django() first

    start = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    per_buurt = list(
        Bijeenkomst.objects.filter(start__gte=start, start__lt=start + timedelta(days=28),
                                   activiteit__status="gepubliceerd", activiteit__locatie__gepubliceerd=True)
        .values("activiteit__locatie__buurt__code").annotate(n=Count("id")).order_by("-n", "activiteit__locatie__buurt__code")
    )
    big = per_buurt[0]
    small = per_buurt[-1]
    spread = tuple(f"/api/v1/bijeenkomsten?buurt={row['activiteit__locatie__buurt__code']}"
                   for row in per_buurt[:args.spread])
    small_gemeente = (
        Gemeente.objects.annotate(n=Count("buurten__locaties")).filter(n__gt=0).order_by("n", "code").first()
    )
    n_places = Locatie.objects.filter(gepubliceerd=True, buurt__gemeente__code=args.gemeente).count()

    connections.close_all()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")

    bijeenkomsten = f"/api/v1/bijeenkomsten?buurt={big['activiteit__locatie__buurt__code']}"
    geojson = f"/api/v1/locaties?gemeente={args.gemeente}"
    geo = "application/geo+json"
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    gemeente_week = (f"/api/v1/bijeenkomsten?gemeente={args.gemeente}&van={monday}"
                     f"&tot={monday + timedelta(days=6)}&pageSize=100")
    checks = [
        (f"{bijeenkomsten}", "application/json", f"{big['n']} occurrences in 4 weeks, page of 20"),
        (f"{bijeenkomsten}&pageSize=100", "application/json", "same buurt, page of 100"),
        (f"/api/v1/bijeenkomsten?buurt={small['activiteit__locatie__buurt__code']}", "application/json",
         f"{small['n']} occurrences in 4 weeks"),
        (geojson, geo, f"{n_places} places"),
        (f"/api/v1/locaties?gemeente={small_gemeente.code}", geo, f"{small_gemeente.n} places"),
    ]
    bare = [("bare JsonResponse", BARE_PATH, "application/json")]
    measured = [("bijeenkomsten (1 buurt, 4 weeks)", bijeenkomsten, "application/json"),
                (f"locaties GeoJSON ({args.gemeente})", geojson, geo),
                (f"bijeenkomsten ({args.gemeente} week, 100)", gemeente_week, "application/json")]
    # The same-SQL ceiling of each measured request (``ceiling``), only with the cache off.
    ceilings = [(f"ceiling: {name}", f"{CEILING_PATH}?{urlencode({'u': address, 'a': accept})}", "application/json")
                for name, address, accept in measured]
    after = [(f"reference: {len(spread)} buurten in turn", spread, "application/json"),
             ("bare JsonResponse (again)", BARE_PATH, "application/json"),
             ("reference: bare + SELECT 1", BARE_SQL_PATH, "application/json")]
    names = [name for name, _path, _accept in measured]

    rss = {}
    print("\nAPI cache on (API_CACHE_SECONDS=60, as deployed): every request but the first per worker is a hit")
    server, port = _start_server(args, cache_seconds=60)
    try:
        cached = _throughput(port, bare + measured + after, args)
    finally:
        rss["on"] = _stop_server(server)
    print("\nAPI cache off (API_CACHE_SECONDS=0): every request runs the view and its queries")
    server, port = _start_server(args, cache_seconds=0)
    try:
        _query_counts(port, args.workers, checks)
        uncached = _throughput(port, bare + measured + ceilings + after, args)
    finally:
        rss["off"] = _stop_server(server)

    _verdicts(cached, names, "on")
    _verdicts(uncached, names, "off")
    _cold_verdicts(uncached, names, gemeente=names[2])
    sql_rps = uncached["reference: bare + SELECT 1"]["rps"]
    print(f"(reference, no budget: bare view plus one SQL round trip {sql_rps:.1f} req/s; the occurrences API "
          f"without its cache serves {uncached[names[0]]['rps'] / sql_rps:.2f} of that)")
    spread_name = after[0][0]
    for cache, results in (("on", cached), ("off", uncached)):
        r = results[spread_name]
        ratio = r["rps"] / _bare_rps(results)
        print(f"{len(spread)} different buurten in turn, API cache {cache}: {r['rps']:.1f} req/s, "
              f"ratio {ratio:.2f} (budget >= 0.2: {verdict(ratio >= 0.2)}), median {r['median_ms']:.1f} ms")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")
    for cache, values in rss.items():
        print(f"worker resident memory, API cache {cache}: {', '.join(f'{m:.0f} MB' for m in values)} "
              f"(budget < 200 MB: {'within budget' if values and max(values) < 200 else 'OVER BUDGET'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
