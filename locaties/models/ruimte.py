"""Rooms (Ruimte), their tariffs, and reservations (room occupancy)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import Faciliteit, ReserveringSoort, ReserveringStatus, TariefCategorie
from .locatie import Locatie


class Ruimte(models.Model):
    """A room of a place."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="ruimten")
    naam = models.CharField(_("name"), max_length=100)
    capaciteit = models.PositiveIntegerField(_("capacity (people)"))
    oppervlakte_m2 = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    faciliteiten = ArrayField(
        models.CharField(max_length=30, choices=Faciliteit.choices),
        default=list, blank=True, verbose_name=_("facilities"),
    )
    verhuurbaar = models.BooleanField(_("for rent"), default=False)
    wisseltijd_minuten = models.PositiveSmallIntegerField(
        _("changeover time (minutes)"), default=0,
        help_text=_("Time needed between two uses to clean up and set up."),
    )

    class Meta:
        ordering = ["locatie", "naam"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["locatie", "naam"], name="ruimte_unique_naam"),
        ]

    def __str__(self):
        return f"{self.locatie} – {self.naam}"


class Tarief(models.Model):
    """Rental price of a room per hour for one kind of tenant, from ``geldig_vanaf`` on.

    A category's tariffs follow each other in time: each date of a rental is priced by
    the one valid on that date, the latest start on or before it. Without a start date
    a tariff is valid from the beginning.
    """

    ruimte = models.ForeignKey(Ruimte, on_delete=models.CASCADE, related_name="tarieven")
    categorie = models.CharField(_("tenant category"), max_length=30, choices=TariefCategorie.choices)
    prijs_per_uur = models.DecimalField(_("price per hour (€)"), max_digits=8, decimal_places=2)
    minimum_bedrag = models.DecimalField(
        _("minimum charge (€)"), max_digits=8, decimal_places=2, default=0
    )
    geldig_vanaf = models.DateField(
        _("valid from"), null=True, blank=True,
        help_text=_("The first day this price applies; empty: from the beginning."),
    )

    class Meta:
        ordering = ["ruimte", "categorie", models.F("geldig_vanaf").asc(nulls_first=True)]
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=["ruimte", "categorie", "geldig_vanaf"], name="tarief_unique_categorie_vanaf",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(prijs_per_uur__gte=0), name="tarief_price_not_negative"),
            models.CheckConstraint(condition=Q(minimum_bedrag__gte=0), name="tarief_minimum_not_negative"),
        ]

    def __str__(self):
        return f"{self.ruimte}: {self.get_categorie_display()} € {self.prijs_per_uur}"


class Reservering(models.Model):
    """A room occupied for a time range: a rental, or an activity's occurrence.

    ``bezet`` is ``periode`` extended by the room's changeover time; the exclusion
    constraint on it guarantees that confirmed reservations of a room never overlap,
    changeover included, whatever the concurrency.
    """

    ruimte = models.ForeignKey(Ruimte, on_delete=models.CASCADE, related_name="reserveringen")
    soort = models.CharField(_("kind"), max_length=20, choices=ReserveringSoort.choices)
    periode = DateTimeRangeField(_("period"))
    bezet = DateTimeRangeField(_("occupied, changeover included"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReserveringStatus.choices,
        default=ReserveringStatus.AANGEVRAAGD,
    )
    huurder_naam = models.CharField(_("tenant"), max_length=200, blank=True)
    huurder_email = models.EmailField(_("tenant e-mail"), blank=True)
    huurder_telefoon = models.CharField(_("tenant phone"), max_length=20, blank=True)
    huurder_categorie = models.CharField(
        _("tenant category"), max_length=30, choices=TariefCategorie.choices, blank=True
    )
    prijs = models.DecimalField(_("price (€)"), max_digits=9, decimal_places=2, null=True, blank=True)
    serie = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    opmerking = models.TextField(_("note"), blank=True)
    doel = models.CharField(_("purpose"), max_length=200, blank=True)
    aantal_personen = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    prijs_reden = models.CharField(
        _("reason for the changed price"), max_length=200, blank=True,
        help_text=_("Set when the board changed the price computed from the tariff."),
    )
    besluit_reden = models.TextField(_("reason given with the decision"), blank=True)
    gezien_op = models.DateTimeField(_("first opened by the board"), null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    bijgewerkt = models.DateTimeField(auto_now=True)
    contact_gewist_op = models.DateTimeField(
        null=True, blank=True, help_text=_("Tenant's contact data erased after the retention period."),
    )

    class Meta:
        ordering = ["ruimte", "periode"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            ExclusionConstraint(
                name="reservering_no_overlap_when_confirmed",
                expressions=[("ruimte", RangeOperators.EQUAL), ("bezet", RangeOperators.OVERLAPS)],
                condition=Q(status=ReserveringStatus.BEVESTIGD),
            ),
            models.CheckConstraint(condition=~Q(periode__isempty=True), name="reservering_not_empty"),
            models.CheckConstraint(
                condition=Q(prijs__isnull=True) | Q(prijs__gte=0), name="reservering_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(soort=ReserveringSoort.BIJEENKOMST) | ~Q(huurder_naam=""),
                name="reservering_rental_has_tenant",
            ),
        ]

    def __str__(self):
        return f"{self.ruimte} {timezone.localtime(self.periode.lower):%Y-%m-%d %H:%M}"
