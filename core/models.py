"""Tables of the domain-free plumbing: the counters every web process shares."""

from django.db import models


class Counter(models.Model):
    """One fixed-window counter (a throttle's requests of one client in one window).

    The table is ``UNLOGGED`` (migration 0001): no write-ahead log, so counting costs
    little; after a crash PostgreSQL empties it, which at worst forgives a window. It is
    a model only so that the migrations own it and test flushes empty it; code reads and
    writes it through ``core.counters``, never through the ORM.
    """

    key = models.CharField(max_length=200, primary_key=True)
    count = models.BigIntegerField()
    # Wall-clock seconds since the epoch (time.time()) after which the row may go.
    expires = models.FloatField(db_index=True)

    class Meta:
        db_table = "core_counter"
