"""API views of the locaties app: areas, places (also GeoJSON), rooms, tariffs, hours,
closures and reservations. Views translate HTTP to service calls and back."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.compiled_sql import cleaned_filters, given_once, shape_rows
from core.api.filters import SelectorFilterBackend
from core.api.renderers import GeoJSONRenderer, JSONRenderer
from core.api.throttles import PublicWriteThrottle
from core.api.views import ApiViewSetMixin, call_service
from core.permissions import AUTHENTICATED, PUBLIC

from .. import selectors, services
from ..filters import BuurtFilter, LocatieFilter, WijkFilter
from ..models import NACHT_UITERLIJK, NACHT_VANAF, Ruimte
from .serializers import (
    AfwijzingSerializer,
    BuurtSerializer,
    GemeenteSerializer,
    GeoJSONFeatureCollectionSerializer,
    LocatieSerializer,
    LocatieWriteSerializer,
    OpeningstijdSerializer,
    ReserveringAanvraagResultaatSerializer,
    ReserveringAanvraagSerializer,
    ReserveringSerializer,
    RuimteSerializer,
    SluitingSerializer,
    TariefSerializer,
    TariefWriteSerializer,
    WijkSerializer,
)

# The areas a map of places is asked for (``_geo_rows_of_shape``).
GEBIEDEN = ("gemeente", "wijk", "buurt")


@extend_schema_view(
    list=extend_schema(summary="Gemeenten", description="Alle gemeenten, op naam."),
    retrieve=extend_schema(summary="Eén gemeente", description="Een gemeente op CBS-code (GM####)."),
)
class GemeenteViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    action_permissions = {"list": PUBLIC, "retrieve": PUBLIC}
    serializer_class = GemeenteSerializer
    lookup_field = "code"
    queryset = selectors.gemeente_list()


@extend_schema_view(
    list=extend_schema(summary="Wijken", description="Alle wijken, op code. Filter op gemeente."),
    retrieve=extend_schema(summary="Eén wijk", description="Een wijk op CBS-code (WK######)."),
)
class WijkViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    action_permissions = {"list": PUBLIC, "retrieve": PUBLIC}
    serializer_class = WijkSerializer
    lookup_field = "code"
    filterset_class = WijkFilter
    queryset = selectors.wijk_list()


MET_GRENS = OpenApiParameter(
    "metGrens", bool, description="Met de grens als GeoJSON-geometrie (WGS84); standaard zonder."
)


@extend_schema_view(
    list=extend_schema(
        summary="Buurten",
        description="Alle buurten met CBS-kerncijfers, op code. Filter op gemeente of wijk.",
        parameters=[MET_GRENS],
    ),
    retrieve=extend_schema(
        summary="Eén buurt", description="Een buurt op CBS-code (BU########).", parameters=[MET_GRENS],
    ),
)
class BuurtViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    action_permissions = {"list": PUBLIC, "retrieve": PUBLIC}
    lookup_field = "code"
    filterset_class = BuurtFilter
    boolean_query_parameters = ("metGrens",)
    serializer_class = BuurtSerializer

    def _met_grens(self) -> bool:
        return self.request.query_params.get("metGrens") == "true"

    def get_serializer_context(self):
        # The schema describes the boundary too (as optional); answers hold it only when asked.
        met_grens = getattr(self, "swagger_fake_view", False) or self._met_grens()
        return {**super().get_serializer_context(), "met_grens": met_grens}

    def get_queryset(self):
        return selectors.buurt_list(met_grens=self._met_grens())


def _feature(row: dict, base: str) -> dict:
    """One place of the map as a GeoJSON Feature; ``base`` is the absolute URL of
    ``/api/v1/locaties/``, built once per answer rather than once per place."""
    return {
        "type": "Feature",
        "id": row["slug"],
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {
            "naam": row["naam"],
            "soort": row["soort"],
            "plaats": row["plaats"],
            "noodsteunpunt": row["noodsteunpunt"],
            "url": f"{base}{row['slug']}",
        },
    }


@extend_schema_view(
    list=extend_schema(
        summary="Ontmoetingsplekken",
        description=(
            "Gepubliceerde, open ontmoetingsplekken met ruimten, tarieven, openingstijden, "
            "sluitingen, toegankelijkheid en voorzieningen. Met `Accept: application/geo+json` "
            "(of `?format=geojson`) alle plekken die aan de filters voldoen als GeoJSON "
            "FeatureCollection, zonder paginering. Afstanden zijn hemelsbreed."
        ),
        responses={
            (200, "application/json"): LocatieSerializer(many=True),
            (200, "application/geo+json"): GeoJSONFeatureCollectionSerializer,
        },
    ),
    retrieve=extend_schema(summary="Eén ontmoetingsplek", description="Een plek op slug."),
    create=extend_schema(
        summary="Plek toevoegen",
        description="Voor bestuur en beheerders van de beherende organisatie. De buurt volgt uit het punt.",
        request=LocatieWriteSerializer, responses={201: LocatieSerializer},
    ),
    partial_update=extend_schema(
        summary="Plek wijzigen",
        description="Voor bestuur en beheerders van de beherende organisatie.",
        request=LocatieWriteSerializer, responses={200: LocatieSerializer},
    ),
)
class LocatieViewSet(
    ApiViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    filterset_class = LocatieFilter
    # Creating is asked of the organisation that will manage the place; the additions
    # (rooms, tariffs, hours, closures) of the place itself.
    action_permissions = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "create": "locaties.add_locatie",
        "partial_update": "locaties.change_locatie",
        "ruimten": "locaties.add_ruimte",
        "tarieven": "locaties.add_tarief",
        "openingstijden": "locaties.add_openingstijd",
        "sluitingen": "locaties.add_sluiting",
    }
    renderer_classes = [JSONRenderer, GeoJSONRenderer]
    http_method_names = ["get", "head", "options", "post", "patch"]

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            return selectors.locatie_list_public()
        return selectors.locatie_list_visible_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return LocatieWriteSerializer
        return LocatieSerializer

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "geojson":
            rows = self._geo_rows_of_shape(request)
            if rows is None:
                rows = self.filter_queryset(selectors.locatie_list_geo())
            base = request.build_absolute_uri("/api/v1/locaties/")
            return Response({"type": "FeatureCollection", "features": [_feature(row, base) for row in rows]})
        return super().list(request, *args, **kwargs)

    def _geo_rows_of_shape(self, request) -> "list[dict] | None":
        """The map's places for one area (``?gemeente=``, ``wijk`` or ``buurt``, each at
        most once), the common question, from SQL compiled once per shape
        (``core.api.compiled_sql``); None for any other request (the general path)."""
        params = request.query_params
        key = given_once(params, GEBIEDEN)
        cleaned = None if not key else cleaned_filters(LocatieFilter, params, request)
        if cleaned is None:
            return None

        def make_probe():
            probe = params.copy()
            for name in key:
                probe[name] = f"{params[name]}-probe"
            return probe, {name: probe[name] for name in key}

        return shape_rows(
            ("locaties-geo", key),
            lambda data: SelectorFilterBackend().filter_queryset_with(data, selectors.locatie_list_geo(), self),
            params, {name: params[name] for name in key}, make_probe,
        )

    def retrieve(self, request, *args, **kwargs):
        locatie = self.get_object()
        self.last_modified = locatie.bijgewerkt
        return Response(LocatieSerializer(locatie, context=self.get_serializer_context()).data)

    def _public(self, locatie):
        fresh = get_object_or_404(selectors.locatie_list_public().model.objects.select_related(
            "buurt__gemeente", "buurt__wijk", "beheerder").prefetch_related(
            "ruimten__tarieven", "openingstijden", "sluitingen", "fotos"), pk=locatie.pk)
        return LocatieSerializer(fresh, context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        serializer = LocatieWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        self.check_object_permissions(request, data["beheerder"])
        locatie = call_service(services.locatie_create, serializer, **data)
        return Response(self._public(locatie), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        locatie = self._managed_locatie()
        serializer = LocatieWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "beheerder" in data:
            # Handing a place over is adding it to the other organisation.
            self.check_perm(request, "locaties.add_locatie", data["beheerder"])
        locatie = call_service(services.locatie_update, serializer, locatie=locatie, **data)
        return Response(self._public(locatie))

    def update(self, request, *args, **kwargs):  # PUT is not offered: changes are partial
        return self.http_method_not_allowed(request, *args, **kwargs)

    def _managed_locatie(self):
        """The place of the URL, if the user may do the action on it (404 if they do
        not see it, 403 if they see but may not)."""
        return self.get_object()

    def _add_to_locatie(self, request, serializer_class, service):
        """Check ``request.data`` with ``serializer_class``, let ``service`` add it to the
        place (which the user must manage), and answer 201 with what was added."""
        locatie = self._managed_locatie()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        added = call_service(service, serializer, locatie=locatie, **serializer.validated_data)
        return Response(serializer_class(added).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ruimte toevoegen", description="Voeg een ruimte toe aan de plek.",
        request=RuimteSerializer, responses={201: RuimteSerializer},
    )
    @action(detail=True, methods=["post"], url_path="ruimten")
    def ruimten(self, request, slug=None):
        return self._add_to_locatie(request, RuimteSerializer, services.ruimte_create)

    @extend_schema(
        summary="Tarief instellen",
        description="Stel de huurprijs per uur van een ruimte voor één soort huurder in (nieuw of vervangend).",
        request=TariefWriteSerializer, responses={200: TariefSerializer},
    )
    @action(detail=True, methods=["post"], url_path="tarieven")
    def tarieven(self, request, slug=None):
        locatie = self._managed_locatie()
        serializer = TariefWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        ruimte = get_object_or_404(Ruimte, pk=data.pop("ruimte"), locatie=locatie)
        tarief = call_service(services.tarief_set, serializer, ruimte=ruimte, **data)
        return Response(TariefSerializer(tarief).data)

    @extend_schema(
        summary="Openingstijd toevoegen", description=(
            "Openingstijden mogen elkaar niet overlappen. Een sluitingstijd op of vóór de "
            "openingstijd valt op de volgende dag, zoals vrijdag 20:00–01:00: dat kan voor "
            f"openingstijden vanaf {NACHT_VANAF:%H:%M} die uiterlijk {NACHT_UITERLIJK:%H:%M} sluiten. "
            "Tijden zijn tijden op de klok in Nederland, zonder tijdzone: `uu:mm`, of `uu:mm:ss`; "
            "het antwoord geeft `uu:mm`. Tot middernacht is `tot` 00:00 (met `totVolgendeDag`), "
            "wat de site als 24:00 toont."
        ),
        request=OpeningstijdSerializer, responses={201: OpeningstijdSerializer},
    )
    @action(detail=True, methods=["post"], url_path="openingstijden")
    def openingstijden(self, request, slug=None):
        return self._add_to_locatie(request, OpeningstijdSerializer, services.openingstijd_create)

    @extend_schema(
        summary="Sluiting toevoegen", description="Dagen dat het gebouw dicht is (vakantie, verbouwing).",
        request=SluitingSerializer, responses={201: SluitingSerializer},
    )
    @action(detail=True, methods=["post"], url_path="sluitingen")
    def sluitingen(self, request, slug=None):
        return self._add_to_locatie(request, SluitingSerializer, services.sluiting_create)


CONFLICT = OpenApiResponse(description="De ruimte is dan al bevestigd bezet; `conflicten` noemt de reserveringen.")


@extend_schema_view(
    list=extend_schema(summary="Reserveringen", description="Reserveringen van de ruimten van uw organisaties."),
    retrieve=extend_schema(summary="Eén reservering"),
    create=extend_schema(
        summary="Huur aanvragen",
        description=(
            "Vraag huur van een verhuurbare ruimte aan; de prijs volgt uit het tarief. Voor iedereen, "
            "met een limiet per afzender. Botst de aanvraag al met een bevestigde reservering, dan 409."
        ),
        request=ReserveringAanvraagSerializer,
        responses={201: ReserveringAanvraagResultaatSerializer, 409: CONFLICT},
    ),
)
class ReserveringViewSet(
    ApiViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    # Ids are numbers; anything else falls through to the 404 of unknown paths.
    lookup_value_regex = "[0-9]+"
    serializer_class = ReserveringSerializer
    # The list is scoped to the user's organisations by the queryset, the same rows
    # ``locaties.view_reservering`` allows one by one.
    action_permissions = {
        "list": AUTHENTICATED,
        "retrieve": "locaties.view_reservering",
        "create": PUBLIC,
        "bevestigen": "locaties.change_reservering",
        "afwijzen": "locaties.change_reservering",
        "annuleren": "locaties.change_reservering",
    }

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "create":
            throttles.append(PublicWriteThrottle())
        return throttles

    def get_queryset(self):
        return selectors.reservering_list_visible_for_user(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = ReserveringAanvraagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reservering = call_service(services.reservering_create, serializer, **serializer.validated_data)
        return Response(ReserveringAanvraagResultaatSerializer(reservering).data, status=status.HTTP_201_CREATED)

    def _managed(self):
        return self.get_object()

    @extend_schema(summary="Reservering bevestigen", request=None, responses={200: ReserveringSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="bevestigen")
    def bevestigen(self, request, pk=None):
        reservering = call_service(services.reservering_bevestig, reservering=self._managed())
        return Response(ReserveringSerializer(reservering, context=self.get_serializer_context()).data)

    @extend_schema(summary="Reservering afwijzen", request=AfwijzingSerializer, responses={200: ReserveringSerializer})
    @action(detail=True, methods=["post"], url_path="afwijzen")
    def afwijzen(self, request, pk=None):
        reservering = self._managed()
        serializer = AfwijzingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reservering = call_service(services.reservering_afwijs, serializer, reservering=reservering, **serializer.validated_data)
        return Response(ReserveringSerializer(reservering, context=self.get_serializer_context()).data)

    @extend_schema(summary="Reservering annuleren", request=None, responses={200: ReserveringSerializer})
    @action(detail=True, methods=["post"], url_path="annuleren")
    def annuleren(self, request, pk=None):
        reservering = call_service(services.reservering_annuleer, reservering=self._managed())
        return Response(ReserveringSerializer(reservering, context=self.get_serializer_context()).data)
