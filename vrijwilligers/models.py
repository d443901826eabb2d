"""Volunteers, shifts (Dienst), who works a shift (Inzet) and open roles (Vacature).

Volunteer data is minimal and visible only to the coordinators of the organisations
the volunteer works for.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activiteiten.models import Bijeenkomst
from locaties.models import Buurt, Locatie, Organisatie

from .constants import Dagdeel, InzetStatus, Taak, Talent


class Vrijwilliger(models.Model):
    naam = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("phone"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="vrijwilliger", help_text=_("Optional: a signed link can stand in for an account."),
    )
    buurt = models.ForeignKey(Buurt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    organisaties = models.ManyToManyField(
        Organisatie, related_name="vrijwilligers", verbose_name=_("volunteers for"),
    )
    talenten = ArrayField(
        models.CharField(max_length=20, choices=Talent.choices), default=list, blank=True,
        verbose_name=_("talents"),
    )
    beschikbaarheid = ArrayField(
        models.CharField(max_length=12, choices=Dagdeel.choices), default=list, blank=True,
        verbose_name=_("available"),
    )
    toestemming_op = models.DateField(
        _("consent given on"), help_text=_("When the volunteer agreed that we keep these data."),
    )
    vog_datum = models.DateField(
        _("certificate of conduct (VOG) date"), null=True, blank=True,
        help_text=_("Needed for work with children."),
    )
    voornaam_tonen = models.BooleanField(
        _("show my first name as host"), default=False,
        help_text=_("When you host an open inloop, the public pages may say your first name."),
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    actief_op = models.DateTimeField(
        _("last seen on"), null=True, blank=True,
        help_text=_("The last time the volunteer did something on their page (an answer to the retention mail)."),
    )
    bewaarvraag_op = models.DateTimeField(
        _("asked to stay on"), null=True, blank=True,
        help_text=_("When we mailed that they had no shift for 24 months; erased 30 days later unless they answer."),
    )
    geaccepteerd_op = models.DateTimeField(
        _("accepted on"), null=True, blank=True, default=timezone.now,
        help_text=_("Empty while a sign-up from the site waits for a coordinator's answer."),
    )
    gewist_op = models.DateTimeField(
        _("erased on"), null=True, blank=True,
        help_text=_("Personal data erased on request; the row stays so past shift hours still count."),
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="", telefoon="") | Q(gewist_op__isnull=False),
                name="vrijwilliger_has_contact",
            ),
        ]

    def __str__(self):
        return self.naam


class Dienst(models.Model):
    """A shift at a place for a task, often tied to an occurrence (the host of an open inloop)."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="diensten")
    taak = models.CharField(_("task"), max_length=20, choices=Taak.choices)
    start = models.DateTimeField(_("start"))
    eind = models.DateTimeField(_("end"))
    benodigd = models.PositiveSmallIntegerField(_("people needed"), default=1)
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, null=True, blank=True, related_name="diensten"
    )
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)
    vrijwilligers = models.ManyToManyField(Vrijwilliger, through="Inzet", related_name="diensten")

    class Meta:
        ordering = ["start", "locatie"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(condition=Q(eind__gt=F("start")), name="dienst_end_after_start"),
            models.CheckConstraint(condition=Q(benodigd__gte=1), name="dienst_needs_someone"),
        ]
        indexes = [models.Index(fields=["locatie", "start"], name="dienst_locatie_start_idx")]

    def __str__(self):
        return f"{self.get_taak_display()} {self.locatie} {self.start:%Y-%m-%d %H:%M}"


class Inzet(models.Model):
    """A volunteer on a shift."""

    dienst = models.ForeignKey(Dienst, on_delete=models.CASCADE, related_name="inzetten")
    vrijwilliger = models.ForeignKey(Vrijwilliger, on_delete=models.CASCADE, related_name="inzetten")
    status = models.CharField(
        _("status"), max_length=20, choices=InzetStatus.choices, default=InzetStatus.INGEPLAND
    )
    uren = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["dienst", "vrijwilliger"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["dienst", "vrijwilliger"], name="inzet_unique"),
            models.CheckConstraint(condition=Q(uren__isnull=True) | Q(uren__gte=0), name="inzet_hours_not_negative"),
        ]

    def __str__(self):
        return f"{self.vrijwilliger} – {self.dienst}"


class Vacature(models.Model):
    """An open volunteer role; public once published."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="vacatures")
    locatie = models.ForeignKey(
        Locatie, on_delete=models.CASCADE, null=True, blank=True, related_name="vacatures"
    )
    titel = models.CharField(_("title"), max_length=200)
    beschrijving = models.TextField(_("description"))
    taak = models.CharField(_("task"), max_length=20, choices=Taak.choices)
    uren_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    vog_nodig = models.BooleanField(_("certificate of conduct (VOG) needed"), default=False)
    dagdelen = ArrayField(
        models.CharField(max_length=12, choices=Dagdeel.choices), default=list, blank=True,
        verbose_name=_("when"), help_text=_("The day parts the work is done in; none: whenever suits the volunteer."),
    )
    talenten = ArrayField(
        models.CharField(max_length=20, choices=Talent.choices), default=list, blank=True,
        verbose_name=_("talents that help"), help_text=_("To find volunteers who fit; not shown in public."),
    )
    gepubliceerd = models.BooleanField(_("published"), default=False)
    sluit_op = models.DateField(_("open until"), null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-aangemaakt"]
        verbose_name = _("volunteer vacancy")
        verbose_name_plural = _("volunteer vacancies")
        constraints = [
            models.CheckConstraint(
                condition=Q(uren_per_week__isnull=True) | Q(uren_per_week__gt=0),
                name="vacature_hours_positive",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_dagdelen_display(self) -> str:
        """The day parts in words, in the order of the week ("Tuesday morning, Thursday evening")."""
        labels = dict(Dagdeel.choices)
        return ", ".join(str(labels[code]) for code in Dagdeel.values if code in self.dagdelen)


class LosseInzet(models.Model):
    """Hours of someone who helped without a shift (a walk-in), written down by a
    coordinator afterwards; the volunteer is optional, a name will do, or nothing."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="losse_inzetten")
    vrijwilliger = models.ForeignKey(
        Vrijwilliger, on_delete=models.SET_NULL, null=True, blank=True, related_name="losse_inzetten",
    )
    naam = models.CharField(_("name"), max_length=100, blank=True)
    taak = models.CharField(_("task"), max_length=20, choices=Taak.choices)
    datum = models.DateField(_("date"))
    uren = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-datum", "pk"]
        verbose_name = _("walk-in help")
        verbose_name_plural = _("walk-in help")
        constraints = [
            models.CheckConstraint(condition=Q(uren__gt=0), name="losse_inzet_hours_positive"),
        ]
        indexes = [models.Index(fields=["locatie", "datum"], name="losse_inzet_locatie_datum_idx")]

    def __str__(self):
        return f"{self.get_taak_display()} {self.locatie} {self.datum}"
