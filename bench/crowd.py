"""A crowd of residents on the site (issue 16, goals 3 and 6), on national-scale data.

    EMBEDDED_DB_NAME=bench_nl .venv/bin/python bench/crowd.py [--users 150] [--seconds 60] [--gemeente GM0363]

Generates the national set first if it is missing (``bench/national.py``) and collects
the static files into ``var/crowd/static``. Starts gunicorn on 127.0.0.1 (a free port)
with the production settings file (``ontmoeting/gunicorn_settings.py``: gthread, keep-alive
75 s; ``--workers``/``--threads`` as given, default 2 x 8) and ``MALLOC_ARENA_MAX=2`` as
the README's systemd unit, DEBUG off, both response caches
on as deployed, the anonymous API throttle raised so that the crowd is not refused.
A warm-up asks the first 3 addresses of each kind once per worker thread (templates,
translations, database connections; those pages are then kept). Then, with locust
(``crowd_locustfile.py``) in one process on the same machine:

1. ``--users`` simulated residents for ``--seconds``, each opening a page, reading it
   1-5 s (``--wait``) and opening the next: the home page, buurt pages, the agenda,
   activity and place pages, feeds and the API, of one large gemeente (the first of each
   list far more often than the last);
2. the same crowd for ``--seconds`` against ``/bench/bare``, a bare ``JsonResponse`` in
   the same server: what the server serves at most to this crowd;
3. filling both caches of every worker with the gemeente's distinct pages (in both
   languages) and API answers (pages of 100), from 4 threads, until every cache of every
   worker is 95% full or ``--fill`` requests were asked (distinct real pages take
   minutes to compute on 2 cores, so by default 2,000); then topped up to their bounds with
   synthetic answers of a page's and an API answer's size (``/bench/fill``); each
   worker's resident memory and what its caches hold, after each step.

Prints per kind of page: requests, failures, p50/p95/p99 (ms); errors and connection
resets (a request on a connection the server closed) apart; pages/s against the bare
view's under the same crowd (budget >= 0.5); p95 (budget < 300 ms); worker memory
(budget < 200 MB). About 3 minutes plus the fill.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
for folder in (str(BENCH_DIR), str(ROOT)):
    if folder not in sys.path:
        sys.path.insert(0, folder)

import api_bench  # noqa: E402 the bare view, the server set-up and the client helpers
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

OUT = ROOT / "var" / "crowd"
RESET_WORDS = ("Reset", "RemoteDisconnected", "ConnectionAborted", "BrokenPipe", "Connection aborted")


# --- the server side: imported by gunicorn as ``crowd:application`` -------------------------


def caches(request):
    """Which worker answers, and what its caches hold."""
    from core.api import response_cache  # noqa: PLC0415 needs setup_django() first

    held = {name: {"answers": len(c), "bytes": c.stored_bytes, "max_bytes": c.max_bytes,
                   "hits": c.hits, "misses": c.misses}
            for name, c in response_cache._caches.items()}
    return JsonResponse({"pid": os.getpid(), "caches": held})


def fill_caches(request):
    """Tops this worker's caches up to their bounds with answers of a real page's and a
    real API answer's size (synthetic: distinct real ones take minutes to compute)."""
    from core.api import response_cache  # noqa: PLC0415 needs setup_django() first

    for name, size in (("site", 40_000), ("api", 10_000)):
        cache = response_cache.shared_cache(name)
        for n in range(cache.max_bytes // size + 10 if cache is not None else 0):
            if cache.stored_bytes > cache.max_bytes - 2 * size:
                break
            cache.put(f"fill-{n}", os.urandom(size), [("Content-Type", "text/html; charset=utf-8")], cache.generation)
    return caches(request)


def _urlpatterns():
    from ontmoeting import urls  # noqa: PLC0415 needs setup_django() first

    return [path("bench/bare", api_bench.bare), path("bench/caches", caches), path("bench/fill", fill_caches),
            *urls.urlpatterns]


def __getattr__(name):  # the URLconf's patterns, built when Django first asks
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


_django_app = None


def application(environ, start_response):
    """The project's WSGI application with this module's URLs (``api_bench``'s set-up)."""
    global _django_app
    if _django_app is None:
        from django.conf import settings  # noqa: PLC0415

        _django_app = api_bench._configure_server()
        settings.ROOT_URLCONF = "crowd"
    return _django_app(environ, start_response)


# --- the client side ---------------------------------------------------------------------


def crowd_urls(gemeente_code: str) -> dict:
    """The addresses of one gemeente's pages, each list most visited first."""
    from django.db.models import Count  # noqa: PLC0415

    from activiteiten.constants import Categorie  # noqa: PLC0415 needs setup_django() first
    from activiteiten.models import Activiteit  # noqa: PLC0415
    from locaties.models import Buurt, Locatie  # noqa: PLC0415

    buurten = list(
        Buurt.objects.filter(gemeente__code=gemeente_code)
        .annotate(n=Count("locaties")).order_by("-n", "code").values_list("code", flat=True)
    )
    plekken = list(
        Locatie.objects.filter(gepubliceerd=True, buurt__gemeente__code=gemeente_code)
        .order_by("pk").values_list("slug", flat=True)
    )
    activiteiten = list(
        Activiteit.objects.filter(status="gepubliceerd", locatie__gepubliceerd=True,
                                  locatie__buurt__gemeente__code=gemeente_code)
        .order_by("pk").values_list("slug", flat=True)[:2000]
    )
    agenda = [f"/agenda?gemeente={gemeente_code}"] + [
        f"/agenda?gemeente={gemeente_code}&categorie={c}" for c in Categorie.values
    ] + [f"/agenda?gemeente={gemeente_code}&pagina={n}" for n in range(2, 11)]
    return {
        "bare": "/bench/bare",
        "buurt": [f"/buurten/{code}" for code in buurten],
        "agenda": agenda,
        "activiteit": [f"/activiteiten/{slug}" for slug in activiteiten],
        "locatie": [f"/locaties/{slug}" for slug in plekken],
        "feed": [u for code, slug in zip(buurten, plekken, strict=False)
                 for u in (f"/buurten/{code}/rss", f"/locaties/{slug}/agenda.ics")],
        "api": [f"/api/v1/bijeenkomsten?buurt={code}" for code in buurten]
        + [f"/api/v1/locaties?gemeente={gemeente_code}"],
    }


def _collectstatic(env) -> None:
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                   cwd=ROOT, env=env, check=True)


def _start_server(args, env):
    port = api_bench._free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:ontmoeting.gunicorn_settings",
         "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", str(args.threads),
         "--log-level", "warning", "--chdir", str(ROOT), "crowd:application"],
        env=env,
    )
    for _ in range(300):
        try:
            if api_bench._get(port, "/bench/bare")[0] == 200:
                return server, port
        except (OSError, IndexError, ValueError):
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def _locust(args, port: int, urls_file: Path, label: str, bare: bool) -> dict:
    """One crowd; the locust stats per kind of request, its failures and its rate."""
    prefix = OUT / label
    env = {**os.environ, "CROWD_URLS": str(urls_file), "CROWD_BARE": "1" if bare else "0", "CROWD_WAIT": args.wait}
    for stale in OUT.glob(f"{label}_*.csv"):
        stale.unlink()
    run = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(BENCH_DIR / "crowd_locustfile.py"), "--headless",
         "-u", str(args.users), "-r", str(max(1, args.users // 5)), "-t", f"{args.seconds}s",
         "-H", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING", "--stop-timeout", "10"],
        env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit(f"locust wrote no statistics: {run.stderr.decode()[-2000:]}")
    with open(f"{prefix}_stats.csv", newline="") as handle:
        stats = {row["Name"]: row for row in csv.DictReader(handle)}
    with open(f"{prefix}_failures.csv", newline="") as handle:
        failures = list(csv.DictReader(handle))
    return {"stats": stats, "failures": failures}


def _report(result: dict, title: str) -> tuple[float, float, int, int]:
    print(f"\n{title}")
    print(f"  {'kind':<11} {'requests':>8} {'failed':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>7}")
    for name, row in result["stats"].items():
        print(f"  {name:<11} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>6} "
              f"{row['95%']:>6} {row['99%']:>6} {float(row['Requests/s']):7.1f}")
    resets = sum(int(f["Occurrences"]) for f in result["failures"] if any(w in f["Error"] for w in RESET_WORDS))
    errors = sum(int(f["Occurrences"]) for f in result["failures"]) - resets
    for failure in result["failures"]:
        print(f"  failure: {failure['Name']} {failure['Error'][:120]} x{failure['Occurrences']}")
    total = result["stats"]["Aggregated"]
    return float(total["Requests/s"]), float(total["95%"]), errors, resets


def _fill_addresses(urls: dict) -> list[tuple[str, str]]:
    """Distinct pages (in both languages) and API answers (pages of 100), interleaved."""
    pages = [(u, lang) for kind in ("buurt", "locatie", "activiteit", "feed") for u in urls[kind]
             for lang in ("nl", "en")]
    answers = [(f"{u}&pageSize=100", "nl") for u in urls["api"] if "?buurt=" in u]
    answers += [(f"/api/v1/locaties?buurt={u.split('=')[1]}", "nl") for u in urls["api"] if "?buurt=" in u]
    mixed = []
    for i in range(max(len(pages), len(answers))):
        mixed += pages[i:i + 1] + answers[i:i + 1]
    return mixed


def _fill(port: int, urls: dict, requests: int, workers: int) -> int:
    """Distinct pages and answers from 4 threads, until every worker's caches are nearly
    full or ``requests`` were asked; the number asked."""
    addresses = _fill_addresses(urls)[:requests]
    asked = 0
    while addresses:
        batch, addresses = addresses[:400], addresses[400:]
        lock = threading.Lock()

        def work(batch=batch, lock=lock):
            while True:
                with lock:
                    if not batch:
                        return
                    url, lang = batch.pop()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                try:
                    connection.request("GET", url, headers={"Accept-Language": lang, "Host": "127.0.0.1"})
                    connection.getresponse().read()
                finally:
                    connection.close()

        asked += len(batch)
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        held = _worker_caches(port, workers)
        if len(held) == workers and all(c["bytes"] > 0.95 * c["max_bytes"] for w in held.values() for c in w.values()):
            break
    return asked


def _hit_rates(before: dict, after: dict) -> None:
    """The share of lookups the caches answered during the crowd, per cache (all workers)."""
    for name in ("site", "api"):
        hits = sum(w[name]["hits"] - before.get(pid, {}).get(name, {}).get("hits", 0)
                   for pid, w in after.items() if name in w)
        misses = sum(w[name]["misses"] - before.get(pid, {}).get(name, {}).get("misses", 0)
                     for pid, w in after.items() if name in w)
        if hits + misses:
            print(f"  {name} cache during the crowd: {hits} hits, {misses} misses ({100 * hits / (hits + misses):.0f}% hits)")


def _warm_up(port: int, urls: dict, requests_per_page: int) -> None:
    """Every worker thread loads its templates, translations and connection: the first 3
    addresses of each kind, each asked ``requests_per_page`` times."""
    for addresses in urls.values():
        for address in ([addresses] if isinstance(addresses, str) else addresses[:3]):
            for _ in range(requests_per_page):
                api_bench._get(port, address)


def _worker_caches(port: int, workers: int, address: str = "/bench/caches") -> dict:
    """What each worker's caches hold (``/bench/fill``: after topping them up)."""
    seen = {}
    for _ in range(workers * 20):
        body = api_bench._get(port, address)[1]
        answer = json.loads(body)
        seen[answer["pid"]] = answer["caches"]
        if len(seen) == workers:
            break
    return seen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="A crowd of residents on the site.")
    parser.add_argument("--users", type=int, default=150)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wait", default="1 5", help="Seconds a resident reads a page: 'min max'.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--gemeente", default="GM0363")
    parser.add_argument("--fill", type=int, default=2000,
                        help="Requests of distinct pages and answers that fill the caches before the top-up.")
    args = parser.parse_args(argv)

    import national  # noqa: PLC0415 a sibling script

    national.setup_django()
    if not national.is_generated():
        print("National data missing: generating it first (bench/national.py).")
        national.main([])
    from django.db import connections  # noqa: PLC0415

    OUT.mkdir(parents=True, exist_ok=True)
    urls = crowd_urls(args.gemeente)
    urls_file = OUT / "urls.json"
    urls_file.write_text(json.dumps(urls))
    connections.close_all()
    env = {
        **os.environ, "EMBEDDED_DB_NAME": os.environ.get("EMBEDDED_DB_NAME", "bench_nl"),
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.dev", "DJANGO_DEBUG": "0",
        "API_THROTTLE_ANON_READ": "1000000/minute", "STATIC_ROOT": str(OUT / "static"),
        "PYTHONPATH": f"{BENCH_DIR}:{ROOT}",
        # As the README's systemd unit: fewer malloc arenas for the threads, less memory.
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
    }
    _collectstatic(env)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; gunicorn "
          f"{args.workers} workers x {args.threads} threads; {args.users} residents for {args.seconds} s, "
          f"reading {args.wait} s; {len(urls['buurt'])} buurten, {len(urls['locatie'])} places, "
          f"{len(urls['activiteit'])} activities of {args.gemeente}")
    server, port = _start_server(args, env)
    try:
        _warm_up(port, urls, args.workers * args.threads)
        before = _worker_caches(port, args.workers)
        mix = _report(_locust(args, port, urls_file, "mix", bare=False), "THE MIX (ms)")
        _hit_rates(before, _worker_caches(port, args.workers))
        load_mix = os.getloadavg()[0]
        bare = _report(_locust(args, port, urls_file, "bare", bare=True), "THE SAME CROWD ON THE BARE VIEW (ms)")
        if args.fill:
            started = time.perf_counter()
            asked = _fill(port, urls, args.fill, args.workers)
            print(f"\nfilled the caches with {asked} requests of distinct pages and answers in "
                  f"{time.perf_counter() - started:.0f} s")
        held = _worker_caches(port, args.workers)
        rss = api_bench._worker_rss_mb(server.pid)
        topped = _worker_caches(port, args.workers, "/bench/fill")
        rss_full = api_bench._worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for title, state, memory in (("after the fill", held, rss), ("topped up to the bounds", topped, rss_full)):
        print(f"caches {title}:")
        for pid, worker_caches in state.items():
            print(f"  worker {pid}: " + ", ".join(
                f"{name} cache {c['answers']} answers, {c['bytes'] / 2**20:.1f} of {c['max_bytes'] / 2**20:.0f} MB"
                for name, c in worker_caches.items()))
        print(f"  resident memory: {', '.join(f'{m:.0f} MB' for m in memory)}")
    ratio = mix[0] / bare[0] if bare[0] else 0.0
    print(f"\nCROWD: {mix[0]:.1f} req/s against {bare[0]:.1f} for the bare view under the same crowd: ratio "
          f"{ratio:.2f} (budget >= 0.5: {national.verdict(ratio >= 0.5)}); p95 {mix[1]:.0f} ms (budget < 300 ms: "
          f"{national.verdict(mix[1] < 300)}); errors {mix[2]} (budget 0: {national.verdict(mix[2] == 0)}); "
          f"connection resets {mix[3]} (bare view: errors {bare[2]}, resets {bare[3]})")
    print(f"WORKER MEMORY with both caches full: {', '.join(f'{m:.0f} MB' for m in rss_full)} (budget < 200 MB: "
          f"{national.verdict(bool(rss_full) and max(rss_full) < 200)})")
    print(f"load average: {load_mix:.1f} after the mix, {os.getloadavg()[0]:.1f} at the end "
          f"(other processes share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
