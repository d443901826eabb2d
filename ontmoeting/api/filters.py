"""The API's filter backend: the apps' FilterSets, applied as the pages apply them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions

from locaties.filters import apply_filterset


class SelectorFilterBackend(DjangoFilterBackend):
    """Filters with the view's FilterSet through ``apply_filterset``, the same path the
    pages take; bad parameters answer 400 with ``invalidParams``. drf-spectacular
    documents the parameters from the FilterSet as for DjangoFilterBackend."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return queryset
        try:
            return apply_filterset(filterset_class, request.query_params, queryset, request=request)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
