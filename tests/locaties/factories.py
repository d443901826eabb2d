"""Factories of the locaties app (factory_boy, Faker nl_NL).

Factory buurten are small squares on a grid north of Utrecht (lat 52.0-53.0), far from
the real Maastricht data, so a point-in-polygon test never hits a real buurt by
accident. Places without a buurt get a random point further south (lat 51.2-51.9),
outside every factory buurt; pass ``buurt=`` to put a place at that buurt's centre.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from factory import fuzzy

from locaties.constants import (
    BevolkingspuntSoort,
    LocatieSoort,
    OrganisatieSoort,
    ReserveringSoort,
    ReserveringStatus,
    Rol,
    TariefCategorie,
)
from locaties.models import (
    Bevolkingspunt,
    Buurt,
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    Openingstijd,
    Organisatie,
    Reservering,
    Ruimte,
    Sluiting,
    Tarief,
    Uitnodiging,
    Wijk,
)

# Half the side of a factory buurt square, in degrees (about 280 m north-south).
BUURT_HALF_SIDE = 0.0025


def square(lat: float, lon: float, half: float = BUURT_HALF_SIDE) -> dict:
    """A GeoJSON polygon: a square around (lat, lon)."""
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _grid_centre(n: int) -> tuple[float, float]:
    # 0.01 degree spacing leaves a gap between neighbouring squares.
    return 52.0 + (n // 80) % 100 * 0.01, 4.5 + (n % 80) * 0.01


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    # Start high so factory codes never meet real ones such as Maastricht (GM0935).
    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    naam = factory.Faker("city", locale="nl_NL")
    jaar = 2024


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk

    gemeente = factory.SubFactory(GemeenteFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.gemeente.code[2:]}{n % 100:02d}")
    naam = factory.Faker("street_name", locale="nl_NL")
    jaar = 2024


class BuurtFactory(factory.django.DjangoModelFactory):
    """A buurt with a small square boundary; ``lat``/``lon`` (Params) give its centre."""

    class Meta:
        model = Buurt

    class Params:
        centre = factory.Sequence(_grid_centre)
        lat = factory.LazyAttribute(lambda o: o.centre[0])
        lon = factory.LazyAttribute(lambda o: o.centre[1])

    wijk = factory.SubFactory(WijkFactory)
    gemeente = factory.SelfAttribute("wijk.gemeente")
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.wijk.code[2:]}{n % 100:02d}")
    naam = factory.Faker("street_name", locale="nl_NL")
    jaar = 2024
    inwoners = 1500
    inwoners_65plus = 300
    woningen = 700
    oppervlakte_ha = 30
    kerncijfers_jaar = 2024
    grens = factory.LazyAttribute(lambda o: square(o.lat, o.lon))
    bbox_min_lon = factory.LazyAttribute(lambda o: o.lon - BUURT_HALF_SIDE)
    bbox_min_lat = factory.LazyAttribute(lambda o: o.lat - BUURT_HALF_SIDE)
    bbox_max_lon = factory.LazyAttribute(lambda o: o.lon + BUURT_HALF_SIDE)
    bbox_max_lat = factory.LazyAttribute(lambda o: o.lat + BUURT_HALF_SIDE)


class BevolkingspuntFactory(factory.django.DjangoModelFactory):
    """A postcode point, by default at the centre of its buurt."""

    class Meta:
        model = Bevolkingspunt

    buurt = factory.SubFactory(BuurtFactory)
    soort = BevolkingspuntSoort.POSTCODE
    sleutel = factory.Sequence(lambda n: f"{1000 + n // 676 % 9000}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    inwoners = 40
    inwoners_65plus = 10
    woningen = 20
    lat = factory.LazyAttribute(
        lambda o: (o.buurt.bbox_min_lat + o.buurt.bbox_max_lat) / 2 if o.buurt else 51.5
    )
    lon = factory.LazyAttribute(
        lambda o: (o.buurt.bbox_min_lon + o.buurt.bbox_max_lon) / 2 if o.buurt else 5.0
    )
    jaar = 2024


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Stichting Buurtwerk {n}")
    slug = factory.Sequence(lambda n: f"stichting-buurtwerk-{n}")
    soort = OrganisatieSoort.STICHTING
    email = factory.Faker("email", locale="nl_NL")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nl")
    password = factory.django.Password("wachtwoord")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.BESTUUR


class UitnodigingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Uitnodiging

    organisatie = factory.SubFactory(OrganisatieFactory)
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@example.nl")
    rol = Rol.COORDINATOR


class GemeentemedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeentemedewerker

    user = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory)


class LocatieFactory(factory.django.DjangoModelFactory):
    """A published place. Without ``buurt`` it lies in the Netherlands but in no factory buurt."""

    class Meta:
        model = Locatie

    naam = factory.Sequence(lambda n: f"Buurthuis De Ontmoeting {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-de-ontmoeting-{n}")
    soort = LocatieSoort.BUURTHUIS
    straat = factory.Faker("street_name", locale="nl_NL")
    huisnummer = factory.Faker("building_number", locale="nl_NL")
    postcode = factory.Sequence(lambda n: f"{1000 + n % 9000} AB")
    plaats = factory.Faker("city", locale="nl_NL")
    buurt = None
    lat = factory.LazyAttribute(
        lambda o: (o.buurt.bbox_min_lat + o.buurt.bbox_max_lat) / 2
        if o.buurt
        else float(fuzzy.FuzzyDecimal(51.2, 51.9, precision=5).fuzz())
    )
    lon = factory.LazyAttribute(
        lambda o: (o.buurt.bbox_min_lon + o.buurt.bbox_max_lon) / 2
        if o.buurt
        else float(fuzzy.FuzzyDecimal(4.0, 6.0, precision=5).fuzz())
    )
    beheerder = factory.SubFactory(OrganisatieFactory)
    beschrijving = factory.Faker("paragraph", locale="nl_NL")
    gepubliceerd = True


class RuimteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ruimte

    locatie = factory.SubFactory(LocatieFactory)
    naam = factory.Sequence(lambda n: f"Zaal {n}")
    capaciteit = 40
    oppervlakte_m2 = 60
    verhuurbaar = True
    wisseltijd_minuten = 30


class TariefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tarief

    ruimte = factory.SubFactory(RuimteFactory)
    categorie = TariefCategorie.MAATSCHAPPELIJK
    prijs_per_uur = Decimal("15.00")
    minimum_bedrag = Decimal("30.00")


class OpeningstijdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Openingstijd

    locatie = factory.SubFactory(LocatieFactory)
    weekdag = 0
    van = time(9, 0)
    tot = time(17, 0)


class SluitingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sluiting

    locatie = factory.SubFactory(LocatieFactory)
    van = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    tot = factory.LazyAttribute(lambda o: o.van + timedelta(days=7))
    reden = "Zomersluiting"


def _next_monday_at(hour: int):
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return timezone.make_aware(datetime(monday.year, monday.month, monday.day, hour, 0))


class ReserveringFactory(factory.django.DjangoModelFactory):
    """A requested rental; ``start``/``eind`` (Params) give the period, changeover added."""

    class Meta:
        model = Reservering

    class Params:
        start = factory.LazyFunction(lambda: _next_monday_at(19))
        eind = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))

    ruimte = factory.SubFactory(RuimteFactory)
    soort = ReserveringSoort.VERHUUR
    periode = factory.LazyAttribute(lambda o: DateTimeTZRange(o.start, o.eind, "[)"))
    bezet = factory.LazyAttribute(
        lambda o: DateTimeTZRange(
            o.start, o.eind + timedelta(minutes=o.ruimte.wisseltijd_minuten), "[)"
        )
    )
    status = ReserveringStatus.AANGEVRAAGD
    huurder_naam = factory.Faker("name", locale="nl_NL")
    huurder_email = factory.Faker("email", locale="nl_NL")
    huurder_categorie = TariefCategorie.MAATSCHAPPELIJK
    prijs = Decimal("30.00")
