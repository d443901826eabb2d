"""FilterSets of the activiteiten app, shared by the public pages and the API.

``ActiviteitFilter`` and ``BijeenkomstFilter`` offer the same activity filters (area,
place, category, audience, free, registration, accessibility, open inloop, nearness);
on occurrences they reach the activity through ``activiteit__``. Parameter names are
Dutch lowerCamelCase, the same on pages and in the API.
"""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import validate_date_in_range
from core.filters import ArrayContainsFilter, FilterSet
from core.timezones import AMSTERDAM
from locaties.constants import Toegankelijkheid
from locaties.filters import NabijFilterSet, NabijForm

from .constants import AanmeldingNodig, ActiviteitSoort, Categorie, Doelgroep, WensStatus
from .models import Activiteit, Bijeenkomst, Wens

# Occurrences shown when no dates are asked for: the coming four weeks.
STANDAARD_PERIODE = timedelta(days=28)
# At most a year per request: a calendar of one place fits, the whole country does not.
MAX_PERIODE = timedelta(days=366)


DAGDELEN = [
    ("ochtend", gettext_lazy("Morning (before 12:00)")),
    ("middag", gettext_lazy("Afternoon (12:00-18:00)")),
    ("avond", gettext_lazy("Evening (from 18:00)")),
]
# Start hour (Amsterdam wall clock) ranges [from, until) of each part of the day.
DAGDEEL_UREN = {"ochtend": (0, 12), "middag": (12, 18), "avond": (18, 24)}


class ActiviteitFilterMixin(FilterSet):
    """Activity filters; ``activiteit_prefix`` is the path from the filtered model to the activity."""

    activiteit_prefix = ""

    gemeente = django_filters.CharFilter(method="_gebied", label=gettext_lazy("Gemeente code, e.g. GM0935"))
    wijk = django_filters.CharFilter(method="_gebied", label=gettext_lazy("Wijk code, e.g. WK093501"))
    buurt = django_filters.CharFilter(method="_gebied", label=gettext_lazy("Buurt code, e.g. BU09350101"))
    locatie = django_filters.CharFilter(method="_locatie", label=gettext_lazy("Slug of the meeting place"))
    organisator = django_filters.CharFilter(method="_organisator", label=gettext_lazy("Slug of the organiser"))
    soort = django_filters.MultipleChoiceFilter(
        method="_soort", choices=ActiviteitSoort.choices, label=gettext_lazy("Kind of activity")
    )
    categorie = django_filters.MultipleChoiceFilter(
        method="_overlap", choices=Categorie.choices,
        label=gettext_lazy("Category (any of the chosen ones)"),
    )
    doelgroep = django_filters.MultipleChoiceFilter(
        method="_overlap", choices=Doelgroep.choices,
        label=gettext_lazy("Audience (any of the chosen ones)"),
    )
    gratis = django_filters.BooleanFilter(method="_gratis", label=gettext_lazy("Only free activities (true) or only paid ones (false)"))
    aanmeldingNodig = django_filters.BooleanFilter(
        method="_aanmelding_nodig",
        label=gettext_lazy("Only activities that require registration (true) or that do not (false)"),
    )
    openInloop = django_filters.BooleanFilter(
        method="_open_inloop", label=gettext_lazy("Only open inloop with a host (true) or everything else (false)")
    )
    toegankelijkheid = ArrayContainsFilter(
        choices=Toegankelijkheid.choices,
        label=gettext_lazy("Accessibility the place must offer (all of them)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["toegankelijkheid"].field_name = f"{self.activiteit_prefix}locatie__toegankelijkheid"

    def _path(self, rest: str) -> str:
        return f"{self.activiteit_prefix}{rest}"

    def _gebied(self, queryset, name, value):
        path = {"gemeente": "buurt__gemeente", "wijk": "buurt__wijk", "buurt": "buurt"}[name]
        return queryset.filter(**{self._path(f"locatie__{path}__code"): value})

    def _locatie(self, queryset, name, value):
        return queryset.filter(**{self._path("locatie__slug"): value})

    def _organisator(self, queryset, name, value):
        return queryset.filter(**{self._path("organisator__slug"): value})

    def _soort(self, queryset, name, value):
        return queryset.filter(**{self._path("soort__in"): value}) if value else queryset

    def _overlap(self, queryset, name, value):
        field = {"categorie": "categorieen", "doelgroep": "doelgroepen"}[name]
        return queryset.filter(**{self._path(f"{field}__overlap"): list(value)}) if value else queryset

    def _gratis(self, queryset, name, value):
        lookup = {self._path("kosten"): 0}
        return queryset.filter(**lookup) if value else queryset.exclude(**lookup)

    def _aanmelding_nodig(self, queryset, name, value):
        lookup = {self._path("aanmelding"): AanmeldingNodig.VERPLICHT}
        return queryset.filter(**lookup) if value else queryset.exclude(**lookup)

    def _open_inloop(self, queryset, name, value):
        lookup = {self._path("soort"): ActiviteitSoort.OPEN_INLOOP}
        return queryset.filter(**lookup) if value else queryset.exclude(**lookup)


class ActiviteitFilter(ActiviteitFilterMixin, NabijFilterSet):
    """Filters on activities (what happens, not when: see ``BijeenkomstFilter``)."""

    nabij_prefix = "locatie__"

    class Meta(NabijFilterSet.Meta):
        model = Activiteit
        fields = []


class PeriodeForm(NabijForm):
    """Fills in the default period (the coming four weeks) and caps it at a year."""

    def clean(self):
        data = super().clean()
        van = data.get("van") or timezone.localdate()
        tot = data.get("tot") or van + STANDAARD_PERIODE - timedelta(days=1)
        if tot < van:
            raise forms.ValidationError({"tot": _("The last day cannot be before the first day.")})
        if tot - van >= MAX_PERIODE:
            raise forms.ValidationError({"tot": _("Ask for at most a year at a time.")})
        data["van"], data["tot"] = van, tot
        return data


def day_bounds(van: date, tot: date) -> tuple[datetime, datetime]:
    """[start of ``van``, start of the day after ``tot``) in Amsterdam, as aware datetimes."""
    return (
        datetime.combine(van, time.min, tzinfo=AMSTERDAM),
        datetime.combine(tot + timedelta(days=1), time.min, tzinfo=AMSTERDAM),
    )


class BijeenkomstFilter(ActiviteitFilterMixin, NabijFilterSet):
    """Filters on occurrences: a period (``van``/``tot``, default the coming four weeks,
    at most a year), part of the day, and every activity filter."""

    activiteit_prefix = "activiteit__"
    nabij_prefix = "activiteit__locatie__"

    van = django_filters.DateFilter(
        method="_periode", label=gettext_lazy("First day (default: today)"), validators=[validate_date_in_range]
    )
    tot = django_filters.DateFilter(
        method="_periode", label=gettext_lazy("Last day, inclusive (default: four weeks from the first day)"),
        validators=[validate_date_in_range],
    )
    dagdeel = django_filters.MultipleChoiceFilter(
        method="_dagdeel", choices=DAGDELEN, label=gettext_lazy("Part of the day the occurrence starts in")
    )
    activiteit = django_filters.CharFilter(
        field_name="activiteit__slug", label=gettext_lazy("Slug of the activity")
    )
    geannuleerd = django_filters.BooleanFilter(
        label=gettext_lazy("Only cancelled occurrences (true) or only those that go ahead (false)")
    )

    class Meta(NabijFilterSet.Meta):
        model = Bijeenkomst
        fields = []
        form = PeriodeForm

    def _periode(self, queryset, name, value):
        # Applied once in filter_queryset, also when neither date is given.
        return queryset

    def _dagdeel(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for dagdeel in value:
            van_uur, tot_uur = DAGDEEL_UREN[dagdeel]
            condition |= Q(start_uur__gte=van_uur, start_uur__lt=tot_uur)
        return queryset.alias(start_uur=ExtractHour("start", tzinfo=AMSTERDAM)).filter(condition)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        van, tot = day_bounds(self.form.cleaned_data["van"], self.form.cleaned_data["tot"])
        return queryset.filter(start__gte=van, start__lt=tot)


class WensFilter(FilterSet):
    """Filters on residents' wishes: area, audience, status."""

    gemeente = django_filters.CharFilter(field_name="buurt__gemeente__code", label=gettext_lazy("Gemeente code"))
    wijk = django_filters.CharFilter(field_name="buurt__wijk__code", label=gettext_lazy("Wijk code"))
    buurt = django_filters.CharFilter(field_name="buurt__code", label=gettext_lazy("Buurt code"))
    doelgroep = django_filters.MultipleChoiceFilter(choices=Doelgroep.choices, label=gettext_lazy("For whom"))
    status = django_filters.MultipleChoiceFilter(choices=WensStatus.choices, label=gettext_lazy("Status"))

    class Meta:
        model = Wens
        fields = []
