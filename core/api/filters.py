"""The API's filter backend: the apps' FilterSets, applied as the pages apply them, and
the checks that make query parameters mean what the schema says.

The pages are lenient (an unknown value is ignored); the API is not: a parameter the
schema describes as one boolean, number, date or choice answers 400 when it is given
twice, empty, or (a boolean) as anything but ``true`` or ``false``.
"""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers

from core.filters import apply_filterset

# Messages Django and DRF translate already.
INVALID = RegexValidator.message
NOT_A_BOOLEAN = serializers.BooleanField.default_error_messages["invalid"]
BLANK = serializers.CharField.default_error_messages["blank"]
NULL_CHARACTERS = ProhibitNullCharactersValidator.message

_TYPED = (django_filters.NumberFilter, django_filters.DateFilter, django_filters.BooleanFilter,
          django_filters.ChoiceFilter, django_filters.MultipleChoiceFilter)


def query_parameter_errors(params, *, booleans=(), non_blank=(), multiple=()) -> dict:
    """Errors per parameter of ``params`` (a QueryDict): given more than once when it is
    not a list (``multiple``), empty when it may not be, or not ``true``/``false``."""
    errors = {}
    for name in params:
        values = params.getlist(name)
        if "\x00" in name or any("\x00" in value for value in values):
            # PostgreSQL cannot hold them: refuse before any query does.
            errors[name.replace("\x00", "")] = [NULL_CHARACTERS]
        elif len(values) > 1 and name not in multiple:
            errors[name] = [INVALID]
        elif name in booleans and any(value not in ("true", "false") for value in values):
            errors[name] = [NOT_A_BOOLEAN]
        elif name in non_blank and "" in values:
            errors[name] = [BLANK]
    return errors


def null_character_errors(data, path="") -> dict:
    """Errors for every string in a parsed request body (keys included) holding a NUL
    character, which PostgreSQL cannot store or compare."""
    errors = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                errors[name.replace("\x00", "")] = [NULL_CHARACTERS]
            else:
                errors.update(null_character_errors(value, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            errors.update(null_character_errors(value, f"{path}.{index}" if path else str(index)))
    elif isinstance(data, str) and "\x00" in data:
        errors[path or "nonFieldErrors"] = [NULL_CHARACTERS]
    return errors


def filterset_parameter_errors(filterset_class, params) -> dict:
    filters = filterset_class.base_filters
    return query_parameter_errors(
        params,
        booleans={name for name, f in filters.items() if isinstance(f, django_filters.BooleanFilter)},
        non_blank={name for name, f in filters.items() if isinstance(f, _TYPED)},
        multiple={name for name, f in filters.items() if isinstance(f, django_filters.MultipleChoiceFilter)},
    )


class SelectorFilterBackend(DjangoFilterBackend):
    """Filters with the view's FilterSet through ``apply_filterset``, the same path the
    pages take; bad parameters answer 400 with ``invalidParams``. drf-spectacular
    documents the parameters from the FilterSet as for DjangoFilterBackend."""

    def filter_queryset(self, request, queryset, view):
        return self.filter_queryset_with(request.query_params, queryset, view)

    def filter_queryset_with(self, params, queryset, view):
        """``queryset`` filtered as ``params`` (query parameters) ask, for ``view``'s request."""
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return queryset
        if errors := filterset_parameter_errors(filterset_class, params):
            raise exceptions.ValidationError(errors)
        try:
            return apply_filterset(filterset_class, params, queryset, request=view.request)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
