"""Stored coverage (dekking) results, their daily snapshots, per-gemeente thresholds
and named what-if scenarios. The computation is ``locaties.dekking`` (pure) and
``ontmoeting.dekking`` (loading, storing); these tables only keep its results."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from locaties.models import Buurt, Gemeente, Locatie


class DekkingBasis(models.TextChoices):
    PUNTEN = "punten", _("population points")
    BUURTTOTALEN = "buurttotalen", _("buurt totals spread over the buurt")
    GEEN = "geen", _("no population data")


def _share(part, whole):
    return None if not whole else round(100.0 * part / whole, 1)


def _per_10000(count, whole):
    return None if not whole else round(10000.0 * count / whole, 2)


class DekkingFigures(models.Model):
    """The counts both the current result and a snapshot keep; shares derive from them."""

    basis = models.CharField(_("basis"), max_length=20, choices=DekkingBasis.choices)
    inwoners = models.PositiveIntegerField(_("residents"), default=0)
    inwoners_65plus = models.PositiveIntegerField(_("residents aged 65+"), default=0)
    woningen = models.PositiveIntegerField(_("homes"), default=0)
    inwoners_400 = models.PositiveIntegerField(default=0)
    inwoners_800 = models.PositiveIntegerField(default=0)
    inwoners_65plus_400 = models.PositiveIntegerField(default=0)
    inwoners_65plus_800 = models.PositiveIntegerField(default=0)
    locaties_in_buurt = models.PositiveIntegerField(_("meeting places in the buurt"), default=0)

    class Meta:
        abstract = True

    @property
    def aandeel_400(self):
        return _share(self.inwoners_400, self.inwoners)

    @property
    def aandeel_800(self):
        return _share(self.inwoners_800, self.inwoners)

    @property
    def aandeel_65plus_400(self):
        return _share(self.inwoners_65plus_400, self.inwoners_65plus)

    @property
    def aandeel_65plus_800(self):
        return _share(self.inwoners_65plus_800, self.inwoners_65plus)

    @property
    def niet_gedekt_65plus_400(self):
        return self.inwoners_65plus - self.inwoners_65plus_400

    @property
    def niet_gedekt_400(self):
        return self.inwoners - self.inwoners_400

    @property
    def locaties_per_10000_inwoners(self):
        return _per_10000(self.locaties_in_buurt, self.inwoners)

    @property
    def locaties_per_10000_woningen(self):
        return _per_10000(self.locaties_in_buurt, self.woningen)


class BuurtDekking(DekkingFigures):
    """The latest coverage figures of one buurt (recomputed, never edited by hand)."""

    buurt = models.OneToOneField(Buurt, on_delete=models.CASCADE, related_name="dekking")
    berekend_op = models.DateTimeField(_("computed at"))
    bron_jaar = models.PositiveSmallIntegerField(_("year of the population figures"), null=True, blank=True)
    locaties_400 = ArrayField(models.BigIntegerField(), default=list, blank=True)
    locaties_800 = ArrayField(models.BigIntegerField(), default=list, blank=True)
    inloop_uren_400 = models.FloatField(_("open inloop hours per week within 400 m"), default=0)
    activiteiten_800 = models.FloatField(_("activities per week within 800 m"), default=0)
    activiteiten_800_per_doelgroep = models.JSONField(default=dict, blank=True)
    activiteiten_in_buurt = models.FloatField(_("activities per week in the buurt"), default=0)
    activiteiten_in_buurt_per_doelgroep = models.JSONField(default=dict, blank=True)
    wensen_open = models.PositiveIntegerField(_("open wishes"), default=0)
    vrijwilligers_actief = models.PositiveIntegerField(_("active volunteers"), default=0)

    class Meta:
        verbose_name = _("coverage of a buurt")
        verbose_name_plural = _("coverage of buurten")

    def __str__(self):
        return f"{self.buurt_id} {self.berekend_op:%Y-%m-%d}"


class DekkingSnapshot(DekkingFigures):
    """The figures of a buurt on one day, kept for the trend (one row per buurt per day)."""

    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, related_name="dekking_snapshots")
    datum = models.DateField(_("date"))

    class Meta:
        ordering = ["buurt", "datum"]
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        constraints = [models.UniqueConstraint(fields=["buurt", "datum"], name="dekkingsnapshot_unique")]
        indexes = [models.Index(fields=["datum"], name="dekkingsnapshot_datum_idx")]


class LocatieDekking(models.Model):
    """A place's weekly programme as the last computation saw it, and whether it counts."""

    locatie = models.OneToOneField(Locatie, on_delete=models.CASCADE, related_name="dekking")
    berekend_op = models.DateTimeField(_("computed at"))
    telt_mee = models.BooleanField(
        _("counts for coverage"), default=False,
        help_text=_("Published, open, and hosting something at least weekly."),
    )
    weken_met_activiteit = models.PositiveSmallIntegerField(default=0)
    activiteiten_per_week = models.FloatField(default=0)
    per_doelgroep = models.JSONField(default=dict, blank=True)
    inloop_uren_per_week = models.FloatField(default=0)

    class Meta:
        verbose_name = _("coverage of a meeting place")
        verbose_name_plural = _("coverage of meeting places")


def default_threshold(name):
    return settings.DEKKING_DREMPELWAARDEN[name]


class Drempelwaarden(models.Model):
    """A gemeente's thresholds; a gemeente without a row uses the defaults from settings."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="drempelwaarden")
    min_aandeel_65plus_400 = models.PositiveSmallIntegerField(
        _("residents aged 65+ within 400 m (hemelsbreed), at least (%)"),
        validators=[MaxValueValidator(100)],
    )
    min_locaties_per_10000 = models.DecimalField(
        _("meeting places per 10,000 residents, at least"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    min_jongeren_800 = models.DecimalField(
        _("activities per week for young people 12-18 within 800 m (hemelsbreed), at least"),
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))],
    )
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thresholds")
        verbose_name_plural = _("thresholds")

    def __str__(self):
        return str(self.gemeente)


class Scenario(models.Model):
    """A named what-if: hypothetical meeting places, saved only when an official asks."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="scenarios")
    naam = models.CharField(_("name"), max_length=120)
    punten = models.JSONField(
        _("hypothetical places"), help_text=_('A list of {"lat": …, "lon": …, "label": …}.'),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["gemeente", "naam"]
        verbose_name = _("what-if scenario")
        verbose_name_plural = _("what-if scenarios")
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="scenario_unique_naam")]

    def __str__(self):
        return self.naam
