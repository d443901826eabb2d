"""Factories of the vrijwilligers app (factory_boy, Faker nl_NL)."""

from datetime import timedelta

import factory
from django.utils import timezone

from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import LocatieFactory, OrganisatieFactory
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.models import Dienst, Inzet, Vacature, Vrijwilliger


class VrijwilligerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vrijwilliger
        skip_postgeneration_save = True

    naam = factory.Faker("name", locale="nl_NL")
    email = factory.Faker("email", locale="nl_NL")
    telefoon = factory.Faker("phone_number", locale="nl_NL")
    toestemming_op = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))

    @factory.post_generation
    def organisaties(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisaties.set(extracted)


class DienstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dienst

    locatie = factory.SubFactory(LocatieFactory)
    taak = Taak.GASTVROUW
    start = factory.LazyFunction(
        lambda: (timezone.localtime() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    )
    eind = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    benodigd = 2


class InzetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inzet

    dienst = factory.SubFactory(DienstFactory)
    vrijwilliger = factory.SubFactory(VrijwilligerFactory)
    status = InzetStatus.INGEPLAND


class VacatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacature

    organisatie = factory.SubFactory(OrganisatieFactory)
    titel = "Gastvrouw of gastheer voor de open inloop"
    beschrijving = factory.Faker("paragraph", locale="nl_NL")
    taak = Taak.GASTVROUW
    uren_per_week = 3
    gepubliceerd = False


def make_inloop_met_gastvrouwdienst(*, locatie, start, benodigd: int = 1):
    """A weekly open inloop at ``locatie`` from ``start`` (two hours), made through the
    service, with a host shift over its first date: (activity, first date, shift)."""
    activiteit = make_activiteit(locatie=locatie, titel="Open inloop", soort="open_inloop", start=start,
                                 rrule=f"FREQ=WEEKLY;BYDAY={('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')[start.weekday()]}")
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    dienst = DienstFactory(locatie=locatie, taak=Taak.GASTVROUW, bijeenkomst=eerste, start=eerste.start,
                           eind=eerste.eind, benodigd=benodigd)
    return activiteit, eerste, dienst
