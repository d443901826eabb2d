"""FilterSets of the vrijwilligers app: only public data (vacancies), never volunteers."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from locaties.filters import NabijFilterSet

from .constants import Dagdeel, Deel, Taak
from .models import Vacature


class VacatureFilter(NabijFilterSet):
    """Filters on public volunteer vacancies: area (gemeente, buurt), place, organisation,
    task, day part, and distance from a point or postcode (the place's, hemelsbreed)."""

    nabij_prefix = "locatie__"

    gemeente = django_filters.CharFilter(method="_gemeente", label=gettext_lazy("Gemeente code, e.g. GM0935"))
    buurt = django_filters.CharFilter(field_name="locatie__buurt__code", label=gettext_lazy("Buurt code, e.g. BU09350000"))
    locatie = django_filters.CharFilter(field_name="locatie__slug", label=gettext_lazy("Slug of the meeting place"))
    organisatie = django_filters.CharFilter(
        field_name="organisatie__slug", label=gettext_lazy("Slug of the organisation")
    )
    taak = django_filters.MultipleChoiceFilter(choices=Taak.choices, label=gettext_lazy("Task"))
    vogNodig = django_filters.BooleanFilter(
        field_name="vog_nodig", label=gettext_lazy("Whether a certificate of conduct (VOG) is needed")
    )
    dagdeel = django_filters.MultipleChoiceFilter(
        choices=Deel.choices + Dagdeel.choices, method="_dagdeel",
        label=gettext_lazy("Day part (ochtend, middag, avond) or weekday and day part (di_ochtend); "
                           "a vacancy without set times fits any"),
    )

    class Meta(NabijFilterSet.Meta):
        model = Vacature
        fields = []

    def _gemeente(self, queryset, name, value):
        # A vacancy without a place belongs to its organisation's gemeente.
        return queryset.filter(
            Q(locatie__buurt__gemeente__code=value)
            | Q(locatie__isnull=True, organisatie__gemeente__code=value)
        )

    def _dagdeel(self, queryset, name, value):
        if not value:
            return queryset
        codes = {code for code in Dagdeel.values for v in value if code == v or code.endswith(f"_{v}")}
        return queryset.filter(Q(dagdelen__overlap=sorted(codes)) | Q(dagdelen=[]))
