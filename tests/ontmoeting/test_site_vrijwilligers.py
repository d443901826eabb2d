"""The volunteers' pages: vacancies with filters and paging, "Ik wil helpen" with its mail,
and the page behind the signed personal link (take and give back a shift, the feed, the
data download and erasure)."""

import json
import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activiteiten.models import Bijeenkomst
from locaties.constants import Rol
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
)
from tests.moments import parse_moment
from tests.vrijwilligers.factories import DienstFactory, VacatureFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.models import Inzet, Vrijwilliger
from vrijwilligers.selectors import locatie_gastvrouw_aanwezig
from vrijwilligers.services import inzet_create, vrijwilliger_link
from vrijwilligers.tokens import vrijwilliger_token

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Stichting Wyck")


@pytest.fixture
def buurt():
    return BuurtFactory(naam="Wyck")


@pytest.fixture
def locatie(org, buurt):
    return LocatieFactory(beheerder=org, naam="Buurthuis Wyck", buurt=buurt)


@pytest.fixture
def vacature(org, locatie):
    return VacatureFactory(organisatie=org, locatie=locatie, titel="Gastvrouw inloop", gepubliceerd=True)


@pytest.fixture
def persoon(org):
    return VrijwilligerFactory(naam="Mien Jansen", email="mien@example.nl", organisaties=[org],
                               beschikbaarheid=["di_ochtend"])


def _page(persoon):
    return reverse("site:vrijwilliger", args=[vrijwilliger_token(persoon)])


def test_the_list_shows_published_open_vacancies_only(client, org, locatie, vacature):
    VacatureFactory(organisatie=org, titel="Concept", gepubliceerd=False)
    VacatureFactory(organisatie=org, titel="Gesloten", gepubliceerd=True,
                    sluit_op=timezone.localdate() - timedelta(days=1))
    response = client.get(reverse("site:vacatures"), **EN)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Gastvrouw inloop" in text
    assert "Concept" not in text and "Gesloten" not in text


def test_vrijwilligers_leads_to_the_vacancies(client):
    assert client.get("/vrijwilligers")["Location"] == reverse("site:vacatures")


def test_the_list_filters_by_buurt_place_and_task(client, org, locatie, vacature):
    elders = LocatieFactory(beheerder=org, naam="Huiskamer Oost", buurt=BuurtFactory(naam="Oost"))
    VacatureFactory(organisatie=org, locatie=elders, titel="Koken voor de buurt", taak=Taak.KEUKEN, gepubliceerd=True)
    url = reverse("site:vacatures")
    by_buurt = client.get(url, {"buurt": locatie.buurt.code}, **EN).content.decode()
    assert "Gastvrouw inloop" in by_buurt and "Koken voor de buurt" not in by_buurt
    by_place = client.get(url, {"locatie": elders.slug}, **EN).content.decode()
    assert "Koken voor de buurt" in by_place and "Gastvrouw inloop" not in by_place
    by_task = client.get(url, {"taak": Taak.KEUKEN}, **EN).content.decode()
    assert "Koken voor de buurt" in by_task and "Gastvrouw inloop" not in by_task
    assert client.get(url, {"taak": "duiken"}, **EN).status_code == 400


def test_the_list_pages_with_a_constant_number_of_queries(client, org, locatie):
    for n in range(3):
        VacatureFactory(organisatie=org, locatie=locatie, titel=f"Rol {n}", gepubliceerd=True)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("site:vacatures"), **EN)
    for n in range(3, 25):
        VacatureFactory(organisatie=org, locatie=locatie, titel=f"Rol {n}", gepubliceerd=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("site:vacatures"), **EN)
    assert len(many) == len(few)
    assert "Page 1 of 2" in response.content.decode()
    assert "Page 2 of 2" in client.get(reverse("site:vacatures"), {"pagina": 2}, **EN).content.decode()


def test_the_detail_page_says_what_where_and_who(client, vacature):
    response = client.get(reverse("site:vacature", args=[vacature.pk]), **EN)
    text = response.content.decode()
    assert vacature.titel in text and "Buurthuis Wyck" in text and "Stichting Wyck" in text
    assert reverse("site:vacature-helpen", args=[vacature.pk]) in text


def test_an_unpublished_vacancy_answers_404(client, org):
    concept = VacatureFactory(organisatie=org, gepubliceerd=False)
    assert client.get(reverse("site:vacature", args=[concept.pk])).status_code == 404
    assert client.get(reverse("site:vacature-helpen", args=[concept.pk])).status_code == 404


def _helpen(**overrides):
    data = {"naam": "Kees de Vries", "email": "kees@example.nl", "telefoon": "", "talenten": ["koken"],
            "beschikbaarheid": ["di_ochtend", "do_middag"], "toestemming": "on"}
    data.update(overrides)
    return data


def test_signing_up_keeps_consent_date_and_mails_the_personal_link(
        client, org, vacature, buurt, django_capture_on_commit_callbacks):
    coordinator = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("site:vacature-helpen", args=[vacature.pk]),
                               _helpen(buurt=buurt.pk), **EN)
    assert response.status_code == 302
    assert response["Location"] == reverse("site:vacature-bedankt", args=[vacature.pk])
    persoon = Vrijwilliger.objects.get(naam="Kees de Vries")
    assert persoon.toestemming_op == timezone.localdate()
    assert list(persoon.organisaties.all()) == [org]
    assert persoon.buurt == buurt and persoon.talenten == ["koken"]
    to_volunteer = [m for m in mail.outbox if m.to == ["kees@example.nl"]]
    assert len(to_volunteer) == 1
    assert vrijwilliger_link(persoon) in to_volunteer[0].body
    assert [m for m in mail.outbox if m.to == [coordinator.email]]
    thanks = client.get(response["Location"], **EN).content.decode()
    assert "personal link" in thanks


def test_without_consent_nothing_is_kept_and_the_error_is_beside_the_field(client, vacature):
    response = client.post(reverse("site:vacature-helpen", args=[vacature.pk]),
                           _helpen(toestemming=""), **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Agree to the privacy statement" in text
    assert 'id="id_toestemming-fout"' in text
    assert 'value="Kees de Vries"' in text  # keeps what was typed
    assert not Vrijwilliger.objects.exists()


def test_a_way_to_reach_them_is_needed(client, vacature):
    response = client.post(reverse("site:vacature-helpen", args=[vacature.pk]), _helpen(email=""), **EN)
    assert response.status_code == 400
    assert "so the coordinator can reach you" in response.content.decode()


def test_the_vog_date_is_asked_only_where_the_task_needs_one(client, org, locatie):
    zonder = VacatureFactory(organisatie=org, locatie=locatie, gepubliceerd=True, vog_nodig=False)
    met = VacatureFactory(organisatie=org, locatie=locatie, gepubliceerd=True, vog_nodig=True)
    assert "id_vog_datum" not in client.get(reverse("site:vacature-helpen", args=[zonder.pk])).content.decode()
    assert "id_vog_datum" in client.get(reverse("site:vacature-helpen", args=[met.pk])).content.decode()


def test_the_personal_page_shows_open_shifts_and_takes_one(client, persoon, locatie):
    dienst = DienstFactory(locatie=locatie, benodigd=1)
    page = client.get(_page(persoon), **EN)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Open shifts you can take" in text
    nemen = reverse("site:vrijwilliger-dienst-nemen", args=[vrijwilliger_token(persoon), dienst.pk])
    assert nemen in text
    response = client.post(nemen, follow=True, **EN)
    assert "You are on the shift" in response.content.decode()
    assert Inzet.objects.filter(dienst=dienst, vrijwilliger=persoon, status=InzetStatus.INGEPLAND).exists()
    mijn = response.context["inzetten"]
    assert [i.dienst for i in mijn] == [dienst]
    assert dienst not in response.context["open_diensten"]


def test_a_full_shift_cannot_be_taken_and_says_so(client, persoon, locatie, org):
    dienst = DienstFactory(locatie=locatie, benodigd=1)
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(organisaties=[org]))
    response = client.post(reverse("site:vrijwilliger-dienst-nemen", args=[vrijwilliger_token(persoon), dienst.pk]),
                           follow=True, **EN)
    assert "This shift is full" in response.content.decode()
    assert not Inzet.objects.filter(vrijwilliger=persoon).exists()


def test_a_shift_of_another_organisation_answers_404(client, persoon):
    elders = DienstFactory()
    url = reverse("site:vrijwilliger-dienst-nemen", args=[vrijwilliger_token(persoon), elders.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405


def test_giving_back_tells_the_coordinator_and_flags_a_late_one(
        client, persoon, locatie, org, django_capture_on_commit_callbacks):
    coordinator = LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user
    morgen = DienstFactory(locatie=locatie, start=timezone.now() + timedelta(hours=5),
                           eind=timezone.now() + timedelta(hours=8))
    inzet = inzet_create(dienst=morgen, vrijwilliger=persoon)
    url = reverse("site:vrijwilliger-inzet-afmelden", args=[vrijwilliger_token(persoon), inzet.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True, **EN)
    assert "You gave back the shift" in response.content.decode()
    assert "within 24 hours" in response.content.decode()
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.AFGEMELD
    (bericht,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert bericht.subject.startswith("Late cancellation")


def test_someone_elses_assignment_answers_404(client, persoon, locatie, org):
    ander = inzet_create(dienst=DienstFactory(locatie=locatie), vrijwilliger=VrijwilligerFactory(organisaties=[org]))
    url = reverse("site:vrijwilliger-inzet-afmelden", args=[vrijwilliger_token(persoon), ander.pk])
    assert client.post(url).status_code == 404


def test_a_bad_link_answers_404(client, persoon):
    token = vrijwilliger_token(persoon)
    assert client.get(reverse("site:vrijwilliger", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("site:vrijwilliger-ical", args=["rommel"])).status_code == 404


def test_the_feed_has_my_shifts_with_place_and_cancelled_ones_marked(client, persoon, locatie):
    eerste = DienstFactory(locatie=locatie)
    tweede = DienstFactory(locatie=locatie, start=eerste.start + timedelta(days=1), eind=eerste.eind + timedelta(days=1))
    inzet_create(dienst=eerste, vrijwilliger=persoon)
    teruggegeven = inzet_create(dienst=tweede, vrijwilliger=persoon)
    Inzet.objects.filter(pk=teruggegeven.pk).update(status=InzetStatus.AFGEMELD)
    response = client.get(reverse("site:vrijwilliger-ical", args=[vrijwilliger_token(persoon)]))
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    by_start = {e.decoded("dtstart"): e for e in events}
    first = by_start[timezone.localtime(eerste.start)]
    assert "Buurthuis Wyck" in str(first["location"])
    assert str(first["status"]) == "CONFIRMED"
    assert str(by_start[timezone.localtime(tweede.start)]["status"]) == "CANCELLED"
    assert first.decoded("dtstart").utcoffset() == timezone.localtime(eerste.start).utcoffset()


def test_download_my_data(client, persoon):
    response = client.get(reverse("site:vrijwilliger-gegevens", args=[vrijwilliger_token(persoon)]))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["naam"] == "Mien Jansen" and data["geaccepteerd_op"] and data["toestemming_op"]


def test_erasing_asks_first_then_erases_and_the_link_stops_working(client, persoon):
    token = vrijwilliger_token(persoon)
    url = reverse("site:vrijwilliger-wissen", args=[token])
    assert "Yes, erase my data" in client.get(url, **EN).content.decode()
    persoon.refresh_from_db()
    assert persoon.gewist_op is None
    response = client.post(url, **EN)
    assert response.status_code == 200 and "Your data are erased" in response.content.decode()
    persoon.refresh_from_db()
    assert persoon.gewist_op is not None and persoon.email == ""
    assert client.get(reverse("site:vrijwilliger", args=[token])).status_code == 404


def test_the_page_shows_in_dutch(client, persoon):
    text = client.get(_page(persoon), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Mijn diensten" in text


def test_the_personal_page_is_not_cached_and_its_link_stays_on_the_site(client, persoon):
    # same-origin, not no-referrer: with no-referrer the browser sends "Origin: null" on
    # the page's forms, and Django's CSRF check refuses them.
    response = client.get(_page(persoon))
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert re.search(r'name="referrer" content="same-origin"', response.content.decode())


# --- "gastvrouw aanwezig": an open inloop whose host shift is filled, while it runs ---------


INLOOP_DAG = "2026-12-01"  # a Tuesday


@pytest.fixture
def inloop(locatie, frozen_clock):
    """An open inloop on Tuesdays 10:00–12:00, made before it starts; then the clock
    moves inside the first one (10:30)."""
    activiteit = make_activiteit(locatie=locatie, titel="Open inloop", soort="open_inloop",
                                 start=parse_moment(f"{INLOOP_DAG} 10:00"), rrule="FREQ=WEEKLY;BYDAY=TU")
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    dienst = DienstFactory(locatie=locatie, taak=Taak.GASTVROUW, bijeenkomst=bijeenkomst,
                           start=bijeenkomst.start, eind=bijeenkomst.eind, benodigd=1)
    frozen_clock.move_to(parse_moment(f"{INLOOP_DAG} 10:30"))
    assert bijeenkomst.start <= timezone.now() < bijeenkomst.eind
    return activiteit, dienst


@pytest.mark.frozen_at(f"{INLOOP_DAG} 09:00")
def test_a_running_inloop_without_a_host_claims_none(client, locatie, inloop):
    activiteit, _dienst = inloop
    place = client.get(reverse("site:locatie", args=[locatie.slug]), **EN).content.decode()
    assert "Open inloop now: just walk in" in place and "host present" not in place
    screen = client.get(reverse("site:locatie-scherm", args=[locatie.slug]), **EN).content.decode()
    assert "Open inloop now: walk in." in screen and "host present" not in screen
    page = client.get(reverse("site:activiteit", args=[activiteit.slug]), **EN).content.decode()
    assert "host present" not in page


@pytest.mark.frozen_at(f"{INLOOP_DAG} 09:00")
def test_a_filled_host_shift_shows_host_present_on_place_activity_and_screen(client, locatie, org, inloop):
    activiteit, dienst = inloop
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(organisaties=[org]))
    place = client.get(reverse("site:locatie", args=[locatie.slug]), **EN).content.decode()
    assert "Open inloop now, host present" in place
    screen = client.get(reverse("site:locatie-scherm", args=[locatie.slug]), **EN).content.decode()
    assert "Open inloop now, host present: walk in." in screen
    page = client.get(reverse("site:activiteit", args=[activiteit.slug]), **EN).content.decode()
    assert "Open inloop now, host present" in page
    assert "gastvrouw aanwezig" in client.get(reverse("site:locatie", args=[locatie.slug]),
                                              HTTP_ACCEPT_LANGUAGE="nl").content.decode()


@pytest.mark.frozen_at(f"{INLOOP_DAG} 09:00")
def test_host_present_ends_with_the_inloop_and_not_for_a_cancelled_one(client, locatie, org, inloop):
    activiteit, dienst = inloop
    inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(organisaties=[org]))
    assert locatie_gastvrouw_aanwezig(locatie=locatie)
    assert not locatie_gastvrouw_aanwezig(locatie=locatie, moment=dienst.eind)
    Inzet.objects.filter(dienst=dienst).update(status=InzetStatus.AFGEMELD)
    assert not locatie_gastvrouw_aanwezig(locatie=locatie)
    Inzet.objects.filter(dienst=dienst).update(status=InzetStatus.INGEPLAND)
    assert locatie_gastvrouw_aanwezig(locatie=locatie)
    # Cancelled before it began (the service refuses a running occurrence).
    Bijeenkomst.objects.filter(pk=dienst.bijeenkomst_id).update(geannuleerd=True)
    assert not locatie_gastvrouw_aanwezig(locatie=locatie)


# --- day part and distance from a postcode ----------------------------------------------------


def test_the_list_filters_by_day_part_and_distance_and_says_how_far(client, org):
    punt = BevolkingspuntFactory(sleutel="6211AB", buurt=None, lat=50.85, lon=5.69)
    dichtbij = LocatieFactory(beheerder=org, naam="Dichtbij", lat=punt.lat + 0.005, lon=punt.lon)
    ver = LocatieFactory(beheerder=org, naam="Ver weg", lat=punt.lat + 0.05, lon=punt.lon)
    VacatureFactory(organisatie=org, locatie=dichtbij, titel="Ochtendkoffie", gepubliceerd=True, dagdelen=["di_ochtend"])
    VacatureFactory(organisatie=org, locatie=dichtbij, titel="Avondbar", gepubliceerd=True, dagdelen=["vr_avond"])
    VacatureFactory(organisatie=org, locatie=ver, titel="Verre ochtend", gepubliceerd=True, dagdelen=["wo_ochtend"])
    text = client.get(reverse("site:vacatures"), {"dagdeel": "ochtend", "postcode": "6211 AB"}, **EN).content.decode()
    assert "Ochtendkoffie" in text and "Avondbar" not in text and "Verre ochtend" not in text
    assert "560 m from you (hemelsbreed)" in text and "Tuesday morning" in text
    text = client.get(reverse("site:vacatures"), {"dagdeel": "ochtend", "postcode": "6211AB", "straal": "10000"},
                      **EN).content.decode()
    assert "Verre ochtend" in text
    page = client.get(reverse("site:vacatures"), {"postcode": "9999ZZ"}, **EN)
    assert page.status_code == 400 and "This postcode is unknown." in page.content.decode()
    assert 'value="9999ZZ"' in page.content.decode()
