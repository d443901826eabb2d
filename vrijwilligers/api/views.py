"""Public volunteer vacancies. Volunteers themselves are never in the public API."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from core.api.views import ApiViewSetMixin
from core.permissions import PUBLIC
from locaties.api.serializers import OrganisatieKortSerializer, links_field

from ..constants import Dagdeel, Taak
from ..filters import VacatureFilter
from ..selectors import vacature_list_published


class VacatureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    titel = serializers.CharField()
    beschrijving = serializers.CharField()
    taak = serializers.ChoiceField(choices=Taak.choices)
    urenPerWeek = serializers.DecimalField(source="uren_per_week", max_digits=5, decimal_places=1, allow_null=True)
    vogNodig = serializers.BooleanField(source="vog_nodig")
    sluitOp = serializers.DateField(source="sluit_op", allow_null=True)
    dagdelen = serializers.ListField(
        child=serializers.ChoiceField(choices=Dagdeel.choices),
        help_text="De dagdelen waarin het werk gebeurt; leeg: wanneer het de vrijwilliger past",
    )
    organisatie = OrganisatieKortSerializer()
    locatie = serializers.SlugField(source="locatie.slug", allow_null=True, default=None)
    _links = links_field("vacature-detail", "pk")


@extend_schema_view(
    list=extend_schema(summary="Vacatures", description="Open vrijwilligersvacatures, nieuwste eerst."),
    retrieve=extend_schema(summary="Eén vacature"),
)
class VacatureViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    # Ids are numbers; anything else falls through to the 404 of unknown paths.
    lookup_value_regex = "[0-9]+"
    action_permissions = {"list": PUBLIC, "retrieve": PUBLIC}
    serializer_class = VacatureSerializer
    filterset_class = VacatureFilter

    def get_queryset(self):
        return vacature_list_published().order_by("-aangemaakt", "pk")
