"""What every app's FilterSets share: one way to apply them, for the pages and the API
alike, and filters that know nothing of any domain."""

import copy

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, cheaper to set up: every list page and API list makes
    one per request, and django-filter's set-up (a deep copy of every filter, then a new
    form class with a new field per filter) was a fifth of a cold API answer.

    - The filters are copied one level deep: a request sets only ``model``, ``parent``
      (and, in a subclass's ``__init__``, attributes such as ``field_name``) on its own
      copies and never changes what the copies share with the declarations; a filter
      with a ``method`` gets its own ``FilterMethod``, which finds the method on the
      copy's parent.
    - The form class is built once per FilterSet class (``form_class_cache``): its fields
      follow from the declarations alone, and each form instance copies them anyway
      (Django's ``BaseForm``). A subclass whose fields depend on the request must
      override ``get_form_class``.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # a FilterMethod of this copy, not of the declaration

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class


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
