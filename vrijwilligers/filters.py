"""FilterSets of the vrijwilligers app: only public data (vacancies), never volunteers."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from core.filters import FilterSet

from .constants import Taak
from .models import Vacature


class VacatureFilter(FilterSet):
    """Filters on public volunteer vacancies: area (gemeente, buurt), place, organisation, task."""

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

    class Meta:
        model = Vacature
        fields = []

    def _gemeente(self, queryset, name, value):
        # A vacancy without a place belongs to its organisation's gemeente.
        return queryset.filter(
            Q(locatie__buurt__gemeente__code=value)
            | Q(locatie__isnull=True, organisatie__gemeente__code=value)
        )
