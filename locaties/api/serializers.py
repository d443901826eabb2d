"""Representations of areas, places, rooms and reservations in the API.

Field names are Dutch lowerCamelCase. Public representations hold no personal data:
a reservation's tenant appears only to those who manage the room.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from core.api.fields import ClockTimeField, EuroField, MomentField
from core.dates import validate_date_in_range

from ..constants import Faciliteit, LocatieSoort, TariefCategorie, Toegankelijkheid, Weekdag
from ..models import LATITUDE, LONGITUDE, Buurt, Gemeente, Organisatie, Ruimte, Wijk


class LinkSerializer(serializers.Serializer):
    href = serializers.URLField()


class SelfLinkSerializer(serializers.Serializer):
    self = LinkSerializer()


def self_link(request, name: str, **kwargs) -> dict:
    return {"self": {"href": request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))}}


@extend_schema_field(SelfLinkSerializer)
class LinksField(serializers.Field):
    """``_links.self`` of an object: its detail URL in the API."""

    def __init__(self, route: str, lookup: str, lookup_kwarg: str | None = None, **kwargs):
        self.route, self.lookup, self.lookup_kwarg = route, lookup, lookup_kwarg or lookup
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return self_link(self.context["request"], self.route, **{self.lookup_kwarg: getattr(obj, self.lookup)})


links_field = LinksField


class GemeenteSerializer(serializers.ModelSerializer):
    _links = links_field("gemeente-detail", "code")

    class Meta:
        model = Gemeente
        fields = ["code", "naam", "jaar", "_links"]


class WijkSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code", help_text=_("Gemeente code"))
    _links = links_field("wijk-detail", "code")

    class Meta:
        model = Wijk
        fields = ["code", "naam", "jaar", "gemeente", "_links"]


class GeoJSONGeometryField(serializers.JSONField):
    pass


class BuurtSerializer(serializers.ModelSerializer):
    """A buurt with its CBS key figures, and with metGrens=true its boundary."""

    wijk = serializers.CharField(source="wijk.code", help_text=_("Wijk code"))
    gemeente = serializers.CharField(source="gemeente.code", help_text=_("Gemeente code"))
    inwoners65plus = serializers.IntegerField(source="inwoners_65plus", allow_null=True)
    oppervlakteHa = serializers.IntegerField(source="oppervlakte_ha", allow_null=True)
    kerncijfersJaar = serializers.IntegerField(source="kerncijfers_jaar", allow_null=True)
    _links = links_field("buurt-detail", "code")
    # Not required: answers leave the (large) boundary out unless asked for it, and the
    # schema must say so; ``get_fields`` drops it when the context has no ``met_grens``.
    grens = serializers.JSONField(
        allow_null=True, required=False,
        help_text=_("Boundary as a GeoJSON geometry (WGS84), only with metGrens=true"),
    )

    class Meta:
        model = Buurt
        fields = [
            "code", "naam", "jaar", "wijk", "gemeente", "inwoners", "inwoners65plus", "woningen",
            "oppervlakteHa", "kerncijfersJaar", "_links", "grens",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if not self.context.get("met_grens"):
            del fields["grens"]
        return fields


class OrganisatieKortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["slug", "naam", "soort", "website"]


class TariefSerializer(serializers.Serializer):
    categorie = serializers.ChoiceField(choices=TariefCategorie.choices)
    prijsPerUur = EuroField(source="prijs_per_uur")
    minimumBedrag = EuroField(source="minimum_bedrag", default=0)
    geldigVanaf = serializers.DateField(
        source="geldig_vanaf", allow_null=True, required=False, default=None,
        help_text=_("First day this price applies; null: from the beginning"),
    )


class RuimteSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(max_length=100)
    capaciteit = serializers.IntegerField(min_value=0, max_value=100000)
    oppervlakteM2 = serializers.IntegerField(source="oppervlakte_m2", min_value=0, max_value=1000000, allow_null=True, required=False)
    faciliteiten = serializers.ListField(child=serializers.ChoiceField(choices=Faciliteit.choices), required=False)
    verhuurbaar = serializers.BooleanField(required=False, default=False)
    wisseltijdMinuten = serializers.IntegerField(source="wisseltijd_minuten", min_value=0, max_value=1440, required=False, default=0)
    tarieven = TariefSerializer(many=True, read_only=True)


class OpeningstijdSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    weekdag = serializers.ChoiceField(choices=Weekdag.choices, help_text=_("0 = Monday … 6 = Sunday"))
    van = ClockTimeField()
    tot = ClockTimeField(
        example="17:00", help_text=_("At or before the opening time: the next day (see totVolgendeDag)")
    )
    totVolgendeDag = serializers.BooleanField(
        source="tot_volgende_dag", read_only=True,
        help_text=_("Whether the hours end on the next day, at midnight or later (Friday 20:00–01:00)"),
    )


class SluitingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    van = serializers.DateField(validators=[validate_date_in_range])
    tot = serializers.DateField(validators=[validate_date_in_range])
    reden = serializers.CharField(max_length=200)


class FotoSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    altTekst = serializers.CharField(source="alt_tekst")

    def get_url(self, foto) -> str:
        return self.context["request"].build_absolute_uri(foto.afbeelding.url)


class AdresSerializer(serializers.Serializer):
    straat = serializers.CharField(max_length=200)
    huisnummer = serializers.CharField(max_length=20, allow_blank=True, required=False)
    postcode = serializers.CharField(max_length=7, allow_blank=True, required=False)
    plaats = serializers.CharField(max_length=100)


class LocatieSerializer(serializers.Serializer):
    """A public meeting place with rooms, tariffs, hours and closures."""

    slug = serializers.SlugField(read_only=True)
    naam = serializers.CharField()
    soort = serializers.ChoiceField(choices=LocatieSoort.choices)
    adres = AdresSerializer(source="*")
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    gemeente = serializers.CharField(source="buurt.gemeente.code", allow_null=True, default=None)
    wijk = serializers.CharField(source="buurt.wijk.code", allow_null=True, default=None)
    buurt = serializers.CharField(source="buurt.code", allow_null=True, default=None)
    beheerder = OrganisatieKortSerializer()
    beschrijving = serializers.CharField()
    # Empty when the place has none: the schema then allows "" besides the format.
    email = serializers.EmailField(allow_blank=True)
    telefoon = serializers.CharField()
    website = serializers.URLField(allow_blank=True)
    toegankelijkheid = serializers.ListField(child=serializers.ChoiceField(choices=Toegankelijkheid.choices))
    faciliteiten = serializers.ListField(child=serializers.ChoiceField(choices=Faciliteit.choices))
    noodsteunpunt = serializers.BooleanField()
    openSinds = serializers.DateField(source="open_sinds", allow_null=True)
    ruimten = RuimteSerializer(many=True)
    openingstijden = OpeningstijdSerializer(many=True)
    sluitingen = SluitingSerializer(many=True, help_text=_("Closures from today on"))
    fotos = FotoSerializer(many=True)
    bijgewerkt = serializers.DateTimeField()
    _links = links_field("locatie-detail", "slug")


class LocatieWriteSerializer(serializers.Serializer):
    """Input for creating or changing a place; the buurt always follows from the point."""

    beheerder = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisatie.objects.all(), help_text=_("Slug of the managing organisation")
    )
    naam = serializers.CharField(max_length=200)
    soort = serializers.ChoiceField(choices=LocatieSoort.choices)
    straat = serializers.CharField(max_length=200)
    huisnummer = serializers.CharField(max_length=20, allow_blank=True, required=False)
    postcode = serializers.CharField(max_length=7, allow_blank=True, required=False)
    plaats = serializers.CharField(max_length=100)
    # The bounds of the model (the Netherlands), so that the schema says what is accepted.
    lat = serializers.FloatField(min_value=LATITUDE[0].limit_value, max_value=LATITUDE[1].limit_value)
    lon = serializers.FloatField(min_value=LONGITUDE[0].limit_value, max_value=LONGITUDE[1].limit_value)
    beschrijving = serializers.CharField(allow_blank=True, required=False, max_length=10000)
    email = serializers.EmailField(allow_blank=True, required=False)
    telefoon = serializers.CharField(max_length=20, allow_blank=True, required=False)
    website = serializers.URLField(allow_blank=True, required=False, max_length=200)
    toegankelijkheid = serializers.ListField(child=serializers.ChoiceField(choices=Toegankelijkheid.choices), required=False)
    faciliteiten = serializers.ListField(child=serializers.ChoiceField(choices=Faciliteit.choices), required=False)
    noodsteunpunt = serializers.BooleanField(required=False)
    gepubliceerd = serializers.BooleanField(required=False)
    openSinds = serializers.DateField(
        source="open_sinds", allow_null=True, required=False, validators=[validate_date_in_range]
    )
    geslotenSinds = serializers.DateField(
        source="gesloten_sinds", allow_null=True, required=False, validators=[validate_date_in_range]
    )


class TariefWriteSerializer(TariefSerializer):
    ruimte = serializers.IntegerField(help_text=_("Id of a room of this place"))


class ReserveringSerializer(serializers.Serializer):
    """A reservation as its place's managers see it (tenant included)."""

    id = serializers.IntegerField()
    ruimte = serializers.IntegerField(source="ruimte_id")
    locatie = serializers.SlugField(source="ruimte.locatie.slug")
    soort = serializers.CharField()
    status = serializers.CharField()
    start = serializers.SerializerMethodField()
    eind = serializers.SerializerMethodField()
    huurderNaam = serializers.CharField(source="huurder_naam")
    huurderEmail = serializers.CharField(source="huurder_email")
    huurderTelefoon = serializers.CharField(source="huurder_telefoon")
    huurderCategorie = serializers.CharField(source="huurder_categorie")
    prijs = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    opmerking = serializers.CharField()
    _links = links_field("reservering-detail", "pk")

    def get_start(self, reservering) -> str:
        return timezone.localtime(reservering.periode.lower).isoformat()

    def get_eind(self, reservering) -> str:
        return timezone.localtime(reservering.periode.upper).isoformat()


class ReserveringAanvraagResultaatSerializer(serializers.Serializer):
    """What the requester of a rental gets back: the request, without anyone's data."""

    id = serializers.IntegerField()
    ruimte = serializers.IntegerField(source="ruimte_id")
    status = serializers.CharField()
    start = serializers.SerializerMethodField()
    eind = serializers.SerializerMethodField()
    prijs = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)

    def get_start(self, reservering) -> str:
        return timezone.localtime(reservering.periode.lower).isoformat()

    def get_eind(self, reservering) -> str:
        return timezone.localtime(reservering.periode.upper).isoformat()


class ReserveringAanvraagSerializer(serializers.Serializer):
    ruimte = serializers.PrimaryKeyRelatedField(
        queryset=Ruimte.objects.filter(locatie__gepubliceerd=True).select_related("locatie"),
        help_text=_("Id of a rentable room"),
    )
    start = MomentField()
    eind = MomentField()
    huurderNaam = serializers.CharField(source="huurder_naam", max_length=200)
    huurderEmail = serializers.EmailField(source="huurder_email", allow_blank=True, required=False, default="")
    huurderTelefoon = serializers.CharField(source="huurder_telefoon", max_length=20, allow_blank=True, required=False, default="")
    huurderCategorie = serializers.ChoiceField(source="huurder_categorie", choices=TariefCategorie.choices)
    opmerking = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class AfwijzingSerializer(serializers.Serializer):
    reden = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


@extend_schema_serializer(many=False)
class GeoJSONFeatureCollectionSerializer(serializers.Serializer):
    """Schema only: the GeoJSON answer of /locaties with Accept: application/geo+json
    (one collection, not paginated)."""

    type = serializers.ChoiceField(choices=["FeatureCollection"])
    features = serializers.ListField(child=serializers.DictField())
