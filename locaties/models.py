"""Areas (Gemeente, Wijk, Buurt, Bevolkingspunt), organisations and their members,
meeting places with rooms, tariffs, opening hours and closures, and room reservations."""

from datetime import date, time, timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.geo import NETHERLANDS

from .constants import (
    BevolkingspuntSoort,
    Faciliteit,
    LocatieSoort,
    OrganisatieSoort,
    ReserveringSoort,
    ReserveringStatus,
    Rol,
    TariefCategorie,
    Toegankelijkheid,
    Weekdag,
)

GEMEENTECODE = RegexValidator(r"^GM[0-9]{4}$", _("A gemeente code is GM followed by 4 digits."))
WIJKCODE = RegexValidator(
    r"^WK[0-9]{4}[0-9A-Z]{2}$", _("A wijk code is WK followed by 6 digits or letters.")
)
BUURTCODE = RegexValidator(
    r"^BU[0-9]{4}[0-9A-Z]{4}$", _("A buurt code is BU followed by 8 digits or letters.")
)
POSTCODE = RegexValidator(r"^[1-9][0-9]{3} ?[A-Z]{2}$", _("Enter a postcode like 6211 AB."))

# The European Netherlands, with a margin: catches swapped or mistyped coordinates.
LATITUDE = NETHERLANDS.latitude_validators()
LONGITUDE = NETHERLANDS.longitude_validators()
JAAR = [MinValueValidator(2000), MaxValueValidator(2100)]


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


class Organisatie(models.Model):
    """Who runs places and activities."""

    naam = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    soort = models.CharField(_("kind"), max_length=30, choices=OrganisatieSoort.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="organisaties"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Lidmaatschap", related_name="organisaties"
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.naam


class Lidmaatschap(models.Model):
    """A user's role in an organisation: bestuur, beheerder or coordinator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisatie"], name="lidmaatschap_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisatie} ({self.get_rol_display()})"


class Gemeentemedewerker(models.Model):
    """Ties a user to a gemeente: they see that gemeente's dashboard."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gemeentemedewerkers"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="medewerkers")

    class Meta:
        verbose_name = _("municipal official")
        verbose_name_plural = _("municipal officials")
        constraints = [
            models.UniqueConstraint(fields=["user", "gemeente"], name="gemeentemedewerker_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.gemeente}"


class Locatie(models.Model):
    """A meeting place. Its buurt is derived from its point (see services.locatie_create)."""

    naam = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    soort = models.CharField(_("kind"), max_length=30, choices=LocatieSoort.choices)
    straat = models.CharField(_("street"), max_length=200)
    huisnummer = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[POSTCODE])
    plaats = models.CharField(_("town"), max_length=100)
    lat = models.FloatField(_("latitude"), validators=LATITUDE)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE)
    buurt = models.ForeignKey(
        Buurt, on_delete=models.SET_NULL, null=True, blank=True, related_name="locaties",
        editable=False,
    )
    beheerder = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="locaties", verbose_name=_("manager")
    )
    beschrijving = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    toegankelijkheid = ArrayField(
        models.CharField(max_length=30, choices=Toegankelijkheid.choices),
        default=list, blank=True, verbose_name=_("accessibility"),
    )
    faciliteiten = ArrayField(
        models.CharField(max_length=30, choices=Faciliteit.choices),
        default=list, blank=True, verbose_name=_("facilities"),
    )
    noodsteunpunt = models.BooleanField(
        _("emergency support point"), default=False,
        help_text=_("A place residents can go to in a crisis (power cut, heat wave, flood)."),
    )
    gepubliceerd = models.BooleanField(_("published"), default=False)
    open_sinds = models.DateField(_("open since"), null=True, blank=True)
    gesloten_sinds = models.DateField(_("closed since"), null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        constraints = [
            models.CheckConstraint(condition=NETHERLANDS.q(), name="locatie_in_nl"),
            models.CheckConstraint(
                condition=Q(gesloten_sinds__isnull=True)
                | Q(open_sinds__isnull=True)
                | Q(gesloten_sinds__gte=F("open_sinds")),
                name="locatie_closed_after_opened",
            ),
        ]
        indexes = [
            GinIndex(fields=["toegankelijkheid"], name="locatie_toegankelijkheid_gin"),
            GinIndex(fields=["faciliteiten"], name="locatie_faciliteiten_gin"),
        ]

    def __str__(self):
        return self.naam

    @property
    def adres(self) -> str:
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.plaats}".replace(" ,", ",")


class LocatieFoto(models.Model):
    """A photo of a place; stored resized and without EXIF/GPS (services.locatiefoto_create)."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="fotos")
    afbeelding = models.ImageField(_("image"), upload_to="locaties/")
    alt_tekst = models.CharField(
        _("text alternative"), max_length=250,
        help_text=_("Describe what the photo shows, for people who cannot see it."),
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["locatie", "volgorde", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_tekst


SECONDS_PER_DAY = 24 * 60 * 60
SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY
#: Hours may run into the next day (Friday 20:00–01:00) when they start from
#: ``NACHT_VANAF`` and end by ``NACHT_UITERLIJK``; otherwise the times are more likely swapped.
NACHT_VANAF = time(12)
NACHT_UITERLIJK = time(6)


class Openingstijd(models.Model):
    """Opening hours on a weekday, wall-clock time. ``tot`` at or before ``van`` means
    until that time the next day: Friday 20:00–01:00 ends on Saturday at 01:00, and
    20:00–00:00 at midnight."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="openingstijden")
    weekdag = models.PositiveSmallIntegerField(_("day"), choices=Weekdag.choices)
    van = models.TimeField(_("from"))
    tot = models.TimeField(_("until"))

    class Meta:
        ordering = ["locatie", "weekdag", "van"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=~Q(tot=F("van")), name="openingstijd_not_empty"),
            models.CheckConstraint(condition=Q(weekdag__lte=6), name="openingstijd_weekdag_valid"),
        ]

    def __str__(self):
        return f"{self.get_weekdag_display()} {self.van:%H:%M}–{self.tot:%H:%M}"

    def clean(self):
        """Plausible hours that overlap none of the place's other saved hours (forms
        holding several hours compare those among themselves)."""
        if self.van is None or self.tot is None:
            return
        if self.tot == self.van:
            raise ValidationError({"tot": _("The closing time must differ from the opening time.")})
        if self.tot < self.van and (self.tot > NACHT_UITERLIJK or self.van < NACHT_VANAF):
            raise ValidationError({"tot": _(
                "Hours can run into the next day when they start from %(from)s and end by %(until)s. "
                "Are the opening and closing time swapped?"
            ) % {"from": f"{NACHT_VANAF:%H:%M}", "until": f"{NACHT_UITERLIJK:%H:%M}"}})
        if self.locatie_id is not None and self.weekdag is not None:
            others = Openingstijd.objects.filter(locatie_id=self.locatie_id).exclude(pk=self.pk)
            if overlapping := next((other for other in others if other.overlaps(self)), None):
                raise ValidationError(
                    _("These hours overlap the opening hours %(other)s.") % {"other": overlapping},
                    code="openingstijd_overlap",
                )

    @property
    def tot_volgende_dag(self) -> bool:
        """Whether these hours end on the next day (at midnight or later)."""
        return self.tot <= self.van

    @property
    def tot_middernacht(self) -> bool:
        """Whether these hours end at midnight (shown as 24:00)."""
        return self.tot == time(0)

    def begin_van(self, moment) -> date:
        """The date on which the hours that cover ``moment`` began (the day before, after
        midnight)."""
        return moment.date() - timedelta(days=(moment.weekday() - self.weekdag) % 7)

    def _in_week(self) -> tuple[int, int]:
        """(start, length) in seconds, the start counted from Monday 00:00."""
        van, tot = _seconds(self.van), _seconds(self.tot)
        return self.weekdag * SECONDS_PER_DAY + van, (tot - van) % SECONDS_PER_DAY

    def covers(self, moment) -> bool:
        """Whether ``moment`` (a local datetime) falls in these hours."""
        start, length = self._in_week()
        second = moment.weekday() * SECONDS_PER_DAY + _seconds(moment)
        return (second - start) % SECONDS_PER_WEEK < length

    def overlaps(self, other: "Openingstijd") -> bool:
        """Whether these hours and ``other`` share a moment (Sunday night runs into Monday)."""
        start, length = self._in_week()
        other_start, other_length = other._in_week()
        return (other_start - start) % SECONDS_PER_WEEK < length or (start - other_start) % SECONDS_PER_WEEK < other_length


def _seconds(moment) -> int:
    """Seconds since midnight of a time or datetime."""
    return moment.hour * 3600 + moment.minute * 60 + moment.second


class Sluiting(models.Model):
    """Days the building is closed (holidays, renovation)."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="sluitingen")
    van = models.DateField(_("from"))
    tot = models.DateField(_("until (inclusive)"))
    reden = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["locatie", "van"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(condition=Q(tot__gte=F("van")), name="sluiting_end_after_start"),
        ]

    def __str__(self):
        return f"{self.van}–{self.tot}: {self.reden}"


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
    """Rental price of a room per hour for one kind of tenant."""

    ruimte = models.ForeignKey(Ruimte, on_delete=models.CASCADE, related_name="tarieven")
    categorie = models.CharField(_("tenant category"), max_length=30, choices=TariefCategorie.choices)
    prijs_per_uur = models.DecimalField(_("price per hour (€)"), max_digits=8, decimal_places=2)
    minimum_bedrag = models.DecimalField(
        _("minimum charge (€)"), max_digits=8, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["ruimte", "categorie"]
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        constraints = [
            models.UniqueConstraint(fields=["ruimte", "categorie"], name="tarief_unique_categorie"),
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
