"""``GET /api/v1/buurten/{code}/dekking``: the public coverage figures of one buurt.

A DRF view like every other API resource (problem+json errors, ``API-Version``, ETag
and conditional requests, CORS, the anonymous throttle, an OpenAPI entry). The body is
``selectors.buurt_dekking_public_figures``, the same figures as the dashboard's exports.
"""

from datetime import datetime

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.views import ApiMixin
from core.permissions import PUBLIC

from . import selectors


class BuurtDekkingSerializer(serializers.Serializer):
    """The public figures of a buurt; the field names are those of the CSV export."""

    buurtcode = serializers.CharField(help_text="CBS-code van de buurt (BU########).")
    buurtnaam = serializers.CharField()
    wijkcode = serializers.CharField()
    berekend_op = serializers.DateTimeField(help_text="Wanneer deze cijfers zijn berekend.")
    basis = serializers.CharField(help_text="Waarop de cijfers rusten: punten of buurttotalen.")
    bron_bevolking_jaar = serializers.IntegerField(allow_null=True)
    afstand = serializers.CharField(help_text="Altijd 'hemelsbreed': in een rechte lijn, niet over de weg.")
    inwoners = serializers.IntegerField()
    inwoners_65plus = serializers.IntegerField()
    woningen = serializers.IntegerField()
    aandeel_inwoners_400m = serializers.FloatField(allow_null=True, help_text="Procent, hemelsbreed.")
    aandeel_inwoners_800m = serializers.FloatField(allow_null=True, help_text="Procent, hemelsbreed.")
    aandeel_65plus_400m = serializers.FloatField(allow_null=True, help_text="Procent, hemelsbreed.")
    aandeel_65plus_800m = serializers.FloatField(allow_null=True, help_text="Procent, hemelsbreed.")
    locaties_in_buurt = serializers.IntegerField()
    locaties_per_10000_inwoners = serializers.FloatField(allow_null=True)
    locaties_per_10000_woningen = serializers.FloatField(allow_null=True)
    open_inloop_uren_per_week_400m = serializers.FloatField()
    activiteiten_per_week_800m = serializers.FloatField()
    activiteiten_per_week_800m_per_doelgroep = serializers.DictField(child=serializers.FloatField())
    activiteiten_per_week_in_buurt = serializers.FloatField()
    wensen_open = serializers.IntegerField()
    vrijwilligers_actief = serializers.IntegerField()
    bron = serializers.CharField()


class BuurtDekkingView(ApiMixin, APIView):
    """The coverage of one buurt: public, no personal data."""

    action_permissions = {"get": PUBLIC}

    @extend_schema(
        summary="Dekking van een buurt",
        description=(
            "Openbare cijfers over de dekking van een buurt met ontmoetingsplekken: het aandeel "
            "inwoners (en 65-plussers) binnen 400 en 800 meter hemelsbreed van een open plek met "
            "wekelijks aanbod, plekken per 10.000 inwoners, activiteiten per week, open wensen. "
            "Dezelfde cijfers als het dashboard van de gemeente."
        ),
        responses={200: BuurtDekkingSerializer},
    )
    def get(self, request, code):
        figures = selectors.buurt_dekking_public(code.upper())
        if figures is None:
            raise NotFound(_("No coverage figures for buurt %(code)s.") % {"code": code})
        self.last_modified = datetime.fromisoformat(figures["berekend_op"])
        return Response(BuurtDekkingSerializer(figures).data)
