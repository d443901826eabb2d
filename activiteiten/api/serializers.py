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
from locaties.models.locatie import format_adres

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

    The representation is written out by hand (``represent_row``) from a plain row of
    ``ROW`` values: this is the busiest list of the API, and the list reads its page with
    ``.values(*ROW)`` (no model instances) while a single occurrence is turned into the
    same row (``to_representation``). A new field goes into ``ROW`` (or ``COLUMNS``) and
    ``represent_row``, nowhere else. The declared fields describe the same shape for the
    schema.
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

    #: The columns the representation reads, besides the room's name: a single
    #: occurrence loads only these and the room (``.only()``: no descriptions, no buurt
    #: boundary).
    COLUMNS = (
        "start", "eind", "geannuleerd", "verplaatst", "notitie",
        "activiteit__slug", "activiteit__titel", "activiteit__soort", "activiteit__categorieen",
        "activiteit__doelgroepen", "activiteit__kosten", "activiteit__aanmelding", "activiteit__capaciteit",
        "activiteit__locatie__slug", "activiteit__locatie__naam", "activiteit__locatie__straat",
        "activiteit__locatie__huisnummer", "activiteit__locatie__postcode", "activiteit__locatie__plaats",
        "activiteit__locatie__lat", "activiteit__locatie__lon", "activiteit__locatie__buurt__code",
    )
    #: What ``represent_row`` reads: the columns plus the id, the room's name
    #: (``BijeenkomstQuerySet.with_ruimte_naam``) and the places left (``with_plaatsen``).
    ROW = ("id", *COLUMNS, "ruimte_naam", "plaatsen_vrij", "gastvrouw_aanwezig", "gastvrouw_voornaam")

    @staticmethod
    def represent_row(row: dict, base: str, tz=None) -> dict:
        """The answer for one occurrence from its ``ROW`` values; ``base`` is the API's
        absolute root (``.../api/v1/``) for the links, ``tz`` the time zone of the
        answer's moments (default: the current one; a list looks it up once)."""
        tz = tz or timezone.get_current_timezone()
        slug = row["activiteit__slug"]
        return {
            "id": row["id"],
            "activiteit": {
                "slug": slug,
                "titel": row["activiteit__titel"],
                "soort": row["activiteit__soort"],
                "categorieen": row["activiteit__categorieen"],
                "doelgroepen": row["activiteit__doelgroepen"],
                "kosten": f"{row['activiteit__kosten']:.2f}",
                "aanmelding": row["activiteit__aanmelding"],
            },
            "start": row["start"].astimezone(tz).isoformat(),
            "eind": row["eind"].astimezone(tz).isoformat(),
            "geannuleerd": row["geannuleerd"],
            "verplaatst": row["verplaatst"],
            "notitie": row["notitie"],
            "locatie": {
                "slug": row["activiteit__locatie__slug"],
                "naam": row["activiteit__locatie__naam"],
                "adres": format_adres(row["activiteit__locatie__straat"], row["activiteit__locatie__huisnummer"],
                                      row["activiteit__locatie__postcode"], row["activiteit__locatie__plaats"]),
                "lat": row["activiteit__locatie__lat"],
                "lon": row["activiteit__locatie__lon"],
                "buurt": row["activiteit__locatie__buurt__code"],
            },
            "ruimte": row["ruimte_naam"],
            "plaatsenVrij": row["plaatsen_vrij"],
            # Annotated by the viewset's with_extras: the project's from the roster (vrijwilligers),
            # which this app may not import.
            "gastvrouwAanwezig": row["gastvrouw_aanwezig"],
            "gastvrouwVoornaam": row["gastvrouw_voornaam"],
            "_links": {
                "self": {"href": f"{base}bijeenkomsten/{row['id']}"},
                "activiteit": {"href": f"{base}activiteiten/{slug}"},
            },
        }

    def to_representation(self, b):
        row = {
            "id": b.pk, "ruimte_naam": b.ruimte.naam if b.ruimte_id else None, "plaatsen_vrij": b.plaatsen_vrij,
            "gastvrouw_aanwezig": getattr(b, "gastvrouw_aanwezig", False),
            "gastvrouw_voornaam": getattr(b, "gastvrouw_voornaam", None),
        }
        for path in self.COLUMNS:
            value = b
            for name in path.split("__"):  # a place without a buurt reads as None
                value = getattr(value, name) if value is not None else None
            row[path] = value
        return self.represent_row(row, self.context["api_base"])


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
