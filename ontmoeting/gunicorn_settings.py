"""gunicorn's settings for the site: ``gunicorn -c python:ontmoeting.gunicorn_settings
ontmoeting.wsgi`` (the README's systemd unit; ``bench/crowd.py``). Each can be changed by
an environment variable, and options on the command line win over them. Not named
``gunicorn.conf.py``: gunicorn would read that from the working directory for every
server started there, the benches' own included.

Threads: each worker serves ``GUNICORN_THREADS`` requests at a time (gthread), so a slow
client or a cold page does not hold up the cached ones behind it; both response caches
(API and pages) are per worker process, shared by its threads.

Keep-alive: an idle connection stays open ``GUNICORN_KEEPALIVE`` seconds. Keep it longer
than the proxy in front keeps its idle connections to the site (nginx
``keepalive_timeout`` 60 s by default for an ``upstream`` with ``keepalive``; AWS and
most cloud load balancers 60 s): then the proxy always closes first and never sends a
request on a connection gunicorn is closing at that very moment, which the proxy would
answer with a 502 (a reset, seen as a failed request). Gunicorn's own default is 2 s.
"""

import os

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
