"""The workspace (/beheer/): per page who may open it, what it shows, what a change does
and says, that a form keeps what was typed, and a constant number of queries on lists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import AanmeldingNodig, AanmeldingStatus, ActiviteitStatus, Regio
from activiteiten.models import Aanmelding, Activiteit
from activiteiten.services import aanmelding_create
from core.timezones import AMSTERDAM
from locaties.constants import ReserveringStatus, Rol
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding, next_weekday_at
from tests.locaties.factories import (
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def activiteit(locatie):
    return make_activiteit_met_aanmelding(capaciteit=2, locatie=locatie, titel="Koffieochtend")


def _first(activiteit):
    return activiteit.bijeenkomsten.order_by("start").first()


def _get(client, name, *args, **query):
    url = reverse(name, args=args)
    return client.get(url, query, **EN)


def _post(client, name, *args, data=None, follow=False):
    return client.post(reverse(name, args=args), data or {}, follow=follow, **EN)


def _schedule(locatie, **overrides):
    """A form for every Tuesday 10:00–12:00, not in the school holidays of region south."""
    data = {
        "titel": "Handwerkclub", "soort": "activiteit", "locatie": locatie.pk, "ruimte": "",
        "patroon": "wekelijks", "weekdagen": ["1"], "eerste_datum": next_weekday_at(1, 10).date().isoformat(),
        "begintijd": "10:00", "eindtijd": "12:00", "einde": "geen", "skip_schoolvakantie": "on", "regio": "zuid",
        "kosten": "2,50", "aanmelding": "geen", "status": "gepubliceerd",
        "categorieen": ["creatief"], "doelgroepen": ["ouderen"], "talen": ["nl"],
    }
    data.update(overrides)
    return data


# --- choosing the organisation ----------------------------------------------------------


def test_one_organisation_goes_straight_to_its_start_page(client, bestuur, org):
    response = _get(client, "beheer:kiezen")
    assert response.status_code == 302 and response.url == reverse("beheer:start", args=[org.slug])


def test_a_member_of_two_organisations_chooses(client, bestuur, org):
    other = LidmaatschapFactory(user=bestuur, rol=Rol.COORDINATOR, organisatie__naam="Huiskamer Oost").organisatie
    html = _get(client, "beheer:kiezen").content.decode()
    assert reverse("beheer:start", args=[org.slug]) in html and reverse("beheer:start", args=[other.slug]) in html


def test_the_header_links_to_the_workspace_once_logged_in(client, bestuur):
    assert 'href="/beheer/"' in client.get("/agenda").content.decode()


def test_anonymous_goes_to_the_login_page(client, org):
    response = _get(client, "beheer:start", org.slug)
    assert response.status_code == 302 and response.url.startswith(reverse("site:login"))


# --- the start page --------------------------------------------------------------------------


def test_start_page_shows_this_weeks_dates_with_places_taken(client, bestuur, org, activiteit):
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Mien", telefoon="0612345678")
    b.start = b.start  # the first occurrence lies in this week or the next
    week = timezone.localtime(b.start, AMSTERDAM).date().isoformat()
    html = _get(client, "beheer:start", org.slug, week=week).content.decode()
    assert "Koffieochtend" in html and "1 of 2 places taken" in html
    assert reverse("beheer:aanmeldingen", args=[org.slug, b.pk]) in html


def test_start_page_lists_activities_not_confirmed_recently(client, bestuur, org, activiteit):
    html = _get(client, "beheer:start", org.slug).content.decode()
    assert "Is this still running?" in html and "never confirmed" in html


def test_start_page_uses_a_constant_number_of_queries(client, bestuur, org, locatie):
    make_activiteit(locatie=locatie, titel="Een")
    url = reverse("beheer:start", args=[org.slug])
    client.get(url)  # the session's first request writes it
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        make_activiteit_met_aanmelding(locatie=LocatieFactory(beheerder=org), titel=f"Meer {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_another_organisations_workspace_answers_404(client, bestuur):
    other = OrganisatieFactory()
    assert _get(client, "beheer:start", other.slug).status_code == 404
    assert _get(client, "beheer:activiteiten", other.slug).status_code == 404


# --- activities ------------------------------------------------------------------------------


def test_creating_every_tuesday_not_in_the_school_holidays(client, bestuur, org, locatie):
    response = _post(client, "beheer:activiteit-nieuw", org.slug, data=_schedule(locatie))
    activiteit = Activiteit.objects.get(titel="Handwerkclub")
    assert response.status_code == 302
    assert response.url == reverse("beheer:activiteit", args=[org.slug, activiteit.slug])
    assert activiteit.rrule == "FREQ=WEEKLY;BYDAY=TU" and activiteit.duur == timedelta(hours=2)
    assert activiteit.skip_schoolvakantie == Regio.ZUID and activiteit.kosten == Decimal("2.50")
    assert activiteit.organisator == org and activiteit.categorieen == ["creatief"]
    assert timezone.localtime(activiteit.start, AMSTERDAM).strftime("%a %H:%M") == "Tue 10:00"
    assert activiteit.bijeenkomsten.exists()
    page = client.get(response.url, **EN).content.decode()
    assert "Every Tuesday, 10:00–12:00" in page and "not in the school holidays (region South)" in page


def test_the_schedule_reads_in_dutch(client, bestuur, org, locatie):
    client.post(reverse("beheer:activiteit-nieuw", args=[org.slug]),
                _schedule(locatie, patroon="maandelijks_nde", n="2", weekdagen=["1"]))
    activiteit = Activiteit.objects.get(titel="Handwerkclub")
    assert activiteit.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    page = client.get(reverse("beheer:activiteit", args=[org.slug, activiteit.slug])).content.decode()
    assert "Elke 2e dinsdag van de maand, 10:00–12:00" in page
    assert "niet in de schoolvakanties (regio Zuid)" in page


def test_several_weekdays_every_other_week_with_a_count(client, bestuur, org, locatie):
    _post(client, "beheer:activiteit-nieuw", org.slug, data=_schedule(
        locatie, patroon="om_de_n_weken", interval="2", weekdagen=["1", "3"], einde="aantal", aantal_keer="6"))
    activiteit = Activiteit.objects.get(titel="Handwerkclub")
    assert activiteit.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6"


def test_a_form_with_mistakes_keeps_what_was_typed(client, bestuur, org, locatie):
    response = _post(client, "beheer:activiteit-nieuw", org.slug, data=_schedule(
        locatie, weekdagen=[], eindtijd="09:00", kosten="twee euro"))
    html = response.content.decode()
    assert response.status_code == 400 and not Activiteit.objects.exists()
    assert "error-summary" in html and 'value="Handwerkclub"' in html
    assert "Choose at least one day of the week." in html
    assert "The end must be after the start" in html and "Write the cost as an amount" in html


def test_the_preview_shows_the_dates_and_saves_nothing(client, bestuur, org, locatie):
    response = _post(client, "beheer:activiteit-nieuw", org.slug, data={**_schedule(locatie), "voorbeeld": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and not Activiteit.objects.exists()
    assert "The next dates" in html and html.count("<li") >= 10


def test_editing_shows_the_schedule_back_in_the_form(client, bestuur, org, activiteit):
    html = _get(client, "beheer:activiteit", org.slug, activiteit.slug).content.decode()
    assert 'value="wekelijks" ' in html and "checked" in html
    assert 'value="14:00"' in html and 'value="16:00"' in html


def test_editing_changes_the_activity(client, bestuur, org, activiteit):
    data = _schedule(activiteit.locatie, titel="Koffieochtend", aanmelding="verplicht", capaciteit="2",
                     begintijd="14:00", eindtijd="17:00", skip_schoolvakantie="", kosten="0")
    response = _post(client, "beheer:activiteit", org.slug, activiteit.slug, data=data)
    activiteit.refresh_from_db()
    assert response.status_code == 302 and activiteit.duur == timedelta(hours=3)


def test_another_organisations_activity_answers_404(client, bestuur, org):
    foreign = make_activiteit(titel="Elders")
    assert _get(client, "beheer:activiteit", org.slug, foreign.slug).status_code == 404
    assert _get(client, "beheer:activiteit", foreign.organisator.slug, foreign.slug).status_code == 404


def test_the_list_filters_and_pages_with_a_constant_number_of_queries(client, bestuur, org, locatie):
    for n in range(3):
        make_activiteit(locatie=locatie, titel=f"Actief {n}")
    make_activiteit(locatie=locatie, titel="Nog een concept", status=ActiviteitStatus.CONCEPT)
    url = reverse("beheer:activiteiten", args=[org.slug])
    client.get(url)  # the session's first request writes it
    with CaptureQueriesContext(connection) as few:
        html = client.get(url, {"status": "concept"}, **EN).content.decode()
    assert "Nog een concept" in html and "Actief 0" not in html
    for n in range(30):
        make_activiteit(locatie=locatie, titel=f"Meer {n:02}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, {"niet_bevestigd": "on"}, **EN).content.decode()
    assert len(many) == len(few)
    assert "Page 1 of 2" in html and "not confirmed recently" in html


def test_duplicating_makes_a_draft_copy(client, bestuur, org, activiteit):
    response = _post(client, "beheer:activiteit-kopie", org.slug, activiteit.slug)
    kopie = Activiteit.objects.exclude(pk=activiteit.pk).get()
    assert response.status_code == 302 and kopie.status == ActiviteitStatus.CONCEPT
    assert kopie.titel == "Koffieochtend (copy)" and kopie.rrule == activiteit.rrule


def test_stopping_cancels_the_coming_dates_and_tells_the_registrants(
    client, bestuur, org, activiteit, django_capture_on_commit_callbacks
):
    aanmelding_create(bijeenkomst=_first(activiteit), naam="Mien", email="mien@example.nl")
    mail.outbox.clear()
    assert "1 registration is told by mail" in _get(client, "beheer:activiteit-stoppen", org.slug, activiteit.slug).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "beheer:activiteit-stoppen", org.slug, activiteit.slug, follow=True)
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.GESTOPT
    assert not activiteit.bijeenkomsten.filter(start__gte=timezone.now(), geannuleerd=False).exists()
    assert "1 registered person gets a message" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["mien@example.nl"]]


def test_a_coordinator_may_run_activities(client, org, activiteit):
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user)
    assert _get(client, "beheer:activiteit", org.slug, activiteit.slug).status_code == 200


# --- occurrences -----------------------------------------------------------------------------


def test_the_dates_of_a_month(client, bestuur, org, activiteit):
    b = _first(activiteit)
    html = _get(client, "beheer:bijeenkomsten", org.slug, activiteit.slug,
                maand=timezone.localtime(b.start, AMSTERDAM).strftime("%Y-%m")).content.decode()
    assert reverse("beheer:bijeenkomst-annuleren", args=[org.slug, b.pk]) in html
    assert "0 of 2 places taken" in html


def test_cancelling_a_date_tells_the_registrants_and_says_so(
    client, bestuur, org, activiteit, django_capture_on_commit_callbacks
):
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Mien", email="mien@example.nl")
    aanmelding_create(bijeenkomst=b, naam="Piet", telefoon="0612345678")
    mail.outbox.clear()
    empty = _post(client, "beheer:bijeenkomst-annuleren", org.slug, b.pk, data={"reden": ""})
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "beheer:bijeenkomst-annuleren", org.slug, b.pk, data={"reden": "Ziek"}, follow=True)
    b.refresh_from_db()
    assert b.geannuleerd and b.notitie == "Ziek"
    day = timezone.localtime(b.start, AMSTERDAM).strftime("%A %-d %B")
    html = response.content.decode()
    assert f"{day} is cancelled. 2 registered people get a message." in html
    assert "Please phone those without e-mail: Piet (0612345678)." in html
    assert [m.to for m in mail.outbox] == [["mien@example.nl"]]


def test_moving_into_a_booked_room_names_the_clash(client, bestuur, org, locatie):
    ruimte = RuimteFactory(locatie=locatie, naam="Zaal")
    activiteit = make_activiteit(locatie=locatie, ruimte=ruimte)
    b = _first(activiteit)
    later = b.start + timedelta(days=1)
    ReserveringFactory(ruimte=ruimte, start=later, eind=later + timedelta(hours=2), status=ReserveringStatus.BEVESTIGD)
    data = {"datum": timezone.localtime(later, AMSTERDAM).date().isoformat(), "begintijd": "14:00", "eindtijd": "16:00",
            "ruimte": ""}
    response = _post(client, "beheer:bijeenkomst-verplaatsen", org.slug, b.pk, data=data)
    assert response.status_code == 400 and "The room is already booked at that time" in response.content.decode()
    data["begintijd"], data["eindtijd"] = "18:00", "19:30"
    response = _post(client, "beheer:bijeenkomst-verplaatsen", org.slug, b.pk, data=data, follow=True)
    b.refresh_from_db()
    assert b.verplaatst and timezone.localtime(b.start, AMSTERDAM).strftime("%H:%M") == "18:00"
    assert "is moved to" in response.content.decode()


def test_another_organisations_date_answers_404(client, bestuur, org):
    foreign = _first(make_activiteit(titel="Elders"))
    assert _get(client, "beheer:aanmeldingen", org.slug, foreign.pk).status_code == 404
    assert _post(client, "beheer:bijeenkomst-annuleren", org.slug, foreign.pk, data={"reden": "x"}).status_code == 404


# --- registrations ----------------------------------------------------------------------------


def test_registrations_show_the_waiting_list_in_order(client, bestuur, org, activiteit):
    b = _first(activiteit)
    for naam in ("Anna", "Bert", "Cor", "Dien"):
        aanmelding_create(bijeenkomst=b, naam=naam, telefoon="0612345678")
    html = _get(client, "beheer:aanmeldingen", org.slug, b.pk).content.decode()
    assert html.index("Anna") < html.index("Bert") < html.index("Cor") < html.index("Dien")
    assert "number 1" in html and "number 2" in html and "2 of 2 places taken, 2 waiting" in html


def test_registering_someone_who_phoned(client, bestuur, org, activiteit):
    b = _first(activiteit)
    response = _post(client, "beheer:aanmelding-nieuw", org.slug, b.pk,
                     data={"naam": "Mevrouw Jansen", "telefoon": "043 321 1234", "aantal": "1"}, follow=True)
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == AanmeldingStatus.BEVESTIGD and aanmelding.telefoon == "043 321 1234"
    assert "Mevrouw Jansen is registered for" in response.content.decode()
    missing = _post(client, "beheer:aanmelding-nieuw", org.slug, b.pk, data={"naam": "Meneer", "aantal": "1"})
    assert missing.status_code == 400 and 'value="Meneer"' in missing.content.decode()


def test_cancelling_one_gives_the_place_to_the_waiting_list(client, bestuur, org, activiteit):
    b = _first(activiteit)
    first = aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="1", aantal=2)
    waiting = aanmelding_create(bijeenkomst=b, naam="Bert", telefoon="2")
    _post(client, "beheer:aanmelding-annuleren", org.slug, first.pk)
    first.refresh_from_db(), waiting.refresh_from_db()
    assert first.status == AanmeldingStatus.GEANNULEERD and waiting.status == AanmeldingStatus.BEVESTIGD


def test_moving_up_from_the_waiting_list(client, bestuur, org, activiteit):
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Anna", telefoon="1")
    groot = aanmelding_create(bijeenkomst=b, naam="Familie", telefoon="2", aantal=3)
    klein = aanmelding_create(bijeenkomst=b, naam="Bert", telefoon="3")
    assert klein.status == AanmeldingStatus.BEVESTIGD  # it fitted
    activiteit.capaciteit = 5
    Activiteit.objects.filter(pk=activiteit.pk).update(capaciteit=5)
    response = _post(client, "beheer:aanmelding-doorschuiven", org.slug, groot.pk, follow=True)
    groot.refresh_from_db()
    assert groot.status == AanmeldingStatus.BEVESTIGD
    assert "Familie has a place now" in response.content.decode()


def test_the_attendance_list_as_csv(client, bestuur, org, activiteit):
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="=Anna", telefoon="0612345678")
    response = _get(client, "beheer:presentielijst", org.slug, b.pk)
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "Name;Phone;E-mail;Number of people;Status;Present"
    assert "'=Anna;0612345678;;1;Confirmed;" in text


def test_recording_attendance_afterwards(client, bestuur, org, activiteit, frozen_clock):
    b = _first(activiteit)
    too_soon = _post(client, "beheer:aanwezigen", org.slug, b.pk, data={"aanwezigen": "7"})
    assert too_soon.status_code == 400 and "once the occurrence has started" in too_soon.content.decode()
    frozen_clock.move_to(b.eind + timedelta(hours=1))
    client.force_login(bestuur)  # the session ended while the clock moved on
    response = _post(client, "beheer:aanwezigen", org.slug, b.pk, data={"aanwezigen": "7"}, follow=True)
    b.refresh_from_db()
    assert b.aanwezigen == 7 and "Saved: 7 people came on" in response.content.decode()


def test_the_registrations_page_uses_a_constant_number_of_queries(client, bestuur, org, locatie):
    activiteit = make_activiteit_met_aanmelding(capaciteit=50, locatie=locatie)
    b = _first(activiteit)
    aanmelding_create(bijeenkomst=b, naam="Een", telefoon="1")
    url = reverse("beheer:aanmeldingen", args=[org.slug, b.pk])
    client.get(url)  # the session's first request writes it
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        aanmelding_create(bijeenkomst=b, naam=f"Meer {n}", telefoon="1")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_registration_needs_registration_on(client, bestuur, org, locatie):
    b = _first(make_activiteit(locatie=locatie, aanmelding=AanmeldingNodig.GEEN))
    response = _post(client, "beheer:aanmelding-nieuw", org.slug, b.pk, data={"naam": "X", "telefoon": "1", "aantal": "1"})
    assert response.status_code == 400 and "needs no registration" in response.content.decode()
