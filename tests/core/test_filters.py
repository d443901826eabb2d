"""The project's FilterSet base: set up without deep copies, one form class per FilterSet."""

import django_filters
import pytest
from django.http import QueryDict

from activiteiten.filters import ActiviteitFilter, BijeenkomstFilter
from activiteiten.models import Activiteit
from core.filters import FilterSet

pytestmark = pytest.mark.django_db


class _Titels(FilterSet):
    titel = django_filters.CharFilter(method="_titel")

    class Meta:
        model = Activiteit
        fields = []

    def _titel(self, queryset, name, value):
        self.asked = value
        return queryset.filter(titel=value)


def test_a_method_filter_calls_its_own_filterset():
    first, second = _Titels(QueryDict("titel=a")), _Titels(QueryDict("titel=b"))
    first.qs, second.qs  # noqa: B018 evaluating the property filters
    assert (first.asked, second.asked) == ("a", "b")
    assert first.filters["titel"] is not second.filters["titel"]
    assert first.filters["titel"] is not _Titels.base_filters["titel"]


def test_a_request_changes_its_copies_not_the_declarations():
    filterset = BijeenkomstFilter(QueryDict())
    assert filterset.filters["toegankelijkheid"].field_name == "activiteit__locatie__toegankelijkheid"
    assert ActiviteitFilter(QueryDict()).filters["toegankelijkheid"].field_name == "locatie__toegankelijkheid"
    assert BijeenkomstFilter.base_filters["toegankelijkheid"].field_name == "toegankelijkheid"


def test_the_form_class_is_built_once_per_filterset_class_and_forms_are_their_own():
    one, two = BijeenkomstFilter(QueryDict("buurt=BU1")), BijeenkomstFilter(QueryDict("buurt=BU2"))
    assert type(one.form) is type(two.form)
    assert type(ActiviteitFilter(QueryDict()).form) is not type(one.form)
    assert one.form.fields["buurt"] is not two.form.fields["buurt"]
    assert one.is_valid() and two.is_valid()
    assert (one.form.cleaned_data["buurt"], two.form.cleaned_data["buurt"]) == ("BU1", "BU2")
