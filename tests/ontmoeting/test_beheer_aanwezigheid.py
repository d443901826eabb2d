"""Attendance in the workspace: ticks per registrant beside the count, the week's quick
entry (one form, one POST), and the attendance list as a PDF beside the CSV."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activiteiten.services import aanmelding_create, aanmeldingen_registreer_aanwezig, bijeenkomst_annuleer
from core.timezones import AMSTERDAM
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding
from tests.locaties.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def activiteit(locatie):
    return make_activiteit_met_aanmelding(capaciteit=10, locatie=locatie, titel="Koffieochtend")


def _first(activiteit):
    return activiteit.bijeenkomsten.order_by("start").first()


def _after(frozen_clock, client, user, bijeenkomst):
    frozen_clock.move_to(bijeenkomst.eind + timedelta(hours=1))
    client.force_login(user)  # the session ended while the clock moved on


def test_ticking_who_came_sets_the_ticks_and_the_count(client, bestuur, org, activiteit, frozen_clock):
    b = _first(activiteit)
    anna = aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="0612345678", aantal=2)
    bert = aanmelding_create(bijeenkomst=b, naam="Bert", email="bert@example.nl")
    _after(frozen_clock, client, bestuur, b)
    page = client.get(reverse("beheer:aanmeldingen", args=[org.slug, b.pk]), **EN).content.decode()
    assert "Who came?" in page and "Anna (2)" in page and "Bert (1)" in page
    response = client.post(reverse("beheer:afvinken", args=[org.slug, b.pk]),
                           {"aanwezig": [anna.pk], "zonder_aanmelding": "3"}, follow=True, **EN)
    assert "Saved: 2 of 3 registered came on" in response.content.decode()
    assert "5 people in all" in response.content.decode()
    anna.refresh_from_db()
    bert.refresh_from_db()
    b.refresh_from_db()
    assert (anna.aanwezig, bert.aanwezig, b.aanwezigen) == (True, False, 5)
    # The page shows the ticks back, and the ones who came without registering.
    page = client.get(reverse("beheer:aanmeldingen", args=[org.slug, b.pk]), **EN).content.decode()
    assert f'value="{anna.pk}"' in page and 'name="zonder_aanmelding" value="3"' in page


def test_no_ticks_before_the_date_has_begun(bestuur, activiteit):
    b = _first(activiteit)
    anna = aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="1")
    with pytest.raises(ValidationError, match="once the occurrence has started"):
        aanmeldingen_registreer_aanwezig(bijeenkomst=b, aanwezig=[anna.pk])


def test_only_confirmed_registrations_of_the_date_can_be_ticked(activiteit, frozen_clock):
    b = _first(activiteit)
    other = aanmelding_create(bijeenkomst=activiteit.bijeenkomsten.order_by("start")[1], naam="Ander", telefoon="1")
    frozen_clock.move_to(b.eind)
    with pytest.raises(ValidationError, match="Only confirmed registrations"):
        aanmeldingen_registreer_aanwezig(bijeenkomst=b, aanwezig=[other.pk])


def test_a_tick_of_a_wrong_registration_is_refused_beside_the_field(client, bestuur, org, activiteit, frozen_clock):
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="1")
    _after(frozen_clock, client, bestuur, b)
    response = client.post(reverse("beheer:afvinken", args=[org.slug, b.pk]),
                           {"aanwezig": ["999999"], "zonder_aanmelding": "-1"}, **EN)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_the_week_on_one_screen(client, bestuur, org, locatie, frozen_clock):
    koffie = make_activiteit(locatie=locatie, titel="Koffieochtend")
    eten = make_activiteit(locatie=locatie, titel="Samen eten", rrule="FREQ=WEEKLY;BYDAY=TU,TH")
    first = _first(koffie)
    dates = list(eten.bijeenkomsten.order_by("start")[:2])
    _after(frozen_clock, client, bestuur, max([first, *dates], key=lambda b: b.eind))
    week = timezone.localtime(first.start, AMSTERDAM).date()
    url = reverse("beheer:aanwezigheid", args=[org.slug]) + f"?week={week:%Y-%m-%d}"
    page = client.get(url, **EN).content.decode()
    assert "Koffieochtend" in page and "Samen eten" in page
    for b in [first, *dates]:
        assert f'name="b{b.pk}"' in page
    response = client.post(url, {f"b{first.pk}": "7", f"b{dates[0].pk}": "12", f"b{dates[1].pk}": ""}, follow=True, **EN)
    assert "Saved: the attendance of 2 dates." in response.content.decode()
    first.refresh_from_db()
    dates[0].refresh_from_db()
    dates[1].refresh_from_db()
    assert (first.aanwezigen, dates[0].aanwezigen, dates[1].aanwezigen) == (7, 12, None)


def test_the_week_keeps_what_was_typed_and_saves_nothing_on_a_mistake(client, bestuur, org, locatie, frozen_clock):
    koffie = make_activiteit(locatie=locatie, titel="Koffieochtend", rrule="FREQ=WEEKLY;BYDAY=TU,TH")
    first, second = koffie.bijeenkomsten.order_by("start")[:2]
    _after(frozen_clock, client, bestuur, second)
    url = reverse("beheer:aanwezigheid", args=[org.slug]) + f"?week={timezone.localtime(first.start):%Y-%m-%d}"
    response = client.post(url, {f"b{first.pk}": "7", f"b{second.pk}": "-3"}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "error-summary" in text and f'name="b{first.pk}" value="7"' in text
    first.refresh_from_db()
    assert first.aanwezigen is None


def test_the_week_offers_no_box_for_a_cancelled_or_coming_date(client, bestuur, org, locatie, frozen_clock):
    koffie = make_activiteit(locatie=locatie, titel="Koffieochtend", rrule="FREQ=WEEKLY;BYDAY=TU,TH")
    first, second = koffie.bijeenkomsten.order_by("start")[:2]
    bijeenkomst_annuleer(bijeenkomst=first, notitie="Ziek")
    page = client.get(reverse("beheer:aanwezigheid", args=[org.slug]) + f"?week={timezone.localtime(first.start):%Y-%m-%d}",
                      **EN).content.decode()
    assert f'name="b{first.pk}"' not in page and f'name="b{second.pk}"' not in page
    assert "Cancelled" in page and "not begun yet" in page


def test_the_week_uses_a_constant_number_of_queries(client, bestuur, org, locatie, frozen_clock):
    koffie = make_activiteit(locatie=locatie, titel="Koffieochtend")
    first = _first(koffie)
    _after(frozen_clock, client, bestuur, first)
    url = reverse("beheer:aanwezigheid", args=[org.slug]) + f"?week={timezone.localtime(first.start):%Y-%m-%d}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        make_activiteit(locatie=locatie, titel=f"Meer {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_another_organisations_week_answers_404(client, bestuur):
    assert client.get(reverse("beheer:aanwezigheid", args=[OrganisatieFactory().slug])).status_code == 404


def test_the_attendance_list_as_pdf(client, bestuur, org, activiteit):
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="0612345678")
    response = client.get(reverse("beheer:presentielijst-pdf", args=[org.slug, b.pk]), **EN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "presentielijst-" in response["Content-Disposition"]
    page = client.get(reverse("beheer:aanmeldingen", args=[org.slug, b.pk]), **EN).content.decode()
    assert reverse("beheer:presentielijst-pdf", args=[org.slug, b.pk]) in page


def test_the_pdf_lists_the_names_with_a_box_to_tick(client, bestuur, org, activiteit, monkeypatch):
    rendered = []

    class Html:
        def __init__(self, string, base_url):
            rendered.append(string)

        def write_pdf(self, stylesheets):
            return b"%PDF-1.7"

    monkeypatch.setattr("weasyprint.HTML", Html)
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Annabel Jansen", telefoon="0612345678")
    client.get(reverse("beheer:presentielijst-pdf", args=[org.slug, b.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Annabel Jansen" in rendered[0] and "Koffieochtend" in rendered[0] and "☐" in rendered[0]


def test_the_csv_says_who_was_present(client, bestuur, org, activiteit, frozen_clock):
    b = _first(activiteit)
    anna = aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="1")
    aanmelding_create(bijeenkomst=b, naam="Bert", telefoon="2")
    frozen_clock.move_to(b.eind)
    aanmeldingen_registreer_aanwezig(bijeenkomst=b, aanwezig=[anna.pk])
    client.force_login(bestuur)
    text = client.get(reverse("beheer:presentielijst", args=[org.slug, b.pk]), **EN).content.decode("utf-8-sig")
    assert "Anna;1;;1;Confirmed;yes" in text and "Bert;2;;1;Confirmed;no" in text
