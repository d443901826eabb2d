"""Admin of the activiteiten app, for platform staff.

A staff member who is no superuser sees only the activities (and their occurrences and
registrations) of the organisations they have a role in; each row is asked of
``activiteiten.rules`` (``core.admin.ScopedAdminMixin``). Wishes and school holidays
are moderated by superusers.

Activities and occurrences are saved through their services, so occurrences follow
the schedule, registrants are mailed and coverage is recomputed. Occurrences show
under their activity read-only: the schedule makes them, and what a person decides
per occurrence (cancel, move, note, attendance) is done on the occurrence's own page.
"""

from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ScopedAdminMixin, take_over
from locaties.selectors import organisatie_ids_for_user

from .constants import WensStatus
from .models import Aanmelding, Activiteit, Bijeenkomst, Schoolvakantie, Wens
from .selectors import activiteit_schoolvakantie_onbekend_vanaf
from .services import (
    activiteit_create,
    activiteit_update,
    bijeenkomst_annuleer,
    bijeenkomst_registreer_aanwezigen,
    bijeenkomst_verplaats,
    schoolvakantie_create,
    schoolvakantie_delete,
    schoolvakantie_update,
)
from .services.schoolvakantie import SCHOOLVAKANTIE_FIELDS


class BijeenkomstInline(admin.TabularInline):
    model = Bijeenkomst
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["start", "eind", "ruimte", "verplaatst", "geannuleerd", "notitie", "aanwezigen"]
    readonly_fields = fields
    ordering = ["start"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activiteit)
class ActiviteitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["titel", "soort", "locatie", "organisator", "status", "kosten", "aanmelding", "laatst_bevestigd"]
    list_filter = ["status", "soort", "aanmelding", "locatie__buurt__wijk__gemeente"]
    list_select_related = ["locatie", "organisator"]
    search_fields = ["titel", "beschrijving", "locatie__naam", "organisator__naam"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["locatie", "ruimte", "organisator"]
    date_hierarchy = "start"
    inlines = [BijeenkomstInline]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "soort", "status", "beschrijving", "categorieen", "doelgroepen"]}),
        (_("Where and who"), {"fields": ["locatie", "ruimte", "organisator", "contact_naam", "contact_email", "contact_telefoon"]}),
        (_("Schedule"), {"fields": ["start", "duur", "rrule", "einddatum", "skip_feestdagen", "skip_schoolvakantie"]}),
        (_("Registration and cost"), {"fields": ["aanmelding", "capaciteit", "kosten", "kosten_toelichting"]}),
        (_("More"), {"fields": ["talen", "toegankelijkheid_toelichting", "afbeelding", "afbeelding_alt", "laatst_bevestigd"]}),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Said on the page itself, not after a save only: the dates past that day run as
        # planned, holiday or not, until someone adds the holidays.
        if request.method == "GET":
            activiteit = self.get_object(request, object_id)
            onbekend_vanaf = activiteit and activiteit_schoolvakantie_onbekend_vanaf(activiteit=activiteit)
            if onbekend_vanaf:
                self.message_user(request, schoolvakantie_warning(onbekend_vanaf), messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def scope_queryset(self, request, queryset):
        return queryset.filter(organisator_id__in=organisatie_ids_for_user(request.user))

    def save_model(self, request, obj, form, change):
        # Through the services: the occurrences follow the schedule (a clash with a
        # confirmed rental undoes the whole save), and coverage is recomputed.
        if change:
            fields = {name: getattr(obj, name) for name in form.changed_data}
            synced = self.call_service(
                request, activiteit_update, activiteit=Activiteit.objects.get(pk=obj.pk), **fields
            )
            saved = None if synced is None else Activiteit.objects.get(pk=obj.pk)
        else:
            fields = {name: getattr(obj, name) for name in form.fields if name not in self.readonly_fields}
            saved = self.call_service(request, activiteit_create, **fields)
        if saved is not None:
            take_over(obj, saved)


def schoolvakantie_warning(onbekend_vanaf) -> str:
    """What the board is told when the school holidays its activity skips are not known
    from ``onbekend_vanaf``."""
    return _(
        "The school holidays from %(date)s are not known yet. The dates from then on take place "
        "as planned, also in a holiday, and show as provisional until the holidays are added."
    ) % {"date": date_format(onbekend_vanaf, "j F Y")}


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["activiteit", "start", "eind", "ruimte", "geannuleerd", "verplaatst", "aanwezigen"]
    list_filter = ["geannuleerd", "verplaatst", "activiteit__locatie__buurt__wijk__gemeente"]
    list_select_related = ["activiteit", "ruimte__locatie"]
    search_fields = ["activiteit__titel", "activiteit__locatie__naam", "notitie"]
    date_hierarchy = "start"
    # verplaatst is set by the service that moves an occurrence.
    readonly_fields = ["activiteit", "origineel_start", "reservering", "verplaatst"]
    autocomplete_fields = ["ruimte"]

    def get_readonly_fields(self, request, obj=None):
        # A cancellation mails the registrants; there is no service to take it back.
        if obj is not None and obj.geannuleerd:
            return [*self.readonly_fields, "geannuleerd", "start", "eind", "ruimte"]
        return self.readonly_fields

    def scope_queryset(self, request, queryset):
        return queryset.filter(activiteit__organisator_id__in=organisatie_ids_for_user(request.user))

    def save_model(self, request, obj, form, change):
        """What changed goes through the service that mails the registrants: moved,
        cancelled, attendance; a note alone is saved as it is."""
        changed = set(form.changed_data)
        bijeenkomst = Bijeenkomst.objects.get(pk=obj.pk)
        if changed & {"start", "eind", "ruimte"} and self.call_service(
            request, bijeenkomst_verplaats, bijeenkomst=bijeenkomst, start=obj.start, eind=obj.eind, ruimte=obj.ruimte,
        ) is None:
            return
        if "geannuleerd" in changed and obj.geannuleerd and self.call_service(
            request, bijeenkomst_annuleer, bijeenkomst=Bijeenkomst.objects.get(pk=obj.pk), notitie=obj.notitie,
        ) is None:
            return
        if "aanwezigen" in changed and obj.aanwezigen is not None and self.call_service(
            request, bijeenkomst_registreer_aanwezigen, bijeenkomst=Bijeenkomst.objects.get(pk=obj.pk),
            aanwezigen=obj.aanwezigen,
        ) is None:
            return
        if "notitie" in changed:
            Bijeenkomst.objects.filter(pk=obj.pk).update(notitie=obj.notitie)
        take_over(obj, Bijeenkomst.objects.get(pk=obj.pk))


@admin.register(Aanmelding)
class AanmeldingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "bijeenkomst", "aantal", "status", "aangemaakt"]
    list_filter = ["status"]
    list_select_related = ["bijeenkomst__activiteit"]
    search_fields = ["naam", "email", "telefoon", "bijeenkomst__activiteit__titel"]
    readonly_fields = ["bijeenkomst", "aangemaakt", "geannuleerd_op", "contact_gewist_op"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(bijeenkomst__activiteit__organisator_id__in=organisatie_ids_for_user(request.user))


@admin.action(description=_("Approve the selected wishes (show them)"))
def keur_goed(modeladmin, request, queryset):
    count = queryset.update(goedgekeurd=True, afgewezen=False)
    modeladmin.message_user(
        request, ngettext("%d wish approved.", "%d wishes approved.", count) % count, messages.SUCCESS
    )


def _status_action(status: WensStatus):
    def action(modeladmin, request, queryset):
        count = queryset.update(status=status)
        modeladmin.message_user(
            request,
            ngettext("%(n)d wish set to “%(status)s”.", "%(n)d wishes set to “%(status)s”.", count)
            % {"n": count, "status": status.label},
            messages.SUCCESS,
        )

    action.__name__ = f"zet_status_{status.value}"
    return admin.action(description=_("Set status: %(status)s") % {"status": status.label})(action)


@admin.register(Wens)
class WensAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "buurt", "doelgroep", "steun", "status", "goedgekeurd", "aangemaakt"]
    list_filter = ["goedgekeurd", "status", "doelgroep", "buurt__gemeente"]
    list_select_related = ["buurt"]
    list_editable = ["status", "goedgekeurd"]
    search_fields = ["tekst", "buurt__naam"]
    autocomplete_fields = ["buurt"]
    actions = [keur_goed] + [_status_action(status) for status in WensStatus]


@admin.register(Schoolvakantie)
class SchoolvakantieAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Staff add and correct school holidays here, without a release; the services bring
    the occurrences of the activities that skip them in line (in the background)."""

    list_display = ["naam", "regio", "schooljaar", "van", "tot"]
    list_filter = ["regio", "schooljaar", "naam"]
    search_fields = ["naam", "schooljaar"]

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in SCHOOLVAKANTIE_FIELDS}
        if change:
            schoolvakantie_update(schoolvakantie=obj, **fields)
        else:
            obj.pk = schoolvakantie_create(**fields).pk
        self.message_user(request, _("The dates of the activities that skip these school holidays are being brought in line."))

    def delete_model(self, request, obj):
        schoolvakantie_delete(schoolvakantie=obj)

    def delete_queryset(self, request, queryset):
        for schoolvakantie in queryset:
            schoolvakantie_delete(schoolvakantie=schoolvakantie)
