"""Hours in the workspace: the week's begun shifts with the shift's length filled in, to
confirm; walk-ins written down; a manager may not; the page's queries do not grow."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from locaties.constants import Rol
from tests.locaties.factories import LidmaatschapFactory
from tests.vrijwilligers.factories import DienstFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus
from vrijwilligers.models import Inzet, LosseInzet
from vrijwilligers.services import inzet_create

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _shift(locatie, naam="Mien Jansen"):
    begin = (timezone.localtime() - timedelta(hours=5)).replace(minute=0, second=0, microsecond=0)
    dienst = DienstFactory(locatie=locatie, start=begin, eind=begin + timedelta(hours=2, minutes=30))
    return inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(naam=naam, organisaties=[locatie.beheerder]))


def _page(client, org, locatie):
    return client.get(reverse("beheer:uren", args=[org.slug, locatie.slug]), **EN)


def test_the_page_fills_in_the_shifts_length_and_confirming_marks_it_worked(client, bestuur, org, locatie):
    inzet = _shift(locatie)
    page = _page(client, org, locatie).content.decode()
    assert "Mien Jansen" in page and 'value="2.50"' in page and "Not confirmed yet" in page
    response = client.post(reverse("beheer:inzet-uren", args=[org.slug, inzet.pk]), {"uren": "2"}, **EN)
    assert response.status_code == 302 and response.url.startswith(reverse("beheer:uren", args=[org.slug, locatie.slug]))
    inzet.refresh_from_db()
    assert (inzet.status, inzet.uren) == (InzetStatus.GEWERKT, Decimal("2"))
    assert "Hours confirmed" in _page(client, org, locatie).content.decode()


def test_dutch_decimal_comma_and_bad_hours_change_nothing(client, bestuur, org, locatie):
    inzet = _shift(locatie)
    client.post(reverse("beheer:inzet-uren", args=[org.slug, inzet.pk]), {"uren": "1,75"}, HTTP_ACCEPT_LANGUAGE="nl")
    inzet.refresh_from_db()
    assert inzet.uren == Decimal("1.75")
    response = client.post(reverse("beheer:inzet-uren", args=[org.slug, inzet.pk]), {"uren": "99"}, follow=True, **EN)
    assert "less than or equal to 24" in response.content.decode()
    inzet.refresh_from_db()
    assert inzet.uren == Decimal("1.75")


def test_a_walk_in_is_written_down_and_listed(client, bestuur, org, locatie):
    vandaag = timezone.localdate().isoformat()
    response = client.post(reverse("beheer:uren", args=[org.slug, locatie.slug]),
                           {"datum": vandaag, "taak": "keuken", "uren": "3", "naam": "Buurman Jan"}, **EN)
    assert response.status_code == 302
    losse = LosseInzet.objects.get()
    assert (losse.locatie, losse.naam, losse.uren) == (locatie, "Buurman Jan", Decimal("3"))
    assert "Buurman Jan" in _page(client, org, locatie).content.decode()


def test_a_walk_in_ahead_is_refused_beside_its_field_keeping_the_input(client, bestuur, org, locatie):
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("beheer:uren", args=[org.slug, locatie.slug]),
                           {"datum": morgen, "taak": "bar", "uren": "2", "naam": "Buurvrouw"}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "not ahead" in text and 'value="Buurvrouw"' in text
    assert not LosseInzet.objects.exists()


def test_a_manager_may_not(client, org, locatie):
    inzet = _shift(locatie)
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user)
    assert _page(client, org, locatie).status_code == 403
    assert client.post(reverse("beheer:inzet-uren", args=[org.slug, inzet.pk]), {"uren": "2"}).status_code == 403
    assert Inzet.objects.get(pk=inzet.pk).uren is None


def test_the_pages_queries_do_not_grow(client, bestuur, org, locatie):
    _shift(locatie)
    _page(client, org, locatie)  # the first request of a session does more
    with CaptureQueriesContext(connection) as one:
        _page(client, org, locatie)
    for n in range(5):
        _shift(locatie, naam=f"Vrijwilliger {n}")
    with CaptureQueriesContext(connection) as many:
        _page(client, org, locatie)
    assert len(many) == len(one)
