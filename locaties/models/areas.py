"""Areas: Gemeente, Wijk, Buurt and the population points (Bevolkingspunt)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.geo import NETHERLANDS

from ..constants import BevolkingspuntSoort
from .validators import BUURTCODE, GEMEENTECODE, JAAR, LATITUDE, LONGITUDE, WIJKCODE


class Gemeente(models.Model):
    code = models.CharField(_("code"), max_length=6, unique=True, validators=[GEMEENTECODE])
    naam = models.CharField(_("name"), max_length=100)
    jaar = models.PositiveSmallIntegerField(_("year of the division"), validators=JAAR)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.naam


class Wijk(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True, validators=[WIJKCODE])
    naam = models.CharField(_("name"), max_length=100)
    jaar = models.PositiveSmallIntegerField(_("year of the division"), validators=JAAR)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="wijken")

    class Meta:
        ordering = ["code"]
        verbose_name = _("district (wijk)")
        verbose_name_plural = _("districts (wijken)")

    def __str__(self):
        return self.naam


class Buurt(models.Model):
    """A CBS buurt with its key figures and its boundary (GeoJSON geometry, WGS84)."""

    code = models.CharField(_("code"), max_length=10, unique=True, validators=[BUURTCODE])
    naam = models.CharField(_("name"), max_length=100)
    jaar = models.PositiveSmallIntegerField(_("year of the division"), validators=JAAR)
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="buurten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="buurten")
    inwoners = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    inwoners_65plus = models.PositiveIntegerField(_("residents aged 65+"), null=True, blank=True)
    woningen = models.PositiveIntegerField(_("homes"), null=True, blank=True)
    oppervlakte_ha = models.PositiveIntegerField(_("area (hectares)"), null=True, blank=True)
    kerncijfers_jaar = models.PositiveSmallIntegerField(
        _("year of the key figures"), null=True, blank=True, validators=JAAR
    )
    grens = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    bbox_min_lon = models.FloatField(null=True, blank=True)
    bbox_min_lat = models.FloatField(null=True, blank=True)
    bbox_max_lon = models.FloatField(null=True, blank=True)
    bbox_max_lat = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("neighbourhood (buurt)")
        verbose_name_plural = _("neighbourhoods (buurten)")
        constraints = [
            models.CheckConstraint(
                condition=Q(inwoners_65plus__lte=F("inwoners"))
                | Q(inwoners__isnull=True)
                | Q(inwoners_65plus__isnull=True),
                name="buurt_65plus_within_inwoners",
            ),
        ]
        indexes = [
            models.Index(
                fields=["bbox_min_lon", "bbox_max_lon", "bbox_min_lat", "bbox_max_lat"],
                name="buurt_bbox_idx",
            )
        ]

    def __str__(self):
        return self.naam


class Bevolkingspunt(models.Model):
    """A point standing for residents: a postcode, a grid square or an address."""

    soort = models.CharField(_("kind"), max_length=10, choices=BevolkingspuntSoort.choices)
    sleutel = models.CharField(_("key"), max_length=40, help_text=_("e.g. the postcode 6211AB"))
    inwoners = models.PositiveIntegerField(_("residents"))
    inwoners_65plus = models.PositiveIntegerField(_("residents aged 65+"))
    woningen = models.PositiveIntegerField(_("homes"))
    lat = models.FloatField(_("latitude"), validators=LATITUDE)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE)
    buurt = models.ForeignKey(
        Buurt, on_delete=models.SET_NULL, null=True, blank=True, related_name="bevolkingspunten"
    )
    jaar = models.PositiveSmallIntegerField(_("year of the figures"), validators=JAAR)

    class Meta:
        ordering = ["soort", "sleutel"]
        verbose_name = _("population point")
        verbose_name_plural = _("population points")
        constraints = [
            models.UniqueConstraint(fields=["soort", "sleutel"], name="bevolkingspunt_unique"),
            models.CheckConstraint(
                condition=Q(inwoners_65plus__lte=F("inwoners")),
                name="bevolkingspunt_65plus_within_inwoners",
            ),
            models.CheckConstraint(condition=NETHERLANDS.q(), name="bevolkingspunt_in_nl"),
        ]

    def __str__(self):
        return self.sleutel
