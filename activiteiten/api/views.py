"""API views of the activiteiten app: activities, occurrences (also iCalendar),
registrations, wishes and a gemeente's non-public figures for its officials."""

from django.db.models import CharField, Value
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.filters import SelectorFilterBackend
from core.api.pagination import counted_page_queryset
from core.api.renderers import ICalendarRenderer, JSONRenderer
from core.api.throttles import PublicWriteThrottle
from core.api.views import ApiMixin, ApiViewSetMixin, call_service
from core.dates import parse_date_in_range
from core.permissions import PUBLIC
from locaties.models import Gemeente
from locaties.selectors import locatie_list_visible_for_user

from .. import selectors, services
from ..filters import ActiviteitFilter, BijeenkomstFilter, WensFilter
from ..ical import bijeenkomsten_ical
from .serializers import (
    AanmeldingAnnuleerResultaatSerializer,
    AanmeldingAnnuleerSerializer,
    AanmeldingCreateSerializer,
    AanmeldingResultaatSerializer,
    AanwezigenSerializer,
    ActiviteitSerializer,
    ActiviteitWriteSerializer,
    AnnuleringSerializer,
    BijeenkomstSerializer,
    KengetallenSerializer,
    VerplaatsingSerializer,
    WensCreateSerializer,
    WensOntvangenSerializer,
    WensSerializer,
    WensSteunSerializer,
)
from .shapes import rows_of_shape

ROOM_CONFLICT = OpenApiResponse(
    description="De ruimte is dan al bevestigd bezet (verhuur of een andere activiteit); `conflicten` noemt de reserveringen."
)


def api_base(request) -> str:
    return request.build_absolute_uri(reverse("api:activiteit-list")).rsplit("activiteiten", 1)[0]


@extend_schema_view(
    list=extend_schema(
        summary="Activiteiten",
        description="Gepubliceerde activiteiten op gepubliceerde plekken: wat, waar, voor wie, kosten, aanmelding en rooster.",
    ),
    retrieve=extend_schema(summary="Eén activiteit", description="Een activiteit op slug."),
    create=extend_schema(
        summary="Activiteit toevoegen",
        description=(
            "Voor leden (bestuur, beheerder, coördinator) van de organisator. Het rooster is één "
            "RFC 5545-regel (`rrule`); de bijeenkomsten worden meteen aangemaakt. Botst het rooster "
            "met een bevestigde reservering van de ruimte, dan 409 met de reserveringen die in de weg zitten."
        ),
        request=ActiviteitWriteSerializer, responses={201: ActiviteitSerializer, 409: ROOM_CONFLICT},
    ),
    partial_update=extend_schema(
        summary="Activiteit wijzigen",
        description=(
            "Bijeenkomsten die uit de nieuwe regel blijven volgen, houden aanmeldingen en wijzigingen. "
            "Botst het nieuwe rooster met een bevestigde reservering van de ruimte, dan 409."
        ),
        request=ActiviteitWriteSerializer, responses={200: ActiviteitSerializer, 409: ROOM_CONFLICT},
    ),
)
class ActiviteitViewSet(
    ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin, viewsets.GenericViewSet,
):
    lookup_field = "slug"
    filterset_class = ActiviteitFilter
    serializer_class = ActiviteitSerializer
    # Creating is asked of the organiser named in the body.
    action_permissions = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "create": "activiteiten.add_activiteit",
        "partial_update": "activiteiten.change_activiteit",
    }
    http_method_names = ["get", "head", "options", "post", "patch"]
    #: The services behind creating and changing; the project (ontmoeting) puts in ones
    #: that also give an open inloop's dates their host shifts.
    create_service = staticmethod(services.activiteit_create)
    update_service = staticmethod(services.activiteit_update)

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            return selectors.activiteit_list_public()
        return selectors.activiteit_list_visible_for_user(self.request.user)

    def get_serializer_class(self):
        return ActiviteitWriteSerializer if self.action in ("create", "partial_update") else ActiviteitSerializer

    def retrieve(self, request, *args, **kwargs):
        activiteit = self.get_object()
        self.last_modified = activiteit.bijgewerkt
        return Response(ActiviteitSerializer(activiteit, context=self.get_serializer_context()).data)

    def _check_locatie(self, locatie):
        if not locatie_list_visible_for_user(self.request.user).filter(pk=locatie.pk).exists():
            raise PermissionDenied(_("This place is not available to you."))

    def create(self, request, *args, **kwargs):
        serializer = ActiviteitWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        self.check_object_permissions(request, data["organisator"])
        self._check_locatie(data["locatie"])
        activiteit = call_service(self.create_service, serializer, **data)
        return Response(
            ActiviteitSerializer(self._fresh(activiteit), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request, *args, **kwargs):
        activiteit = self.get_object()
        serializer = ActiviteitWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "organisator" in data:
            # Handing an activity over is adding it to the other organiser.
            self.check_perm(request, "activiteiten.add_activiteit", data["organisator"])
        if "locatie" in data:
            self._check_locatie(data["locatie"])
        call_service(self.update_service, serializer, activiteit=activiteit, **data)
        return Response(ActiviteitSerializer(self._fresh(activiteit), context=self.get_serializer_context()).data)

    def update(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request, *args, **kwargs)

    def _fresh(self, activiteit):
        return selectors.activiteit_list_visible_for_user(self.request.user).get(pk=activiteit.pk)


@extend_schema_view(
    list=extend_schema(
        summary="Bijeenkomsten",
        description=(
            "Bijeenkomsten (keren dat een activiteit plaatsvindt) in een periode: standaard de komende "
            "vier weken, hoogstens een jaar per verzoek. Ook geannuleerde, met `geannuleerd: true`. "
            "Met `Accept: text/calendar` (of `?format=ics`) dezelfde bijeenkomsten als iCalendar, "
            "zonder paginering, zoals de agenda-feeds van de site."
        ),
        responses={
            (200, "application/json"): BijeenkomstSerializer(many=True),
            (200, "text/calendar"): OpenApiTypes.STR,
        },
    ),
    retrieve=extend_schema(summary="Eén bijeenkomst"),
)
class BijeenkomstViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # Ids are numbers; anything else falls through to the 404 of unknown paths.
    lookup_value_regex = "[0-9]+"
    filterset_class = BijeenkomstFilter
    serializer_class = BijeenkomstSerializer
    renderer_classes = [JSONRenderer, ICalendarRenderer]
    action_permissions = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "aanmeldingen": PUBLIC,
        "annuleren": "activiteiten.change_bijeenkomst",
        "verplaatsen": "activiteiten.change_bijeenkomst",
        "aanwezigen": "activiteiten.change_bijeenkomst",
    }
    #: What the organiser's members act on: also occurrences that are not public.
    managed_actions = ("annuleren", "verplaatsen", "aanwezigen")
    #: The services behind cancelling and moving; the project (ontmoeting) puts in ones
    #: that take the roster's shifts along, which this app may not know of.
    annuleer_service = staticmethod(services.bijeenkomst_annuleer)
    verplaats_service = staticmethod(services.bijeenkomst_verplaats)

    def with_extras(self, bijeenkomsten, *, moment=None):
        """The occurrences the JSON answer shows, annotated with what another app knows
        at ``moment`` (default now): ``gastvrouw_aanwezig`` and ``gastvrouw_voornaam``
        (the project's viewset reads them from the roster); here no host is known."""
        return bijeenkomsten.annotate(
            gastvrouw_aanwezig=Value(False), gastvrouw_voornaam=Value(None, output_field=CharField())
        )

    def get_queryset(self):
        if self.action in self.managed_actions:
            return selectors.bijeenkomst_list_visible_for_user(self.request.user)
        bijeenkomsten = selectors.bijeenkomst_list_public()
        renderer = getattr(self.request, "accepted_renderer", None)  # none while the schema is made
        if self.action == "retrieve" and renderer is not None and renderer.format == "json":  # the list: .values()
            bijeenkomsten = self.with_extras(bijeenkomsten.only(*BijeenkomstSerializer.COLUMNS, "ruimte__naam"))
        return bijeenkomsten

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "api_base": api_base(self.request)}

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "aanmeldingen":
            throttles.append(PublicWriteThrottle())
        return throttles

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "ics":
            bijeenkomsten = self.filter_queryset(self.get_queryset())
            return Response(bijeenkomsten_ical(bijeenkomsten, naam=str(_("Activities"))))
        # The busiest list of the API: one query for the page and its total, plain rows
        # instead of model instances (see BijeenkomstSerializer.represent_row); for the
        # common shapes (one area, a period) that query's SQL compiled once (``shapes``).
        rows = rows_of_shape(request, self.paginator, self._page_rows)
        if rows is None:
            rows = self.paginator.paginate_counted(
                self._rows(self.filter_queryset(self.get_queryset()), timezone.now()), request
            )
        base, tz = api_base(request), timezone.get_current_timezone()
        return self.paginator.get_paginated_response(
            [BijeenkomstSerializer.represent_row(row, base, tz) for row in rows]
        )

    def _rows(self, bijeenkomsten, moment):
        return self.with_extras(bijeenkomsten.with_ruimte_naam(), moment=moment).values(*BijeenkomstSerializer.ROW)

    def _page_rows(self, params, moment, number: int, size: int):
        """The general path's query for page ``number`` of what ``params`` ask for, the
        hosts as at ``moment`` (``shapes`` compiles it)."""
        bijeenkomsten = SelectorFilterBackend().filter_queryset_with(params, self.get_queryset(), self)
        return counted_page_queryset(self._rows(bijeenkomsten, moment), number, size)

    def _managed(self):
        return self.get_object()

    def _answer(self, bijeenkomst):
        fresh = self.with_extras(selectors.bijeenkomst_list_visible_for_user(self.request.user).select_related(
            "activiteit__locatie__buurt")).get(pk=bijeenkomst.pk)
        return Response(BijeenkomstSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(summary="Bijeenkomst annuleren",
                   description="De aanmeldingen vervallen; aangemelde mensen krijgen bericht.",
                   request=AnnuleringSerializer, responses={200: BijeenkomstSerializer})
    @action(detail=True, methods=["post"], url_path="annuleren")
    def annuleren(self, request, pk=None):
        bijeenkomst = self._managed()
        serializer = AnnuleringSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call_service(self.annuleer_service, serializer, bijeenkomst=bijeenkomst, **serializer.validated_data)
        return self._answer(bijeenkomst)

    @extend_schema(summary="Bijeenkomst verplaatsen",
                   description=(
                       "Naar een andere tijd en eventueel een andere ruimte van dezelfde plek; de aanmeldingen "
                       "blijven en de mensen krijgen bericht. Is de ruimte dan al bezet, dan 409."
                   ),
                   request=VerplaatsingSerializer, responses={200: BijeenkomstSerializer, 409: ROOM_CONFLICT})
    @action(detail=True, methods=["post"], url_path="verplaatsen")
    def verplaatsen(self, request, pk=None):
        bijeenkomst = self._managed()
        serializer = VerplaatsingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call_service(self.verplaats_service, serializer, bijeenkomst=bijeenkomst, **serializer.validated_data)
        return self._answer(bijeenkomst)

    @extend_schema(summary="Aanwezigen vastleggen", description="Hoeveel mensen er kwamen, na de start.",
                   request=AanwezigenSerializer, responses={200: AanwezigenSerializer})
    @action(detail=True, methods=["post"], url_path="aanwezigen")
    def aanwezigen(self, request, pk=None):
        bijeenkomst = self._managed()
        serializer = AanwezigenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bijeenkomst = call_service(
            services.bijeenkomst_registreer_aanwezigen, serializer, bijeenkomst=bijeenkomst, **serializer.validated_data
        )
        return Response({"aanwezigen": bijeenkomst.aanwezigen})

    @extend_schema(
        summary="Aanmelden",
        description=(
            "Meld een of meer mensen aan, zonder account. Past het niet meer, dan komt de aanmelding "
            "op de wachtlijst. Bewaar `annuleerToken` om af te melden. Voor iedereen, met een limiet per afzender."
        ),
        request=AanmeldingCreateSerializer, responses={201: AanmeldingResultaatSerializer},
    )
    @action(detail=True, methods=["post"], url_path="aanmeldingen")
    def aanmeldingen(self, request, pk=None):
        bijeenkomst = get_object_or_404(selectors.bijeenkomst_list_public(), pk=pk)
        serializer = AanmeldingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aanmelding = call_service(services.aanmelding_create, serializer, bijeenkomst=bijeenkomst, **serializer.validated_data)
        aanmelding.annuleerToken = services.aanmelding_cancel_token(aanmelding)
        return Response(AanmeldingResultaatSerializer(aanmelding).data, status=status.HTTP_201_CREATED)


class AanmeldingViewSet(ApiViewSetMixin, viewsets.GenericViewSet):
    """Cancelling a registration with the signed token from the confirmation."""

    action_permissions = {"annuleren": PUBLIC}  # the signed token is the permission
    authentication_classes = []
    serializer_class = AanmeldingAnnuleerSerializer

    def get_throttles(self):
        return [*super().get_throttles(), PublicWriteThrottle()]

    @extend_schema(
        summary="Afmelden",
        description="Meld af met het token uit de aanmelding; de plaatsen gaan naar de wachtlijst.",
        request=AanmeldingAnnuleerSerializer, responses={200: AanmeldingAnnuleerResultaatSerializer},
        auth=[{}],
    )
    @action(detail=False, methods=["post"], url_path="annuleren")
    def annuleren(self, request):
        serializer = AanmeldingAnnuleerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aanmelding = call_service(services.aanmelding_annuleer, serializer, token=serializer.validated_data["token"])
        return Response({"status": aanmelding.status})


@extend_schema_view(
    list=extend_schema(summary="Wensen", description="Wensen van bewoners voor hun buurt, na moderatie; meeste steun eerst."),
    retrieve=extend_schema(summary="Eén wens"),
    create=extend_schema(
        summary="Wens indienen",
        description="Wat mist u in uw buurt? De wens verschijnt na moderatie. Voor iedereen, met een limiet per afzender.",
        request=WensCreateSerializer, responses={201: WensOntvangenSerializer},
    ),
)
class WensViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  viewsets.GenericViewSet):
    # Ids are numbers; anything else falls through to the 404 of unknown paths.
    lookup_value_regex = "[0-9]+"
    filterset_class = WensFilter
    serializer_class = WensSerializer
    action_permissions = dict.fromkeys(["list", "retrieve", "create", "steun"], PUBLIC)
    public_writes = ("create", "steun")

    def get_queryset(self):
        return selectors.wens_list_public()

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action in self.public_writes:
            throttles.append(PublicWriteThrottle())
        return throttles

    def create(self, request, *args, **kwargs):
        serializer = WensCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wens = call_service(services.wens_create, serializer, **serializer.validated_data)
        return Response({"id": wens.pk, "goedgekeurd": wens.goedgekeurd}, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Wens steunen",
        description=(
            "Tel één steunbetuiging op, één keer per afzender: per account, of zonder account per "
            "adres van de client. Een tweede keer is 409 en telt niet."
        ),
        request=None,
        responses={200: WensSteunSerializer, 409: OpenApiResponse(description="U steunt deze wens al.")},
    )
    @action(detail=True, methods=["post"], url_path="steun")
    def steun(self, request, pk=None):
        steuner = f"gebruiker:{request.user.pk}" if request.user.is_authenticated else f"adres:{self.get_ident()}"
        wens = services.wens_steun(wens=self.get_object(), steuner=steuner)
        return Response({"steun": wens.steun})

    def get_ident(self) -> str:
        """The client's address as the throttles see it (``PublicWriteThrottle``)."""
        return PublicWriteThrottle().get_ident(self.request)


class GemeenteKengetallenView(ApiMixin, APIView):
    """Non-public figures of a gemeente, for its officials (and superusers)."""

    action_permissions = {"get": "locaties.view_gemeente"}

    @extend_schema(
        summary="Kengetallen van een gemeente",
        description=(
            "Niet-openbare cijfers van een gemeente (ook ongepubliceerde plekken, aanmeldingen en "
            f"aanwezigen) over een periode, standaard de laatste {selectors.KENGETALLEN_STANDAARD_DAGEN} "
            "dagen tot en met vandaag. Alleen voor medewerkers van die gemeente."
        ),
        parameters=[
            OpenApiParameter("van", OpenApiTypes.DATE, description="Eerste dag."),
            OpenApiParameter("tot", OpenApiTypes.DATE, description="Laatste dag (inclusief)."),
        ],
        responses={200: KengetallenSerializer},
    )
    def get(self, request, code):
        gemeente = get_object_or_404(Gemeente, code=code)
        self.check_object_permissions(request, gemeente)
        # Each date named on its own; in range, so the default period cannot overflow.
        days, errors = {}, {}
        for name in ("tot", "van"):
            if name in request.query_params:
                try:
                    days[name] = parse_date_in_range(request.query_params[name])
                except ValueError as error:
                    errors[name] = [str(error)]
        if errors:
            raise ValidationError(errors)
        van, tot = selectors.kengetallen_periode(van=days.get("van"), tot=days.get("tot"))
        if van > tot or (tot - van).days > 366:
            raise ValidationError({"tot": [_("Give a period of at most a year, forward.")]})
        figures = selectors.gemeente_kengetallen(gemeente=gemeente, van=van, tot=tot)
        return Response(KengetallenSerializer({"gemeente": gemeente.code, "van": van, "tot": tot, **figures}).data)
