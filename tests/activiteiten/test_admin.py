"""The admin of the activiteiten app: school holidays through the services, and the
warning on an activity whose school holidays run out."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from activiteiten.constants import Regio
from activiteiten.models import Schoolvakantie
from core.timezones import AMSTERDAM
from tests.locaties.factories import UserFactory

from .factories import make_activiteit, moment

pytestmark = pytest.mark.django_db

VOOR_HET_EINDE = moment(2026, 12, 1, 10)  # the holidays are known up to 3 January 2027


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def dagen(activiteit):
    return {timezone.localtime(b.start, AMSTERDAM).date() for b in activiteit.bijeenkomsten.all()}


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_staff_add_correct_and_delete_a_holiday_and_the_occurrences_follow(staff_client, django_capture_on_commit_callbacks):
    activiteit = make_activiteit(skip_schoolvakantie=Regio.ZUID)
    form = {"regio": "zuid", "schooljaar": "2026-2027", "naam": "voorjaarsvakantie",
            "van": "2027-02-13", "tot": "2027-02-21"}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:activiteiten_schoolvakantie_add"), form)
    assert response.status_code == 302
    vakantie = Schoolvakantie.objects.get(regio="zuid", naam="voorjaarsvakantie", schooljaar="2026-2027")
    assert date(2027, 2, 16) not in dagen(activiteit)

    change = reverse("admin:activiteiten_schoolvakantie_change", args=[vakantie.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(change, {**form, "van": "2027-02-20", "tot": "2027-02-28"})
    assert date(2027, 2, 16) in dagen(activiteit) and date(2027, 2, 23) not in dagen(activiteit)

    delete = reverse("admin:activiteiten_schoolvakantie_delete", args=[vakantie.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(delete, {"post": "yes"})
    assert date(2027, 2, 23) in dagen(activiteit)


@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_a_wrong_holiday_reshows_the_form_with_the_reason(staff_client):
    with translation.override("en"):
        response = staff_client.post(reverse("admin:activiteiten_schoolvakantie_add"), {
            "regio": "zuid", "schooljaar": "2027-2028", "naam": "voorjaarsvakantie",
            "van": "2027-02-13", "tot": "2027-02-21",
        }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "must lie in school year 2027-2028" in response.content.decode()


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_the_activity_page_warns_from_which_day_the_holidays_are_not_known(staff_client):
    skips = make_activiteit(skip_schoolvakantie=Regio.ZUID)
    html = staff_client.get(reverse("admin:activiteiten_activiteit_change", args=[skips.pk]),
                            HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "De schoolvakanties vanaf 4 januari 2027 zijn nog niet bekend" in html
    other = make_activiteit()
    html = staff_client.get(reverse("admin:activiteiten_activiteit_change", args=[other.pk])).content.decode()
    assert "4 januari 2027" not in html and "4 January 2027" not in html
