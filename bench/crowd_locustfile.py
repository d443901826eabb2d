"""The simulated residents of ``bench/crowd.py`` (locust): each opens a page, reads it for
a while and opens the next, in the mix a crowd gives (the home page, buurt pages, the
agenda, activity and place pages, feeds and the API). The addresses come from
``CROWD_URLS`` (a JSON file ``crowd.py`` writes: the pages of one large gemeente, each
list with its most visited first); ``CROWD_BARE=1`` makes every request the bare view
instead, the same crowd against the cheapest answer the server has.

Not for running by hand: ``crowd.py`` starts it with the right server, users and time.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

URLS = json.loads(open(os.environ["CROWD_URLS"], encoding="utf-8").read())
BARE = os.environ.get("CROWD_BARE") == "1"
WAIT = tuple(float(s) for s in os.environ.get("CROWD_WAIT", "1 5").split())


#: Cumulative Zipf-like weights per list: the n-th address is asked 1/n as often as the first.
WEIGHTS = {kind: list(itertools.accumulate(1 / (rank + 1) for rank in range(len(urls))))
           for kind, urls in URLS.items() if isinstance(urls, list)}


def popular(kind: str) -> str:
    """One address of the list ``kind``, the first ones far more often."""
    return random.choices(URLS[kind], cum_weights=WEIGHTS[kind])[0]


class Resident(HttpUser):
    wait_time = between(*WAIT)

    def open(self, kind: str, url: str, **kwargs):
        if BARE:
            self.client.get(URLS["bare"], name="bare")
        else:
            self.client.get(url, name=kind, **kwargs)

    @task(10)
    def home(self):
        self.open("home", "/")

    @task(30)
    def buurt(self):
        self.open("buurt", popular("buurt"))

    @task(15)
    def agenda(self):
        self.open("agenda", popular("agenda"))

    @task(15)
    def activiteit(self):
        self.open("activiteit", popular("activiteit"))

    @task(15)
    def locatie(self):
        self.open("locatie", popular("locatie"))

    @task(5)
    def feed(self):
        self.open("feed", popular("feed"))

    @task(10)
    def api(self):
        self.open("api", popular("api"), headers={"Accept": "application/json"})
