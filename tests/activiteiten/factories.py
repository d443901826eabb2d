"""Factories and helpers of the activiteiten tests (factory_boy, Faker nl_NL).

Activities are made through ``activiteit_create`` (``make_activiteit``), so tests start
from the state the services produce, occurrences included.
"""

from datetime import date, datetime, timedelta

import factory
from django.utils import timezone

from activiteiten.constants import AanmeldingNodig, ActiviteitSoort, ActiviteitStatus, Regio, Vakantie
from activiteiten.models import Schoolvakantie, Wens
from activiteiten.recurrence import localise
from activiteiten.services import activiteit_create, schoolvakantie_create, schoolvakantie_delete
from core.timezones import AMSTERDAM
from tests.locaties.factories import (  # noqa: F401  (re-exported for the tests)
    BuurtFactory,
    LocatieFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
)


def next_weekday_at(weekday: int, hour: int, minute: int = 0, *, weeks_ahead: int = 1) -> datetime:
    """Amsterdam wall-clock ``hour:minute`` on ``weekday`` (0 = Monday) of the week
    ``weeks_ahead`` weeks from now (counting from today's date), a week later when that
    moment has passed: never in the past, whatever the moment the clock stands at."""
    today = timezone.localtime(timezone.now(), AMSTERDAM).date()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)
    if _at(day, hour, minute) <= timezone.now():
        day += timedelta(weeks=1)
    return _at(day, hour, minute)


def tomorrow_at(hour: int, minute: int = 0) -> datetime:
    """Amsterdam wall-clock ``hour:minute`` tomorrow. A weekly activity from it has an
    occurrence in each of the four weeks from the start of today (the coverage window),
    which a start on today's weekday lacks once its hour has passed."""
    return _at(timezone.localtime(timezone.now(), AMSTERDAM).date() + timedelta(days=1), hour, minute)


def _at(day: date, hour: int, minute: int) -> datetime:
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


def schooljaar_van(dag: date) -> str:
    """The school year ``dag`` lies in (1 August to 31 July), e.g. "2026-2027"."""
    jaar = dag.year if dag.month >= 8 else dag.year - 1
    return f"{jaar}-{jaar + 1}"


class SchoolvakantieFactory(factory.django.DjangoModelFactory):
    """A school holiday the model accepts, made through ``schoolvakantie_create``: an
    autumn holiday a month from today, in the school year its first day lies in. One
    region, school year and name can hold one holiday: where the project's table has it
    already, remove that row first or pass another name."""

    class Meta:
        model = Schoolvakantie

    regio = Regio.ZUID
    naam = Vakantie.HERFST
    van = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    tot = factory.LazyAttribute(lambda o: o.van + timedelta(days=8))
    schooljaar = factory.LazyAttribute(lambda o: schooljaar_van(o.van))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return schoolvakantie_create(**kwargs)


def schoolvakanties_weg(*, van: date, tot: date | None = None) -> None:
    """Remove, through the service, every school holiday whose first day lies in
    ``[van, tot]`` (no ``tot``: from ``van`` on), whatever the project's table holds."""
    rijen = Schoolvakantie.objects.filter(van__gte=van)
    if tot is not None:
        rijen = rijen.filter(van__lte=tot)
    for schoolvakantie in rijen:
        schoolvakantie_delete(schoolvakantie=schoolvakantie)


# The school holidays ``schoolvakanties_tot_kerst_2026`` (tests/conftest.py) leaves: every
# region's from the autumn of 2025 up to Christmas 2026-2027, which ends on LAATST_BEKEND,
# then none until the autumn of 2027, then all of 2027-2028 up to the summer of 2028.
LAATST_BEKEND = date(2027, 1, 3)
BEKEND_NA_HET_GAT = {Regio.NOORD: date(2028, 8, 27), Regio.MIDDEN: date(2028, 8, 20), Regio.ZUID: date(2028, 9, 3)}


def schoolvakanties_tot_kerst_2026() -> None:
    """Put the school holidays into the state above: the project's table less what it
    holds (or will hold) from 4 January to 31 July 2027 and from 1 August 2028 on."""
    schoolvakanties_weg(van=LAATST_BEKEND + timedelta(days=1), tot=date(2027, 7, 31))
    schoolvakanties_weg(van=date(2028, 8, 1))


# Made-up dates for the school year 2026-2027 after Christmas, which the project's table
# lacked when these tests were written (activiteiten/data/README.md): tests that need the
# gap closed add these, after ``schoolvakanties_tot_kerst_2026`` removed whatever the
# table holds there.
VAKANTIES_2027_VOOR_DE_TEST = [
    ("voorjaarsvakantie", date(2027, 2, 13), date(2027, 2, 21)),
    ("meivakantie", date(2027, 4, 24), date(2027, 5, 2)),
    ("zomervakantie", date(2027, 7, 17), date(2027, 8, 29)),
]


def sluit_gat_2027(regio: str) -> None:
    """Close the region's gap in 2026-2027 with the made-up dates above, through the
    service (the occurrences follow once the test runs the on-commit callbacks)."""
    for naam, van, tot in VAKANTIES_2027_VOOR_DE_TEST:
        schoolvakantie_create(regio=regio, schooljaar="2026-2027", naam=naam, van=van, tot=tot)


def moment(*args) -> datetime:
    """An aware Amsterdam moment, e.g. for ``@pytest.mark.frozen_at(moment(2026, 12, 1, 10))``."""
    return localise(datetime(*args))


class WensFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wens

    buurt = factory.SubFactory(BuurtFactory)
    tekst = factory.Faker("sentence", locale="nl_NL")
    goedgekeurd = True
