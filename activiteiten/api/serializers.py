"""Representations of activities, occurrences, registrations and wishes in the API.

Public representations carry no personal data: no registrants, no attendance, no
names or addresses of those who wished something.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import MomentField
from core.dates import validate_date_in_range
from locaties.api.serializers import OrganisatieKortSerializer, links_field
from locaties.models import Buurt, Locatie, Organisatie, Ruimte

from ..constants import (
    AanmeldingNodig,
    ActiviteitSoort,
    ActiviteitStatus,
    Categorie,
    Doelgroep,
    Regio,
)


class LocatieKortSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    naam = serializers.CharField()
    adres = serializers.CharField()
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    buurt = serializers.CharField(source="buurt.code", allow_null=True, default=None)


class ActiviteitSerializer(serializers.Serializer):
    """A published activity: what, where, for whom, cost, registration and schedule."""

    slug = serializers.SlugField()
    titel = serializers.CharField()
    beschrijving = serializers.CharField()
    soort = serializers.ChoiceField(choices=ActiviteitSoort.choices)
    categorieen = serializers.ListField(child=serializers.ChoiceField(choices=Categorie.choices))
    doelgroepen = serializers.ListField(child=serializers.ChoiceField(choices=Doelgroep.choices))
    locatie = LocatieKortSerializer()
    ruimte = serializers.CharField(source="ruimte.naam", allow_null=True, default=None)
    organisator = OrganisatieKortSerializer()
    kosten = serializers.DecimalField(max_digits=7, decimal_places=2)
    kostenToelichting = serializers.CharField(source="kosten_toelichting")
    aanmelding = serializers.ChoiceField(choices=AanmeldingNodig.choices)
    capaciteit = serializers.IntegerField(allow_null=True)
    talen = serializers.ListField(child=serializers.CharField())
    toegankelijkheidToelichting = serializers.CharField(source="toegankelijkheid_toelichting")
    # The organiser's contact for the activity is published on purpose; a contact
    # person's name is personal data and stays out of the public API.
    contactEmail = serializers.CharField(source="contact_email")
    contactTelefoon = serializers.CharField(source="contact_telefoon")
    status = serializers.ChoiceField(choices=ActiviteitStatus.choices)
    laatstBevestigd = serializers.DateField(source="laatst_bevestigd", allow_null=True)
    start = serializers.DateTimeField(help_text=_("First start (Europe/Amsterdam)"))
    duurMinuten = serializers.SerializerMethodField()
    rrule = serializers.CharField(help_text=_("RFC 5545 recurrence rule; empty for once"))
    einddatum = serializers.DateField(allow_null=True)
    skipFeestdagen = serializers.BooleanField(source="skip_feestdagen")
    skipSchoolvakantie = serializers.CharField(source="skip_schoolvakantie")
    bijgewerkt = serializers.DateTimeField()
    _links = links_field("activiteit-detail", "slug")

    def get_duurMinuten(self, activiteit) -> int:
        return int(activiteit.duur.total_seconds() // 60)


class ActiviteitWriteSerializer(serializers.Serializer):
    locatie = serializers.SlugRelatedField(slug_field="slug", queryset=Locatie.objects.all())
    organisator = serializers.SlugRelatedField(slug_field="slug", queryset=Organisatie.objects.all())
    titel = serializers.CharField(max_length=200)
    beschrijving = serializers.CharField(allow_blank=True, required=False, max_length=10000)
    soort = serializers.ChoiceField(choices=ActiviteitSoort.choices)
    categorieen = serializers.ListField(child=serializers.ChoiceField(choices=Categorie.choices), required=False)
    doelgroepen = serializers.ListField(child=serializers.ChoiceField(choices=Doelgroep.choices), required=False)
    ruimte = serializers.PrimaryKeyRelatedField(queryset=Ruimte.objects.all(), allow_null=True, required=False)
    kosten = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, required=False)
    kostenToelichting = serializers.CharField(source="kosten_toelichting", max_length=200, allow_blank=True, required=False)
    aanmelding = serializers.ChoiceField(choices=AanmeldingNodig.choices, required=False)
    capaciteit = serializers.IntegerField(min_value=0, max_value=100000, allow_null=True, required=False)
    talen = serializers.ListField(child=serializers.CharField(max_length=5), required=False)
    toegankelijkheidToelichting = serializers.CharField(
        source="toegankelijkheid_toelichting", max_length=300, allow_blank=True, required=False
    )
    contactNaam = serializers.CharField(source="contact_naam", max_length=100, allow_blank=True, required=False)
    contactEmail = serializers.EmailField(source="contact_email", allow_blank=True, required=False)
    contactTelefoon = serializers.CharField(source="contact_telefoon", max_length=20, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=ActiviteitStatus.choices, required=False)
    laatstBevestigd = serializers.DateField(
        source="laatst_bevestigd", allow_null=True, required=False, validators=[validate_date_in_range]
    )
    start = MomentField()
    duurMinuten = serializers.IntegerField(source="duur", min_value=1, max_value=7 * 24 * 60)
    rrule = serializers.CharField(max_length=200, allow_blank=True, required=False)
    einddatum = serializers.DateField(allow_null=True, required=False, validators=[validate_date_in_range])
    skipFeestdagen = serializers.BooleanField(source="skip_feestdagen", required=False)
    skipSchoolvakantie = serializers.ChoiceField(
        source="skip_schoolvakantie", choices=[("", "")] + list(Regio.choices), required=False
    )

    def validate_duurMinuten(self, value):
        return timedelta(minutes=value)


class BijeenkomstActiviteitSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    titel = serializers.CharField()
    soort = serializers.ChoiceField(choices=ActiviteitSoort.choices)
    categorieen = serializers.ListField(child=serializers.ChoiceField(choices=Categorie.choices))
    doelgroepen = serializers.ListField(child=serializers.ChoiceField(choices=Doelgroep.choices))
    kosten = serializers.DecimalField(max_digits=7, decimal_places=2)
    aanmelding = serializers.ChoiceField(choices=AanmeldingNodig.choices)


class BijeenkomstLinksSerializer(serializers.Serializer):
    self = serializers.DictField()
    activiteit = serializers.DictField()


class BijeenkomstSerializer(serializers.Serializer):
    """One occurrence, as residents see it: when, where, whether it goes ahead, places left.

    ``to_representation`` is written out by hand: this is the busiest list of the API,
    and field-by-field serialisation would be most of its time. The declared fields
    describe the same shape for the schema.
    """

    id = serializers.IntegerField()
    activiteit = BijeenkomstActiviteitSerializer()
    start = serializers.DateTimeField()
    eind = serializers.DateTimeField()
    geannuleerd = serializers.BooleanField()
    verplaatst = serializers.BooleanField()
    notitie = serializers.CharField()
    locatie = LocatieKortSerializer()
    ruimte = serializers.CharField(allow_null=True)
    plaatsenVrij = serializers.IntegerField(
        allow_null=True, help_text=_("Places left; null when there is no limit or no registration")
    )
    gastvrouwAanwezig = serializers.BooleanField(
        help_text=_("True while this open inloop runs and its host shift has someone on it")
    )
    gastvrouwVoornaam = serializers.CharField(
        allow_null=True, help_text=_("The host's first name, only when they agreed to show it; else null")
    )
    _links = BijeenkomstLinksSerializer()

    #: The columns ``to_representation`` reads: the list and a single occurrence load only
    #: these (no descriptions, no buurt boundary).
    COLUMNS = (
        "start", "eind", "geannuleerd", "verplaatst", "notitie", "ruimte__naam",
        "activiteit__slug", "activiteit__titel", "activiteit__soort", "activiteit__categorieen",
        "activiteit__doelgroepen", "activiteit__kosten", "activiteit__aanmelding", "activiteit__capaciteit",
        "activiteit__locatie__slug", "activiteit__locatie__naam", "activiteit__locatie__straat",
        "activiteit__locatie__huisnummer", "activiteit__locatie__postcode", "activiteit__locatie__plaats",
        "activiteit__locatie__lat", "activiteit__locatie__lon", "activiteit__locatie__buurt__code",
    )

    def to_representation(self, b):
        activiteit = b.activiteit
        locatie = activiteit.locatie
        base = self.context["api_base"]
        kosten = activiteit.kosten
        return {
            "id": b.pk,
            "activiteit": {
                "slug": activiteit.slug,
                "titel": activiteit.titel,
                "soort": activiteit.soort,
                "categorieen": activiteit.categorieen,
                "doelgroepen": activiteit.doelgroepen,
                "kosten": f"{kosten:.2f}",
                "aanmelding": activiteit.aanmelding,
            },
            "start": timezone.localtime(b.start).isoformat(),
            "eind": timezone.localtime(b.eind).isoformat(),
            "geannuleerd": b.geannuleerd,
            "verplaatst": b.verplaatst,
            "notitie": b.notitie,
            "locatie": {
                "slug": locatie.slug,
                "naam": locatie.naam,
                "adres": locatie.adres,
                "lat": locatie.lat,
                "lon": locatie.lon,
                "buurt": locatie.buurt.code if locatie.buurt_id else None,
            },
            "ruimte": b.ruimte.naam if b.ruimte_id else None,
            "plaatsenVrij": b.plaatsen_vrij,  # BijeenkomstQuerySet.with_plaatsen
            # Annotated by the project's viewset from the roster (vrijwilligers), which this app may not import.
            "gastvrouwAanwezig": getattr(b, "gastvrouw_aanwezig", False),
            "gastvrouwVoornaam": getattr(b, "gastvrouw_voornaam", None),
            "_links": {
                "self": {"href": f"{base}bijeenkomsten/{b.pk}"},
                "activiteit": {"href": f"{base}activiteiten/{activiteit.slug}"},
            },
        }


class AnnuleringSerializer(serializers.Serializer):
    notitie = serializers.CharField(max_length=300, required=False, allow_null=True, default=None)


class VerplaatsingSerializer(serializers.Serializer):
    start = MomentField()
    eind = MomentField()
    ruimte = serializers.PrimaryKeyRelatedField(queryset=Ruimte.objects.all(), allow_null=True, required=False, default=None)


class AanwezigenSerializer(serializers.Serializer):
    aanwezigen = serializers.IntegerField(min_value=0, max_value=100000)


class AanmeldingCreateSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=100)
    email = serializers.EmailField(allow_blank=True, required=False, default="")
    telefoon = serializers.CharField(max_length=20, allow_blank=True, required=False, default="")
    aantal = serializers.IntegerField(min_value=1, max_value=20, default=1)


class AanmeldingResultaatSerializer(serializers.Serializer):
    """What a registrant gets back: the outcome and the token to cancel, nothing else."""

    status = serializers.CharField(help_text=_("bevestigd or wachtlijst"))
    aantal = serializers.IntegerField()
    bijeenkomst = serializers.IntegerField(source="bijeenkomst_id")
    annuleerToken = serializers.CharField(help_text=_("Send it to /aanmeldingen/annuleren to cancel"))


class AanmeldingAnnuleerSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class AanmeldingAnnuleerResultaatSerializer(serializers.Serializer):
    status = serializers.CharField()


class WensSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    buurt = serializers.CharField(source="buurt.code")
    tekst = serializers.CharField()
    doelgroep = serializers.CharField()
    steun = serializers.IntegerField()
    status = serializers.CharField()
    _links = links_field("wens-detail", "pk")


class WensCreateSerializer(serializers.Serializer):
    buurt = serializers.SlugRelatedField(slug_field="code", queryset=Buurt.objects.all(), help_text=_("Buurt code"))
    tekst = serializers.CharField(max_length=1000)
    doelgroep = serializers.ChoiceField(choices=[("", "")] + list(Doelgroep.choices), required=False, default="")
    contactNaam = serializers.CharField(source="contact_naam", max_length=100, allow_blank=True, required=False, default="")
    contactEmail = serializers.EmailField(source="contact_email", allow_blank=True, required=False, default="")


class WensOntvangenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    goedgekeurd = serializers.BooleanField(help_text=_("A wish shows after a moderator approved it"))


class WensSteunSerializer(serializers.Serializer):
    steun = serializers.IntegerField()


class KengetallenSerializer(serializers.Serializer):
    gemeente = serializers.CharField()
    van = serializers.DateField()
    tot = serializers.DateField()
    locaties = serializers.IntegerField()
    locatiesGepubliceerd = serializers.IntegerField(source="locaties_gepubliceerd")
    activiteiten = serializers.IntegerField()
    bijeenkomsten = serializers.IntegerField()
    bijeenkomstenGeannuleerd = serializers.IntegerField(source="bijeenkomsten_geannuleerd")
    aanwezigen = serializers.IntegerField()
    aanmeldingenBevestigd = serializers.IntegerField(source="aanmeldingen_bevestigd")
    aanmeldingenWachtlijst = serializers.IntegerField(source="aanmeldingen_wachtlijst")
