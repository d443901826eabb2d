"""Admin of the vrijwilligers app, for platform staff.

A staff member who is no superuser sees only the volunteers, shifts and vacancies of
the organisations they have a role in, each asked of ``vrijwilligers.rules``
(``core.admin.ScopedAdminMixin``): volunteers' personal data only as a coordinator or
board member of an organisation they work for.
"""

import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ScopedAdminMixin
from locaties.selectors import organisatie_ids_for_user

from . import selectors
from .models import Dienst, Inzet, LosseInzet, Vacature, Vrijwilliger
from .services import ACTIVE_INZET, vrijwilliger_erase, vrijwilliger_export


class InzetInline(admin.TabularInline):
    model = Inzet
    extra = 0
    autocomplete_fields = ["vrijwilliger"]


@admin.register(Vrijwilliger)
class VrijwilligerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "email", "telefoon", "buurt", "toestemming_op", "vog_datum", "gewist_op"]
    list_filter = ["organisaties", "toestemming_op", "gewist_op"]
    list_select_related = ["buurt"]
    search_fields = ["naam", "email", "telefoon"]
    autocomplete_fields = ["buurt", "user"]
    filter_horizontal = ["organisaties"]
    readonly_fields = ["aangemaakt", "gewist_op"]
    actions = ["export_personal_data", "erase_personal_data"]

    @admin.action(description=_("Export personal data (JSON)"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        """The right of access: everything kept about the chosen volunteers, one file."""
        data = [
            {"id": vrijwilliger.pk, **vrijwilliger_export(vrijwilliger=vrijwilliger)}
            for vrijwilliger in queryset.select_related("buurt", "user").order_by("pk")
        ]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        name = f"vrijwilligers-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @admin.action(description=_("Erase personal data"), permissions=["change"])
    def erase_personal_data(self, request, queryset):
        """The right to erasure, after a confirmation page: it cannot be undone."""
        queryset = queryset.filter(gewist_op__isnull=True)
        if request.POST.get("post") == "yes":
            erased = [vrijwilliger_erase(vrijwilliger=vrijwilliger) for vrijwilliger in queryset]
            for vrijwilliger in erased:
                # Logged after the erasure, so the history names no one ("[gewist]").
                self.log_change(request, vrijwilliger, [{"changed": {"fields": ["gewist_op"]}}])
            self.message_user(
                request,
                ngettext("%(count)d volunteer erased.", "%(count)d volunteers erased.", len(erased))
                % {"count": len(erased)},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(request, "admin/vrijwilligers/vrijwilliger/erase_confirmation.html", {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "opts": self.model._meta,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        })

    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=selectors.vrijwilliger_list_for_user(request.user).values("pk"))


@admin.register(Dienst)
class DienstAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["taak", "locatie", "start", "eind", "benodigd", "ingepland"]
    list_filter = ["taak", "locatie__buurt__wijk__gemeente"]
    list_select_related = ["locatie"]
    search_fields = ["locatie__naam", "omschrijving"]
    date_hierarchy = "start"
    autocomplete_fields = ["locatie"]
    raw_id_fields = ["bijeenkomst"]
    inlines = [InzetInline]

    def scope_queryset(self, request, queryset):
        return queryset.filter(locatie__beheerder_id__in=organisatie_ids_for_user(request.user))

    def get_queryset(self, request):
        # One annotated count instead of a query per row.
        return super().get_queryset(request).annotate(
            _ingepland=Count("inzetten", filter=Q(inzetten__status__in=ACTIVE_INZET))
        )

    @admin.display(description=_("scheduled"), ordering="_ingepland")
    def ingepland(self, dienst):
        return dienst._ingepland


@admin.register(Inzet)
class InzetAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["vrijwilliger", "dienst", "status", "uren"]
    list_filter = ["status", "dienst__taak"]
    list_select_related = ["vrijwilliger", "dienst__locatie"]
    search_fields = ["vrijwilliger__naam", "dienst__locatie__naam"]
    autocomplete_fields = ["vrijwilliger"]
    raw_id_fields = ["dienst"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(dienst__locatie__beheerder_id__in=organisatie_ids_for_user(request.user))


@admin.register(Vacature)
class VacatureAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["titel", "organisatie", "locatie", "taak", "gepubliceerd", "sluit_op", "vog_nodig"]
    list_filter = ["gepubliceerd", "taak", "vog_nodig"]
    list_select_related = ["organisatie", "locatie"]
    search_fields = ["titel", "beschrijving", "organisatie__naam", "locatie__naam"]
    autocomplete_fields = ["organisatie", "locatie"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(organisatie_id__in=organisatie_ids_for_user(request.user))


@admin.register(LosseInzet)
class LosseInzetAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Walk-in hours; the workspace writes them down. Staff who are no superuser see none
    (``ScopedAdminMixin``'s default): no rules predicate gives them these rows."""

    list_display = ["datum", "locatie", "taak", "uren", "vrijwilliger", "naam"]
    list_filter = ["taak"]
    list_select_related = ["locatie", "vrijwilliger"]
    search_fields = ["naam", "locatie__naam", "vrijwilliger__naam"]
    raw_id_fields = ["locatie", "vrijwilliger"]
