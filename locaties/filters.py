"""FilterSets of the locaties app, shared by the public pages and the API.

Query parameter names are Dutch lowerCamelCase (``openInloop``, ``pageSize``), the
style of the Dutch API Design Rules; the pages use the same names so a filtered page
and the API call behind it share one URL query.

Nearness is straight-line distance ("hemelsbreed") from a point, given either as
``lat``/``lon`` or as a ``postcode`` (its population point), within ``straal`` metres.
"""

import math

import django_filters
from django import forms
from django.db.models import Avg, F, QuerySet, Value
from django.db.models.functions import Power
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import ArrayContainsFilter, FilterSet
from core.postcode import compact_postcode

from .constants import BevolkingspuntSoort, Faciliteit, LocatieSoort, Toegankelijkheid
from .models import GEMEENTECODE, WIJKCODE, Bevolkingspunt, Buurt, Locatie, Wijk

# Metres per degree of latitude; a degree of longitude is this times cos(latitude).
# An equirectangular approximation is within a few metres over a few kilometres in the
# Netherlands, far below what "hemelsbreed" promises anyway.
METRES_PER_DEGREE = 111_320.0
MAX_STRAAL = 50_000


class NabijForm(forms.Form):
    """Checks that a nearness filter is complete: a point or a postcode, and a radius."""

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        postcode, straal = data.get("postcode"), data.get("straal")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(
                {"lon" if lon is None else "lat": _("Give both lat and lon.")}
            )
        has_point = lat is not None or bool(postcode)
        if has_point and straal is None:
            raise forms.ValidationError({"straal": _("Give a radius in metres with the point.")})
        if straal is not None and not has_point:
            raise forms.ValidationError(
                {"straal": _("Give a point (lat and lon) or a postcode with the radius.")}
            )
        if postcode and lat is None:
            punt = postcode_punt(postcode)
            if punt is None:
                raise forms.ValidationError({"postcode": _("This postcode is unknown.")})
            data["lat"], data["lon"] = punt
        return data


def postcode_punt(postcode: str) -> tuple[float, float] | None:
    """(lat, lon) of a postcode: its 6-position population point, else the mean of the
    points of its 4-digit area; None when the platform knows no such postcode."""
    compact = compact_postcode(postcode)
    punten = Bevolkingspunt.objects.filter(soort=BevolkingspuntSoort.POSTCODE)
    if len(compact) == 6:
        punt = punten.filter(sleutel=compact).values_list("lat", "lon").first()
        if punt:
            return punt

    gemiddeld = punten.filter(sleutel__startswith=compact[:4]).aggregate(lat=Avg("lat"), lon=Avg("lon"))
    if gemiddeld["lat"] is None:
        return None
    return gemiddeld["lat"], gemiddeld["lon"]


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Metres between two (lat, lon) points, hemelsbreed, by the same flat-earth measure as
    ``within_radius`` (so a place found within 800 m never says more than 800 m)."""
    kx = METRES_PER_DEGREE * math.cos(math.radians(a[0]))
    return math.hypot((b[1] - a[1]) * kx, (b[0] - a[0]) * METRES_PER_DEGREE)


def within_radius(queryset: QuerySet, *, lat: float, lon: float, straal: float, prefix: str = "") -> QuerySet:
    """Rows whose point (``<prefix>lat``, ``<prefix>lon``) lies within ``straal`` metres of
    (lat, lon), hemelsbreed.

    A bounding box first, so the database can discard most rows cheaply; then the
    distance itself.
    """
    lat, lon, straal = float(lat), float(lon), float(straal)
    dlat = straal / METRES_PER_DEGREE
    dlon = straal / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    lat_field, lon_field = f"{prefix}lat", f"{prefix}lon"
    queryset = queryset.filter(
        **{
            f"{lat_field}__gte": lat - dlat,
            f"{lat_field}__lte": lat + dlat,
            f"{lon_field}__gte": lon - dlon,
            f"{lon_field}__lte": lon + dlon,
        }
    )
    kx = METRES_PER_DEGREE * math.cos(math.radians(lat))
    afstand_kwadraat = Power((F(lon_field) - Value(lon)) * Value(kx), 2) + Power(
        (F(lat_field) - Value(lat)) * Value(METRES_PER_DEGREE), 2
    )
    return queryset.alias(afstand_kwadraat=afstand_kwadraat).filter(
        afstand_kwadraat__lte=float(straal) ** 2
    )


class NabijFilterSet(FilterSet):
    """Base for FilterSets with a nearness filter; ``nabij_prefix`` leads to the point."""

    nabij_prefix = ""

    lat = django_filters.NumberFilter(
        method="_nabij", label=gettext_lazy("Latitude (WGS84) of the point to search near")
    )
    lon = django_filters.NumberFilter(
        method="_nabij", label=gettext_lazy("Longitude (WGS84) of the point to search near")
    )
    postcode = django_filters.CharFilter(
        method="_nabij", label=gettext_lazy("Postcode to search near, e.g. 6211AB or 6211"),
        max_length=7,
    )
    straal = django_filters.NumberFilter(
        method="_nabij",
        label=gettext_lazy("Radius in metres, straight line (hemelsbreed)"),
        min_value=1, max_value=MAX_STRAAL,
    )

    class Meta:
        form = NabijForm

    def _nabij(self, queryset, name, value):
        # Applied once, as a whole, in filter_queryset: it needs several parameters.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("lat") is not None and data.get("straal") is not None:
            queryset = within_radius(
                queryset, lat=data["lat"], lon=data["lon"], straal=data["straal"],
                prefix=self.nabij_prefix,
            )
        return queryset


class LocatieFilter(NabijFilterSet):
    """Filters on meeting places: area, kind, accessibility, facilities, nearness."""

    gemeente = django_filters.CharFilter(
        field_name="buurt__gemeente__code", label=gettext_lazy("Gemeente code, e.g. GM0935")
    )
    wijk = django_filters.CharFilter(
        field_name="buurt__wijk__code", label=gettext_lazy("Wijk code, e.g. WK093501")
    )
    buurt = django_filters.CharFilter(
        field_name="buurt__code", label=gettext_lazy("Buurt code, e.g. BU09350101")
    )
    soort = django_filters.MultipleChoiceFilter(
        choices=LocatieSoort.choices, label=gettext_lazy("Kind of place")
    )
    toegankelijkheid = ArrayContainsFilter(
        choices=Toegankelijkheid.choices,
        label=gettext_lazy("Accessibility the place must offer (all of them)"),
    )
    faciliteit = ArrayContainsFilter(
        field_name="faciliteiten", choices=Faciliteit.choices,
        label=gettext_lazy("Facilities the place must have (all of them)"),
    )
    noodsteunpunt = django_filters.BooleanFilter(
        label=gettext_lazy("Only emergency support points")
    )

    class Meta(NabijFilterSet.Meta):
        model = Locatie
        fields = []


class WijkFilter(FilterSet):
    """Filters on wijken: the gemeente they lie in. A code in the wrong form is refused
    (400 in the API); a well-formed code the platform does not know matches nothing."""

    gemeente = django_filters.CharFilter(
        field_name="gemeente__code", validators=[GEMEENTECODE],
        label=gettext_lazy("Gemeente code, e.g. GM0935"),
    )

    class Meta:
        model = Wijk
        fields = []


class BuurtFilter(WijkFilter):
    """Filters on buurten: the gemeente or the wijk they lie in."""

    wijk = django_filters.CharFilter(
        field_name="wijk__code", validators=[WIJKCODE], label=gettext_lazy("Wijk code, e.g. WK093501")
    )

    class Meta:
        model = Buurt
        fields = []
