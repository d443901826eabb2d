"""Activities with their recurrence rule, their occurrences (Bijeenkomst),
registrations (Aanmelding), residents' wishes (Wens) and school holidays."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timezones import AMSTERDAM
from locaties.models import Buurt, Locatie, Organisatie, Reservering, Ruimte

from .constants import (
    AanmeldingNodig,
    AanmeldingStatus,
    ActiviteitSoort,
    ActiviteitStatus,
    Categorie,
    Doelgroep,
    Regio,
    Vakantie,
    WensStatus,
)
from .recurrence import validate_rrule


def actueel_sinds(vandaag: date | None = None) -> date:
    """The earliest day an activity may last have been confirmed on and still count as
    running: the deadline (``ACTIVITEIT_BEVESTIG_WEKEN`` after the last confirmation) and
    the grace period after it (``ACTIVITEIT_BEVESTIG_GRATIE_WEKEN``) not yet both passed."""
    vandaag = vandaag or timezone.localdate()
    return vandaag - timedelta(
        weeks=settings.ACTIVITEIT_BEVESTIG_WEKEN + settings.ACTIVITEIT_BEVESTIG_GRATIE_WEKEN
    )


def bevestigd_sinds_q(datum: date, *, prefix: str = "") -> Q:
    """Activities last confirmed on ``datum`` or later (``prefix`` "activiteit__" from an
    occurrence). One never confirmed counts from the day it was made (``aangemaakt``, in
    Amsterdam), so a new activity gets the same weeks as a confirmed one."""
    return Q(**{f"{prefix}laatst_bevestigd__gte": datum}) | Q(**{
        f"{prefix}laatst_bevestigd__isnull": True,
        f"{prefix}aangemaakt__gte": datetime.combine(datum, time.min, tzinfo=AMSTERDAM),
    })


class ActiviteitQuerySet(models.QuerySet):
    """Rules about activities that every public list, feed, API list and the coverage
    figures share."""

    def actueel(self, vandaag: date | None = None) -> "ActiviteitQuerySet":
        """Activities whose confirmation is not overdue past the grace period
        (``actueel_sinds``): those still count on the public pages and in coverage.
        Leaving an activity out is not deleting it; confirming it brings it back."""
        return self.filter(bevestigd_sinds_q(actueel_sinds(vandaag)))

    def bevestigd_voor(self, datum: date) -> "ActiviteitQuerySet":
        """Activities last confirmed (never confirmed: made) before ``datum``."""
        return self.exclude(bevestigd_sinds_q(datum))


class Activiteit(models.Model):
    """What happens, where, for whom, and on which schedule.

    The schedule is one RFC 5545 recurrence rule (``rrule``, e.g. ``FREQ=WEEKLY;BYDAY=TU``)
    applied to ``start`` as wall-clock time in Europe/Amsterdam; an empty rule means once.
    Occurrences are materialised as Bijeenkomsten by ``services.bijeenkomsten_sync``.
    """

    titel = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    beschrijving = models.TextField(_("description"), blank=True)
    soort = models.CharField(_("kind"), max_length=20, choices=ActiviteitSoort.choices)
    categorieen = ArrayField(
        models.CharField(max_length=20, choices=Categorie.choices),
        default=list, blank=True, verbose_name=_("categories"),
    )
    doelgroepen = ArrayField(
        models.CharField(max_length=20, choices=Doelgroep.choices),
        default=list, blank=True, verbose_name=_("audiences"),
    )
    locatie = models.ForeignKey(Locatie, on_delete=models.PROTECT, related_name="activiteiten")
    ruimte = models.ForeignKey(
        Ruimte, on_delete=models.PROTECT, null=True, blank=True, related_name="activiteiten"
    )
    organisator = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="activiteiten",
        verbose_name=_("organiser"),
    )
    kosten = models.DecimalField(_("cost (€)"), max_digits=7, decimal_places=2, default=0)
    kosten_toelichting = models.CharField(_("note on the cost"), max_length=200, blank=True)
    aanmelding = models.CharField(
        _("registration"), max_length=10, choices=AanmeldingNodig.choices,
        default=AanmeldingNodig.GEEN,
    )
    capaciteit = models.PositiveIntegerField(_("places"), null=True, blank=True)
    gastvrouwen_nodig = models.PositiveSmallIntegerField(
        _("hosts needed"), default=1,
        help_text=_("Open inloop only: how many hosts each date needs. Each date gets its host shift by "
                    "itself; 0 means no host shifts."),
    )
    talen = ArrayField(
        models.CharField(max_length=5), default=list, blank=True,
        verbose_name=_("languages spoken"), help_text=_("Language codes, e.g. nl, en, ar, tr."),
    )
    toegankelijkheid_toelichting = models.CharField(
        _("accessibility note"), max_length=300, blank=True
    )
    contact_naam = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_telefoon = models.CharField(_("contact phone"), max_length=20, blank=True)
    afbeelding = models.ImageField(_("image"), upload_to="activiteiten/", blank=True)
    afbeelding_alt = models.CharField(_("text alternative of the image"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActiviteitStatus.choices,
        default=ActiviteitStatus.CONCEPT,
    )
    laatst_bevestigd = models.DateField(
        _("last confirmed"), null=True, blank=True,
        help_text=_("When the organiser last confirmed that the activity still runs."),
    )
    # The schedule.
    start = models.DateTimeField(_("first start"))
    duur = models.DurationField(_("duration"))
    rrule = models.CharField(
        _("recurrence rule (RFC 5545)"), max_length=200, blank=True,
        help_text=_("Empty for a one-off activity, e.g. FREQ=WEEKLY;BYDAY=TU."),
        validators=[validate_rrule],
    )
    einddatum = models.DateField(_("last date"), null=True, blank=True)
    skip_feestdagen = models.BooleanField(_("not on public holidays"), default=False)
    skip_schoolvakantie = models.CharField(
        _("not in the school holidays of region"), max_length=10, choices=Regio.choices,
        blank=True,
    )
    herinnering_verstuurd_voor = models.DateField(
        _("reminder sent for"), null=True, blank=True, editable=False,
        help_text=_("The confirmation deadline the members were last reminded of."),
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    bijgewerkt = models.DateTimeField(auto_now=True)

    objects = ActiviteitQuerySet.as_manager()

    class Meta:
        ordering = ["titel"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(kosten__gte=0), name="activiteit_cost_not_negative"),
            models.CheckConstraint(condition=Q(duur__gt="0 seconds"), name="activiteit_duration_positive"),
            models.CheckConstraint(
                condition=~Q(aanmelding=AanmeldingNodig.VERPLICHT) | Q(capaciteit__isnull=False),
                name="activiteit_registration_has_capacity",
            ),
        ]
        indexes = [
            GinIndex(fields=["categorieen"], name="activiteit_categorieen_gin"),
            GinIndex(fields=["doelgroepen"], name="activiteit_doelgroepen_gin"),
        ]

    def __str__(self):
        return self.titel

    @property
    def bevestigd_basis(self) -> date:
        """The day the confirmation weeks count from: the last confirmation, else the
        day the activity was made (today for one not saved yet)."""
        if self.laatst_bevestigd:
            return self.laatst_bevestigd
        return timezone.localtime(self.aangemaakt, AMSTERDAM).date() if self.aangemaakt else timezone.localdate()

    @property
    def bevestig_deadline(self) -> date:
        """The last day the activity counts as confirmed recently ("loopt dit nog?")."""
        return self.bevestigd_basis + timedelta(weeks=settings.ACTIVITEIT_BEVESTIG_WEKEN)

    @property
    def niet_recent_bevestigd(self) -> bool:
        """Past its deadline: the public pages say "not confirmed recently"."""
        return self.bevestig_deadline < timezone.localdate()


class BijeenkomstQuerySet(models.QuerySet):
    """Rules about occurrences that pages, feeds and the API all show, annotated in the
    occurrences' own query."""

    def with_ruimte_naam(self) -> "BijeenkomstQuerySet":
        """Annotate ``ruimte_naam``, the room's name (None without a room), as a subquery
        rather than a join: PostgreSQL evaluates it only for the rows it returns, after
        the sort and LIMIT of a page, not for every occurrence that matches (a
        gemeente's week: 100 of 2,700)."""
        return self.annotate(
            ruimte_naam=Subquery(Ruimte.objects.filter(pk=OuterRef("ruimte_id")).values("naam")[:1])
        )

    def with_plaatsen(self) -> "BijeenkomstQuerySet":
        """Annotate "places left / full", the one definition every caller shows:

        - ``bezette_plaatsen``: people confirmed; the waiting list and cancelled
          registrations never count;
        - ``plaatsen_vrij``: places left, never below 0; None when the activity takes no
          registration or has no limit;
        - ``vol``: no place left on an occurrence that takes place (a cancelled one is
          not "full").

        One subquery per row, no query per occurrence.
        """
        bezet = (
            Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), status=AanmeldingStatus.BEVESTIGD)
            .order_by()
            .values("bijeenkomst")
            .annotate(totaal=Sum("aantal"))
            .values("totaal")
        )
        zonder_limiet = Q(activiteit__aanmelding=AanmeldingNodig.GEEN) | Q(activiteit__capaciteit__isnull=True)
        return self.annotate(
            bezette_plaatsen=Coalesce(Subquery(bezet, output_field=IntegerField()), 0),
        ).annotate(
            plaatsen_vrij=Case(
                When(zonder_limiet, then=Value(None)),
                default=Greatest(F("activiteit__capaciteit") - F("bezette_plaatsen"), 0),
                output_field=IntegerField(),
            ),
            vol=Case(
                When(zonder_limiet | Q(geannuleerd=True), then=Value(False)),
                When(bezette_plaatsen__gte=F("activiteit__capaciteit"), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            ),
        )

    def with_niet_recent_bevestigd(self, vandaag: date | None = None) -> "BijeenkomstQuerySet":
        """Annotate ``niet_recent_bevestigd``: ``Activiteit.niet_recent_bevestigd`` of the
        occurrence's activity (past its confirmation deadline), in the query, for lists
        read as rows (``.values()``) that have no activity instance to ask."""
        vandaag = vandaag or timezone.localdate()
        recent = bevestigd_sinds_q(vandaag - timedelta(weeks=settings.ACTIVITEIT_BEVESTIG_WEKEN), prefix="activiteit__")
        return self.annotate(niet_recent_bevestigd=Case(
            When(recent, then=Value(False)), default=Value(True), output_field=models.BooleanField()
        ))

    def actueel(self, vandaag: date | None = None) -> "BijeenkomstQuerySet":
        """Occurrences of activities that are ``ActiviteitQuerySet.actueel``: the same
        rule, as a condition on the join the occurrence lists make anyway."""
        return self.filter(bevestigd_sinds_q(actueel_sinds(vandaag), prefix="activiteit__"))

    def open_inloop_at(self, moment) -> "BijeenkomstQuerySet":
        """Open inloop going on at ``moment``: an occurrence of an activity of soort
        open_inloop, not cancelled, started and not yet ended (its end not included)."""
        return self.filter(
            activiteit__soort=ActiviteitSoort.OPEN_INLOOP, geannuleerd=False, start__lte=moment, eind__gt=moment
        )


class Bijeenkomst(models.Model):
    """One occurrence of an activity.

    Its identity is (activiteit, origineel_start), like iCalendar's RECURRENCE-ID: when
    the rule changes, occurrences that still exist keep their overrides, registrations
    and attendance.
    """

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="bijeenkomsten")
    origineel_start = models.DateTimeField(_("original start"))
    start = models.DateTimeField(_("start"))
    eind = models.DateTimeField(_("end"))
    verplaatst = models.BooleanField(
        _("moved"), default=False, help_text=_("Start or end differ from the rule on purpose."),
    )
    geannuleerd = models.BooleanField(_("cancelled"), default=False)
    ruimte = models.ForeignKey(
        Ruimte, on_delete=models.SET_NULL, null=True, blank=True, related_name="bijeenkomsten"
    )
    ruimte_afwijkend = models.BooleanField(
        _("other room"), default=False,
        help_text=_("The room differs from the activity's on purpose; it stays when the activity's room changes."),
    )
    reservering = models.OneToOneField(
        Reservering, on_delete=models.SET_NULL, null=True, blank=True, related_name="bijeenkomst"
    )
    notitie = models.CharField(_("note"), max_length=300, blank=True)
    aanwezigen = models.PositiveIntegerField(_("attendance"), null=True, blank=True)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["activiteit", "origineel_start"], name="bijeenkomst_identity"
            ),
            models.CheckConstraint(condition=Q(eind__gt=F("start")), name="bijeenkomst_end_after_start"),
        ]
        indexes = [
            models.Index(fields=["start"], name="bijeenkomst_start_idx"),
            models.Index(fields=["activiteit", "start"], name="bijeenkomst_activiteit_idx"),
        ]

    def __str__(self):
        return f"{self.activiteit} {self.start:%Y-%m-%d %H:%M}"


class Aanmelding(models.Model):
    """A registration for one occurrence, without an account."""

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="aanmeldingen")
    naam = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("phone"), max_length=20, blank=True)
    aantal = models.PositiveSmallIntegerField(_("number of people"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=AanmeldingStatus.choices)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    geannuleerd_op = models.DateTimeField(null=True, blank=True)
    contact_gewist_op = models.DateTimeField(
        null=True, blank=True, help_text=_("Contact data erased after the retention period."),
    )
    aanwezig = models.BooleanField(
        _("present"), null=True, blank=True, help_text=_("Ticked afterwards: came or not; empty when not recorded."),
    )

    class Meta:
        ordering = ["bijeenkomst", "aangemaakt", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(condition=Q(aantal__gte=1), name="aanmelding_at_least_one"),
            models.CheckConstraint(
                condition=~Q(email="", telefoon="") | Q(contact_gewist_op__isnull=False),
                name="aanmelding_has_contact",
            ),
        ]
        indexes = [models.Index(fields=["bijeenkomst", "status"], name="aanmelding_status_idx")]

    def __str__(self):
        return f"{self.naam} ({self.aantal}) – {self.bijeenkomst}"


class Wens(models.Model):
    """A resident's wish for their buurt: "wat mist u?". Shown after moderation."""

    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, related_name="wensen")
    tekst = models.TextField(_("what is missing"), max_length=1000)
    doelgroep = models.CharField(_("for whom"), max_length=20, choices=Doelgroep.choices, blank=True)
    steun = models.PositiveIntegerField(_("support"), default=1)
    # Who supported it, so each supports it once (``services.wens_steun``): keyed hashes
    # of what the caller names them by, never an address or session itself.
    steuners = ArrayField(models.CharField(max_length=64), default=list, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=WensStatus.choices, default=WensStatus.NIEUW)
    goedgekeurd = models.BooleanField(_("approved by a moderator"), default=False)
    afgewezen = models.BooleanField(
        _("rejected by a moderator"), default=False, help_text=_("Not shown, and no longer waiting for moderation."),
    )
    activiteit = models.ForeignKey(
        Activiteit, on_delete=models.SET_NULL, null=True, blank=True, related_name="wensen",
        verbose_name=_("activity that answers it"),
    )
    reden = models.CharField(_("why not feasible"), max_length=500, blank=True)
    beantwoord_op = models.DateTimeField(_("answered on"), null=True, blank=True)
    contact_naam = models.CharField(_("name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    contact_gewist_op = models.DateTimeField(
        null=True, blank=True, help_text=_("Contact data erased after the retention period."),
    )

    class Meta:
        ordering = ["-steun", "-aangemaakt"]
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")

    def __str__(self):
        return self.tekst[:60]


class Schoolvakantie(models.Model):
    """A school holiday of one region, from the table the project keeps (see its source).

    Platform staff add and correct them in the admin, through
    ``services.schoolvakantie_create``/``_update``/``_delete``, which re-materialise the
    occurrences they touch.
    """

    regio = models.CharField(_("region"), max_length=10, choices=Regio.choices)
    naam = models.CharField(_("name"), max_length=50, choices=Vakantie.choices)
    schooljaar = models.CharField(_("school year"), max_length=9, help_text="2026-2027")
    van = models.DateField(_("first day"))
    tot = models.DateField(_("last day"))

    class Meta:
        ordering = ["van", "regio"]
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "schooljaar", "naam"], name="schoolvakantie_unique",
                violation_error_message=_("This holiday of this region and school year already exists."),
            ),
            models.CheckConstraint(
                condition=Q(tot__gte=F("van")), name="schoolvakantie_end_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return f"{self.naam} {self.schooljaar} ({self.get_regio_display()})"

    @staticmethod
    def beginjaar_van(schooljaar: str) -> int | None:
        """The year a school year starts in (2026 for "2026-2027"), None when malformed."""
        first, _dash, second = (schooljaar or "").partition("-")
        if not (first.isdigit() and second.isdigit()) or int(second) != int(first) + 1:
            return None
        return int(first)

    @property
    def beginjaar(self) -> int | None:
        """The year this holiday's school year starts in, None when malformed."""
        return self.beginjaar_van(self.schooljaar)

    def clean(self):
        # A typo in a year is the likeliest mistake, and it would skip a week of every
        # activity in the region a year too early or late: every holiday starts inside
        # its school year (1 August to 31 July).
        if self.schooljaar and self.beginjaar is None:
            raise ValidationError({"schooljaar": _("Write the school year as 2026-2027: two years in a row.")})
        if self.van and self.beginjaar is not None and not (
            date(self.beginjaar, 8, 1) <= self.van <= date(self.beginjaar + 1, 7, 31)
        ):
            raise ValidationError({"van": _("The first day must lie in school year %(schooljaar)s.")
                                   % {"schooljaar": self.schooljaar}})
