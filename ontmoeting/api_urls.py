"""The REST API v1: one router, no trailing slashes (a slash gives 404, not a redirect)."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from activiteiten.api.views import (
    AanmeldingViewSet,
    GemeenteKengetallenView,
    WensViewSet,
)
from locaties.api.views import (
    BuurtViewSet,
    GemeenteViewSet,
    LocatieViewSet,
    ReserveringViewSet,
    WijkViewSet,
)
from vrijwilligers.api.views import VacatureViewSet

from .api_rooster import ActiviteitMetRoosterViewSet, BijeenkomstMetRoosterViewSet
from .api_views import DocsView, NotFoundView, OpenApiView
from .dekking.api import BuurtDekkingView

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("gemeenten", GemeenteViewSet, basename="gemeente")
router.register("wijken", WijkViewSet, basename="wijk")
router.register("buurten", BuurtViewSet, basename="buurt")
router.register("locaties", LocatieViewSet, basename="locatie")
router.register("reserveringen", ReserveringViewSet, basename="reservering")
router.register("activiteiten", ActiviteitMetRoosterViewSet, basename="activiteit")
router.register("bijeenkomsten", BijeenkomstMetRoosterViewSet, basename="bijeenkomst")
router.register("aanmeldingen", AanmeldingViewSet, basename="aanmelding")
router.register("wensen", WensViewSet, basename="wens")
router.register("vacatures", VacatureViewSet, basename="vacature")

urlpatterns = [
    path("openapi.json", OpenApiView.as_view(), name="openapi"),
    path("docs", DocsView.as_view(url_name="api:openapi"), name="docs"),
    path("gemeenten/<str:code>/kengetallen", GemeenteKengetallenView.as_view(), name="gemeente-kengetallen"),
    path("buurten/<str:code>/dekking", BuurtDekkingView.as_view(), name="buurt-dekking"),
    *router.urls,
    # Any character, a newline too: "/api/v1/reserveringen/%0A" is a 404 problem as well.
    re_path(r"^[\s\S]*$", NotFoundView.as_view(), name="not-found"),
]
