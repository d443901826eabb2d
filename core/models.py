"""Tables of the domain-free plumbing: the counters every web process shares, and API
tokens, stored hashed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class ApiToken(models.Model):
    """A named key a user gives to a system that calls the API on their behalf.

    Only the SHA-256 hash of the key is kept: whoever reads the database (a backup, a
    leaked dump) cannot call the API with it. The key is shown once, when it is made.
    ``prefix`` (its first characters) lets the owner tell their tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    naam = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("created"))
    verloopt_op = models.DateTimeField(_("expires"))
    laatst_gebruikt_op = models.DateTimeField(_("last used"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return f"{self.naam} ({self.prefix}…)"
