"""Admin of the locaties app, for platform staff.

A staff member who is no superuser sees only the rows of the organisations they have a
role in (``core.admin.ScopedAdminMixin``; each row asked of ``locaties.rules``). Areas
are public data: everyone in the admin sees them, only a superuser changes them.
Places are saved through their services, so the buurt follows the point and coverage
is recomputed.

Lists select their related rows up front (``list_select_related``), so a changelist
costs the same number of queries for 1 row or 100. Reservations are written only by
their services: a new one is a request priced from the tariff, an existing one changes
by a decision (confirm, decline, cancel), and a clash is a form error naming it.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ScopedAdminMixin, take_over

from . import selectors, services
from .models import (
    Bevolkingspunt,
    Buurt,
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    LocatieFoto,
    Openingstijd,
    Organisatie,
    Reservering,
    Ruimte,
    Sluiting,
    Tarief,
    Uitnodiging,
    Wijk,
)

# Django 6 makes https the default scheme; say so now instead of relying on the old default.
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


# --- areas -----------------------------------------------------------------------


@admin.register(Gemeente)
class GemeenteAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "jaar"]
    list_filter = ["jaar"]
    search_fields = ["naam", "code"]

    def scope_queryset(self, request, queryset):
        return queryset  # public data


@admin.register(Wijk)
class WijkAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "gemeente", "jaar"]
    list_filter = ["gemeente", "jaar"]
    list_select_related = ["gemeente"]
    search_fields = ["naam", "code"]
    autocomplete_fields = ["gemeente"]

    def scope_queryset(self, request, queryset):
        return queryset  # public data


@admin.register(Buurt)
class BuurtAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "wijk", "gemeente", "inwoners", "inwoners_65plus", "woningen", "jaar"]
    list_filter = ["gemeente", "jaar"]
    list_select_related = ["wijk", "gemeente"]
    search_fields = ["naam", "code", "wijk__naam"]
    autocomplete_fields = ["wijk", "gemeente"]
    readonly_fields = ["bbox_min_lon", "bbox_min_lat", "bbox_max_lon", "bbox_max_lat"]

    def scope_queryset(self, request, queryset):
        return queryset  # public data


@admin.register(Bevolkingspunt)
class BevolkingspuntAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["sleutel", "soort", "buurt", "inwoners", "inwoners_65plus", "woningen", "jaar"]
    list_filter = ["soort", "jaar", "buurt__gemeente"]
    list_select_related = ["buurt"]
    search_fields = ["sleutel", "buurt__naam", "buurt__code"]
    autocomplete_fields = ["buurt"]

    def scope_queryset(self, request, queryset):
        return queryset  # public data


# --- organisations ---------------------------------------------------------------


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisatie)
class OrganisatieAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "gemeente", "email", "telefoon"]
    list_filter = ["soort", "gemeente"]
    list_select_related = ["gemeente"]
    search_fields = ["naam", "email"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["gemeente"]
    inlines = [LidmaatschapInline]
    formfield_overrides = URL_HTTPS

    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=selectors.organisatie_ids_for_user(request.user))


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisatie", "rol"]
    list_filter = ["rol", "organisatie__gemeente"]
    list_select_related = ["user", "organisatie"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "organisatie__naam"]
    autocomplete_fields = ["user", "organisatie"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(organisatie_id__in=selectors.organisatie_ids_for_user(request.user))


@admin.register(Uitnodiging)
class UitnodigingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Invitations, to look up: they are sent and accepted in the workspace, through the
    services, so the admin neither adds nor changes them."""

    list_display = ["email", "organisatie", "rol", "status", "aangemaakt"]
    list_filter = ["status", "rol"]
    list_select_related = ["organisatie"]
    search_fields = ["email", "organisatie__naam"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def scope_queryset(self, request, queryset):
        return queryset.filter(organisatie_id__in=selectors.organisatie_ids_for_user(request.user))


@admin.register(Gemeentemedewerker)
class GemeentemedewerkerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "gemeente"]
    list_filter = ["gemeente"]
    list_select_related = ["user", "gemeente"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "gemeente__naam"]
    autocomplete_fields = ["user", "gemeente"]


# --- places ----------------------------------------------------------------------


class RuimteInline(admin.TabularInline):
    model = Ruimte
    extra = 0
    fields = ["naam", "capaciteit", "oppervlakte_m2", "verhuurbaar", "wisseltijd_minuten"]
    # Tariffs are edited on the room's own page: Django has no nested inlines.
    show_change_link = True


class OpeningstijdFormSet(forms.BaseInlineFormSet):
    """Each row is checked by ``Openingstijd.clean`` against the saved hours; the rows
    of the form are compared with each other here."""

    def clean(self):
        super().clean()
        rows = [
            form.instance for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
            and form.instance.van is not None and form.instance.tot is not None
        ]
        for index, row in enumerate(rows):
            if overlapping := next((other for other in rows[index + 1:] if other.overlaps(row)), None):
                raise ValidationError(
                    _("These hours overlap the opening hours %(other)s.") % {"other": overlapping},
                    code="openingstijd_overlap",
                )


class OpeningstijdInline(admin.TabularInline):
    model = Openingstijd
    formset = OpeningstijdFormSet
    extra = 0


class SluitingInline(admin.TabularInline):
    model = Sluiting
    extra = 0


class LocatieFotoAdminForm(forms.ModelForm):
    """Runs uploads through the photo service: verified, resized, EXIF/GPS stripped."""

    class Meta:
        model = LocatieFoto
        fields = ["afbeelding", "alt_tekst", "volgorde"]

    def clean_afbeelding(self):
        bestand = self.cleaned_data.get("afbeelding")
        if bestand and "afbeelding" in self.changed_data:
            return services.locatiefoto_process(bestand=bestand)
        return bestand

    def scope_queryset(self, request, queryset):
        return queryset.filter(locatie__in=selectors.locatie_list_for_user(request.user).values("pk"))


class LocatieFotoInline(admin.TabularInline):
    model = LocatieFoto
    form = LocatieFotoAdminForm
    extra = 0
    fields = ["afbeelding", "alt_tekst", "volgorde"]


@admin.register(Locatie)
class LocatieAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "buurt", "beheerder", "plaats", "gepubliceerd", "noodsteunpunt"]
    list_filter = ["soort", "gepubliceerd", "noodsteunpunt", "buurt__wijk__gemeente"]
    list_select_related = ["buurt", "beheerder"]
    search_fields = ["naam", "straat", "postcode", "plaats", "buurt__naam", "beheerder__naam"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["beheerder"]
    readonly_fields = ["buurt", "aangemaakt", "bijgewerkt"]
    formfield_overrides = URL_HTTPS
    inlines = [RuimteInline, OpeningstijdInline, SluitingInline, LocatieFotoInline]
    fieldsets = [
        (None, {"fields": ["naam", "slug", "soort", "beheerder", "beschrijving", "gepubliceerd"]}),
        (_("Address"), {"fields": ["straat", "huisnummer", "postcode", "plaats", "lat", "lon", "buurt"]}),
        (_("Contact"), {"fields": ["email", "telefoon", "website"]}),
        (_("Accessibility and facilities"), {"fields": ["toegankelijkheid", "faciliteiten", "noodsteunpunt"]}),
        (_("Open"), {"fields": ["open_sinds", "gesloten_sinds", "aangemaakt", "bijgewerkt"]}),
    ]

    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=selectors.locatie_list_for_user(request.user).values("pk"))

    def save_model(self, request, obj, form, change):
        # Through the services, like the API and the imports: the buurt follows the
        # point, and coverage is recomputed (in the old gemeente too when it moved).
        if change:
            fields = {name: getattr(obj, name) for name in form.changed_data}
            saved = self.call_service(
                request, services.locatie_update, locatie=Locatie.objects.get(pk=obj.pk), **fields
            )
        else:
            fields = {name: getattr(obj, name) for name in form.fields if name not in self.readonly_fields}
            saved = self.call_service(request, services.locatie_create, **fields)
        if saved is not None:
            take_over(obj, saved)

    def delete_model(self, request, obj):
        self.delete_queryset(request, Locatie.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.locaties_delete(locaties=queryset)


@admin.register(LocatieFoto)
class LocatieFotoAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["alt_tekst", "locatie", "volgorde"]
    list_select_related = ["locatie"]
    search_fields = ["alt_tekst", "locatie__naam"]
    autocomplete_fields = ["locatie"]
    fields = ["locatie", "afbeelding", "alt_tekst", "volgorde"]
    form = LocatieFotoAdminForm


class TariefInline(admin.TabularInline):
    model = Tarief
    extra = 0


@admin.register(Ruimte)
class RuimteAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "locatie", "capaciteit", "oppervlakte_m2", "verhuurbaar", "wisseltijd_minuten"]
    list_filter = ["verhuurbaar", "locatie__buurt__wijk__gemeente"]
    list_select_related = ["locatie"]
    search_fields = ["naam", "locatie__naam"]
    autocomplete_fields = ["locatie"]
    inlines = [TariefInline]

    def scope_queryset(self, request, queryset):
        return queryset.filter(locatie__in=selectors.locatie_list_for_user(request.user).values("pk"))


@admin.register(Tarief)
class TariefAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["ruimte", "categorie", "prijs_per_uur", "minimum_bedrag"]
    list_filter = ["categorie"]
    list_select_related = ["ruimte__locatie"]
    search_fields = ["ruimte__naam", "ruimte__locatie__naam"]
    autocomplete_fields = ["ruimte"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(ruimte__locatie__in=selectors.locatie_list_for_user(request.user).values("pk"))


@admin.register(Openingstijd)
class OpeningstijdAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["locatie", "weekdag", "van", "tot"]
    list_filter = ["weekdag"]
    list_select_related = ["locatie"]
    search_fields = ["locatie__naam"]
    autocomplete_fields = ["locatie"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(locatie__in=selectors.locatie_list_for_user(request.user).values("pk"))


@admin.register(Sluiting)
class SluitingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["locatie", "van", "tot", "reden"]
    list_select_related = ["locatie"]
    search_fields = ["locatie__naam", "reden"]
    date_hierarchy = "van"
    autocomplete_fields = ["locatie"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(locatie__in=selectors.locatie_list_for_user(request.user).values("pk"))


# --- reservations ----------------------------------------------------------------


class ReserveringAdminForm(forms.ModelForm):
    """A new rental as a request (``reservering_create``); on an existing reservation
    only a decision (``reservering_bevestig``, ``_afwijs``, ``_annuleer``). The price is
    never typed: the request service computes it from the tariff (``reservering_prijs``).

    What the services would refuse is checked here with the services' own reads, so a
    missing tariff or a clash shows as a form error naming it; the services check again
    when the admin saves (two staff members at once: then a message)."""

    BESLUITEN = {
        "bevestig": services.reservering_bevestig,
        "afwijs": services.reservering_afwijs,
        "annuleer": services.reservering_annuleer,
    }
    besluit = forms.ChoiceField(
        label=_("Decision"), required=False,
        choices=[("", "---------"), ("bevestig", _("Confirm")), ("afwijs", _("Decline")), ("annuleer", _("Cancel"))],
    )

    class Meta:
        model = Reservering
        fields = [
            "ruimte", "periode", "huurder_naam", "huurder_email", "huurder_telefoon",
            "huurder_categorie", "opmerking",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return self._clean_decision(cleaned)
        ruimte, periode = cleaned.get("ruimte"), cleaned.get("periode")
        if ruimte is None or not periode or periode.lower is None or periode.upper is None:
            return cleaned
        if periode.upper <= periode.lower:
            raise ValidationError({"periode": _("The end must be after the start.")})
        if not cleaned.get("huurder_categorie"):
            raise ValidationError({"huurder_categorie": _("Choose a tenant category.")})
        services.reservering_prijs(
            ruimte=ruimte, start=periode.lower, eind=periode.upper, huurder_categorie=cleaned["huurder_categorie"]
        )
        self._refuse_clashes(ruimte, periode)
        return cleaned

    def _clean_decision(self, cleaned):
        if cleaned.get("besluit") == "bevestig":
            self._refuse_clashes(self.instance.ruimte, self.instance.periode, exclude_ids=[self.instance.pk])
        return cleaned

    def _refuse_clashes(self, ruimte, periode, exclude_ids=()):
        clashes = list(services.reservering_conflicts(
            ruimte=ruimte, start=periode.lower, eind=periode.upper, exclude_ids=exclude_ids,
        ))
        if clashes:
            raise ValidationError(
                services.reservering_conflict_message(clashes, huurders=True), code="reservering_conflict"
            )


def _apply(modeladmin, request, queryset, service, done_message):
    done = 0
    for reservering in queryset:
        if not modeladmin.has_change_permission(request, reservering):
            # The list shows the organisation's members its rentals; deciding on them
            # is for its board and managers (locaties.change_reservering).
            modeladmin.message_user(request, f"{reservering}: {_('you may not decide on this reservation.')}", messages.ERROR)
            continue
        try:
            service(reservering=reservering)
            done += 1
        except services.ReserveringConflict as error:
            message = services.reservering_conflict_message(error.conflicten, huurders=True)
            modeladmin.message_user(request, f"{reservering}: {message}", messages.ERROR)
        except ValidationError as error:
            modeladmin.message_user(request, f"{reservering}: {' '.join(error.messages)}", messages.ERROR)
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


@admin.action(description=_("Confirm the selected reservations"))
def bevestig(modeladmin, request, queryset):
    _apply(modeladmin, request, queryset, services.reservering_bevestig,
           lambda n: ngettext("%d reservation confirmed.", "%d reservations confirmed.", n) % n)


@admin.action(description=_("Decline the selected reservations"))
def afwijs(modeladmin, request, queryset):
    _apply(modeladmin, request, queryset, services.reservering_afwijs,
           lambda n: ngettext("%d reservation declined.", "%d reservations declined.", n) % n)


@admin.action(description=_("Cancel the selected reservations"))
def annuleer(modeladmin, request, queryset):
    _apply(modeladmin, request, queryset, services.reservering_annuleer,
           lambda n: ngettext("%d reservation cancelled.", "%d reservations cancelled.", n) % n)


@admin.register(Reservering)
class ReserveringAdmin(ScopedAdminMixin, admin.ModelAdmin):
    form = ReserveringAdminForm
    list_display = ["ruimte", "periode", "soort", "status", "huurder_naam", "huurder_categorie", "prijs"]
    list_filter = ["status", "soort", "huurder_categorie", "ruimte__locatie__buurt__wijk__gemeente"]
    list_select_related = ["ruimte__locatie"]
    search_fields = ["huurder_naam", "huurder_email", "ruimte__naam", "ruimte__locatie__naam"]
    autocomplete_fields = ["ruimte"]
    readonly_fields = ["status", "prijs", "bezet", "serie", "aangemaakt", "bijgewerkt"]
    actions = [bevestig, afwijs, annuleer]

    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=selectors.reservering_list_for_user(request.user).values("pk"))

    def get_readonly_fields(self, request, obj=None):
        # An existing reservation changes only by a decision, through its service.
        if obj is not None:
            return [*self.readonly_fields, "ruimte", "soort", "periode", "huurder_naam", "huurder_email",
                    "huurder_telefoon", "huurder_categorie", "opmerking"]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return [name for name in fields if name not in ("besluit", *self.readonly_fields)]
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            besluit = form.cleaned_data.get("besluit")
            if besluit:
                saved = self.call_service(request, form.BESLUITEN[besluit], reservering=obj)
                if saved is not None:
                    take_over(obj, saved)
            return
        # A rental added here is a request like any other: priced from the tariff, and
        # the place is mailed. It is then confirmed by a decision, through the service.
        saved = self.call_service(
            request, services.reservering_create, ruimte=obj.ruimte, start=obj.periode.lower,
            eind=obj.periode.upper, huurder_naam=obj.huurder_naam, huurder_email=obj.huurder_email,
            huurder_telefoon=obj.huurder_telefoon, huurder_categorie=obj.huurder_categorie,
            opmerking=obj.opmerking,
        )
        if saved is not None:
            take_over(obj, saved)
