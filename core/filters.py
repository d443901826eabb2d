"""What every app's FilterSets share: one way to apply them, for the pages and the API
alike, and filters that know nothing of any domain."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict


class ArrayContainsFilter(django_filters.MultipleChoiceFilter):
    """Rows whose array field holds every chosen value (``?toegankelijkheid=a&toegankelijkheid=b``)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__contains": list(value)})


def apply_filterset(filterset_class, data, queryset, *, request=None) -> QuerySet:
    """``queryset`` filtered by ``filterset_class`` on ``data`` (a QueryDict or dict).

    Invalid input raises ``ValidationError`` keyed by parameter name, so a page can show
    it next to the field and the API can answer 400 with ``invalidParams``.
    """
    if data is not None and not hasattr(data, "getlist"):
        # A plain dict from code: a list value stands for a repeated parameter.
        query = QueryDict(mutable=True)
        for key, value in data.items():
            query.setlist(key, [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)])
        data = query
    filterset = filterset_class(data=data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(
            {field: [str(message) for message in messages] for field, messages in filterset.errors.items()}
        )
    return filterset.qs
