"""Admin of the vrijwilligers app, for staff."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import Dienst, Inzet, Vacature, Vrijwilliger
from .services import ACTIVE_INZET


class InzetInline(admin.TabularInline):
    model = Inzet
    extra = 0
    autocomplete_fields = ["vrijwilliger"]


@admin.register(Vrijwilliger)
class VrijwilligerAdmin(admin.ModelAdmin):
    list_display = ["naam", "email", "telefoon", "buurt", "toestemming_op", "vog_datum", "gewist_op"]
    list_filter = ["organisaties", "toestemming_op", "gewist_op"]
    list_select_related = ["buurt"]
    search_fields = ["naam", "email", "telefoon"]
    autocomplete_fields = ["buurt", "user"]
    filter_horizontal = ["organisaties"]
    readonly_fields = ["aangemaakt", "gewist_op"]


@admin.register(Dienst)
class DienstAdmin(admin.ModelAdmin):
    list_display = ["taak", "locatie", "start", "eind", "benodigd", "ingepland"]
    list_filter = ["taak", "locatie__buurt__wijk__gemeente"]
    list_select_related = ["locatie"]
    search_fields = ["locatie__naam", "omschrijving"]
    date_hierarchy = "start"
    autocomplete_fields = ["locatie"]
    raw_id_fields = ["bijeenkomst"]
    inlines = [InzetInline]

    def get_queryset(self, request):
        # One annotated count instead of a query per row.
        return super().get_queryset(request).annotate(
            _ingepland=Count("inzetten", filter=Q(inzetten__status__in=ACTIVE_INZET))
        )

    @admin.display(description=_("scheduled"), ordering="_ingepland")
    def ingepland(self, dienst):
        return dienst._ingepland


@admin.register(Inzet)
class InzetAdmin(admin.ModelAdmin):
    list_display = ["vrijwilliger", "dienst", "status", "uren"]
    list_filter = ["status", "dienst__taak"]
    list_select_related = ["vrijwilliger", "dienst__locatie"]
    search_fields = ["vrijwilliger__naam", "dienst__locatie__naam"]
    autocomplete_fields = ["vrijwilliger"]
    raw_id_fields = ["dienst"]


@admin.register(Vacature)
class VacatureAdmin(admin.ModelAdmin):
    list_display = ["titel", "organisatie", "locatie", "taak", "gepubliceerd", "sluit_op", "vog_nodig"]
    list_filter = ["gepubliceerd", "taak", "vog_nodig"]
    list_select_related = ["organisatie", "locatie"]
    search_fields = ["titel", "beschrijving", "organisatie__naam", "locatie__naam"]
    autocomplete_fields = ["organisatie", "locatie"]
