"""Organisations, their members' roles, invitations to join one, and the officials of a
gemeente."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import OrganisatieSoort, Rol, UitnodigingStatus
from .areas import Gemeente


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
    sinds = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisatie"], name="lidmaatschap_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisatie} ({self.get_rol_display()})"


class Uitnodiging(models.Model):
    """An invitation by e-mail to join an organisation with a role, for someone without an
    account. Its link works once: accepting it (or a newer invitation to the same
    address) closes it."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="uitnodigingen")
    email = models.EmailField(_("e-mail"))
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=UitnodigingStatus.choices, default=UitnodigingStatus.OPEN
    )
    aangemaakt = models.DateTimeField(_("sent"), default=timezone.now)
    geaccepteerd_op = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["organisatie", "status"], name="uitnodiging_org_status")]

    def __str__(self):
        return f"{self.email} – {self.organisatie} ({self.get_rol_display()})"


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
