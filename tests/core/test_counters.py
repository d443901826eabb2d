"""The counters every process shares (core/counters.py), on the real PostgreSQL."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection

from core import counters
from core.models import Counter

NOW = 1_800_000_000.0


@pytest.mark.django_db(transaction=True)
def test_concurrent_additions_from_many_connections_all_count():
    # Each thread has its own connection and commits on its own, as web processes do.
    totals, barrier = [], threading.Barrier(20)

    def add_five():
        try:
            barrier.wait(timeout=30)
            for _ in range(5):
                totals.append(counters.add("race", 1, now=NOW, expires=NOW + 60))
        finally:
            connection.close()

    threads = [threading.Thread(target=add_five) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(totals) == list(range(1, 101))  # every addition saw a total of its own
    assert Counter.objects.get(key="race").count == 100


@pytest.mark.django_db
def test_an_expired_counter_starts_again_from_the_addition():
    assert counters.add("k", 3, now=NOW, expires=NOW + 60) == 3
    assert counters.add("k", 2, now=NOW + 30, expires=NOW + 90) == 5
    assert counters.add("k", 2, now=NOW + 60, expires=NOW + 120) == 2
    assert Counter.objects.get(key="k").expires == NOW + 120


@pytest.mark.django_db
def test_a_new_counter_purges_expired_ones():
    counters.add("old", 1, now=NOW, expires=NOW + 60)
    counters.add("current", 1, now=NOW, expires=NOW + 600)
    counters.add("new", 1, now=NOW + 61, expires=NOW + 120)
    assert set(Counter.objects.values_list("key", flat=True)) == {"current", "new"}


@pytest.mark.django_db
def test_clear_forgets_every_count():
    counters.add("k", 7, now=NOW, expires=NOW + 60)
    counters.clear()
    assert counters.add("k", 1, now=NOW, expires=NOW + 60) == 1


@pytest.mark.django_db
def test_the_table_is_unlogged():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = 'core_counter'")
        assert cursor.fetchone() == ("u",)


def test_with_a_counter_cache_the_counts_live_there(settings):
    # A Redis or Valkey cache in production (API_THROTTLE_REDIS_URL); the same cache
    # API on the local memory cache here, and no database at all.
    settings.COUNTER_CACHE = "default"
    cache.clear()
    assert [counters.add("k", 2, now=NOW, expires=NOW + 60) for _ in range(3)] == [2, 4, 6]
    counters.clear()
    assert counters.add("k", 1, now=NOW, expires=NOW + 60) == 1
