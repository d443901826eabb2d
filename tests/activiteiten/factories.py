"""Factories and helpers of the activiteiten tests (factory_boy, Faker nl_NL).

Activities are made through ``activiteit_create`` (``make_activiteit``), so tests start
from the state the services produce, occurrences included.
"""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from activiteiten.constants import ActiviteitSoort, ActiviteitStatus, AanmeldingNodig, Regio
from activiteiten.models import Schoolvakantie, Wens
from activiteiten.recurrence import TZ, localise
from activiteiten.services import activiteit_create
from tests.locaties.factories import (  # noqa: F401  (re-exported for the tests)
    BuurtFactory,
    LocatieFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
)


def next_weekday_at(weekday: int, hour: int, minute: int = 0, *, weeks_ahead: int = 1) -> datetime:
    """Amsterdam wall-clock ``hour:minute`` on ``weekday`` (0 = Monday), at least a week from now."""
    today = timezone.localtime(timezone.now(), TZ).date()
    days = (weekday - today.weekday()) % 7 + 7 * weeks_ahead
    day = today + timedelta(days=days)
    return localise(datetime(day.year, day.month, day.day, hour, minute))


def make_activiteit(**overrides):
    """A published weekly activity on Tuesdays 14:00–16:00, made through the service."""
    locatie = overrides.pop("locatie", None) or LocatieFactory()
    values = {
        "locatie": locatie,
        "organisator": overrides.pop("organisator", None) or locatie.beheerder,
        "titel": "Taalcafé",
        "soort": ActiviteitSoort.ACTIVITEIT,
        "start": next_weekday_at(1, 14),
        "duur": timedelta(hours=2),
        "rrule": "FREQ=WEEKLY;BYDAY=TU",
        "status": ActiviteitStatus.GEPUBLICEERD,
    }
    values.update(overrides)
    return activiteit_create(**values)


def make_activiteit_met_aanmelding(capaciteit: int = 10, **overrides):
    """A published activity that requires registration, with ``capaciteit`` places."""
    return make_activiteit(
        aanmelding=AanmeldingNodig.VERPLICHT, capaciteit=capaciteit, **overrides
    )


class SchoolvakantieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schoolvakantie

    regio = Regio.ZUID
    naam = factory.Sequence(lambda n: f"testvakantie {n}")
    schooljaar = "2099-2100"
    van = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    tot = factory.LazyAttribute(lambda o: o.van + timedelta(days=8))


class WensFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wens

    buurt = factory.SubFactory(BuurtFactory)
    tekst = factory.Faker("sentence", locale="nl_NL")
    goedgekeurd = True
