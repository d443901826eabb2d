"""Meeting places (Locatie) with their photos, opening hours and closures."""

from datetime import date, time, timedelta

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.geo import NETHERLANDS

from ..constants import Faciliteit, LocatieSoort, Toegankelijkheid, Weekdag
from .areas import Buurt
from .organisatie import Organisatie
from .validators import LATITUDE, LONGITUDE, POSTCODE


class LocatieQuerySet(models.QuerySet):
    def published(self) -> "LocatieQuerySet":
        """Places their managers have published."""
        return self.filter(gepubliceerd=True)

    def open_op(self, datum: date) -> "LocatieQuerySet":
        """Places open on ``datum``: opened on or before that day (or no opening date
        known) and not closed by then. ``gesloten_sinds`` is the first day closed, so a
        place closing later is still open until the day before it."""
        return self.filter(
            Q(open_sinds__isnull=True) | Q(open_sinds__lte=datum),
            Q(gesloten_sinds__isnull=True) | Q(gesloten_sinds__gt=datum),
        )


class Locatie(models.Model):
    """A meeting place. Its buurt is derived from its point (see services.locatie_create)."""

    naam = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    soort = models.CharField(_("kind"), max_length=30, choices=LocatieSoort.choices)
    # Empty where the street is not known (the demo's places): the postcode and place stand alone.
    straat = models.CharField(_("street"), max_length=200, blank=True)
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
    annuleren_tot_uren = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=24,
        help_text=_("A tenant may cancel a rental by their link until this many hours before it starts."),
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    bijgewerkt = models.DateTimeField(auto_now=True)

    objects = LocatieQuerySet.as_manager()

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
        return format_adres(self.straat, self.huisnummer, self.postcode, self.plaats)


def format_adres(straat: str, huisnummer: str, postcode: str, plaats: str) -> str:
    """A place's address on one line, "Straat 1, 1234 AB Plaats", leaving out what is empty
    (also for rows read with ``.values()``, which have no ``Locatie.adres``)."""
    straat = f"{straat} {huisnummer}".strip() if straat else ""
    return ", ".join(part for part in (straat, f"{postcode} {plaats}".strip()) if part)


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
