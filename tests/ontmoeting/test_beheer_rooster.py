"""The roster and the vacancies in the workspace: the week grid (gaps marked, a constant
number of queries), new shifts once or weekly, putting a volunteer on a shift (with
availability and clashes shown), the start page's unfilled shifts, and vacancies."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.timezones import AMSTERDAM
from locaties.constants import Rol
from tests.activiteiten.factories import make_activiteit, next_weekday_at
from tests.locaties.factories import LidmaatschapFactory, OrganisatieFactory
from tests.vrijwilligers.factories import DienstFactory, VacatureFactory, VrijwilligerFactory
from vrijwilligers.constants import InzetStatus
from vrijwilligers.models import Dienst, Inzet
from vrijwilligers.selectors import dagdeel_at
from vrijwilligers.services import inzet_create

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Stichting Wyck")


def _login(client, org, rol):
    user = LidmaatschapFactory(organisatie=org, rol=rol).user
    client.force_login(user)
    return user


@pytest.fixture
def coordinator(client, org):
    return _login(client, org, Rol.COORDINATOR)


def _morgen(hour=10):
    return (timezone.localtime() + timedelta(days=1)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _roster(client, org, locatie, **query):
    return client.get(reverse("beheer:rooster-plek", args=[org.slug, locatie.slug]), query, **EN)


def test_the_roster_index_goes_straight_to_the_only_place(client, org, locatie, coordinator):
    response = client.get(reverse("beheer:rooster", args=[org.slug]))
    assert response["Location"] == reverse("beheer:rooster-plek", args=[org.slug, locatie.slug])


def test_the_grid_shows_shifts_by_task_and_day_with_who_is_on_and_the_gaps(client, org, locatie, coordinator):
    start = _morgen()
    vol = DienstFactory(locatie=locatie, start=start, eind=start + timedelta(hours=3), benodigd=1)
    inzet_create(dienst=vol, vrijwilliger=VrijwilligerFactory(naam="Mien Jansen", organisaties=[org]))
    DienstFactory(locatie=locatie, taak="bar", start=start + timedelta(hours=4), eind=start + timedelta(hours=6),
                  benodigd=2)
    DienstFactory(start=start, eind=start + timedelta(hours=3))  # another place
    response = _roster(client, org, locatie, week=start.date().isoformat())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mien Jansen" in text
    assert "1 shift still needs people." in text
    assert text.count("dienst-open") == 1 and "2 open" in text
    rijen = response.context["rijen"]
    assert [r["taak"] for r in rijen] == ["Host (gastvrouw/gastheer)", "Bar"]
    dag = (start.date() - response.context["maandag"]).days
    assert rijen[0]["cellen"][dag] == [vol]
    assert rijen[0]["van"].tzinfo is not None and rijen[0]["van"].hour == 10  # Amsterdam time


def test_the_grid_takes_a_constant_number_of_queries(client, org, locatie, coordinator):
    start = _morgen()
    week = start.date().isoformat()

    def add(n):
        for i in range(n):
            dienst = DienstFactory(locatie=locatie, start=start + timedelta(hours=i % 10, days=i // 10),
                                   eind=start + timedelta(hours=i % 10 + 1, days=i // 10))
            inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(organisaties=[org]))

    add(2)
    _roster(client, org, locatie, week=week)  # the first request of a session does more
    with CaptureQueriesContext(connection) as few:
        _roster(client, org, locatie, week=week)
    add(30)
    with CaptureQueriesContext(connection) as many:
        _roster(client, org, locatie, week=week)
    assert len(many) == len(few), "\n".join(q["sql"][:160] for q in many.captured_queries)


def test_a_weekly_shift_is_added_for_the_weeks_asked(client, org, locatie, coordinator):
    datum = next_weekday_at(3, 10).date()
    response = client.post(reverse("beheer:dienst-nieuw", args=[org.slug, locatie.slug]), {
        "taak": "gastvrouw", "datum": datum.isoformat(), "begintijd": "10:00", "eindtijd": "12:30",
        "benodigd": "2", "weken": "4"}, follow=True, **EN)
    assert "4 shifts added to the roster of Buurthuis Wyck." in response.content.decode()
    diensten = list(Dienst.objects.filter(locatie=locatie).order_by("start"))
    assert [timezone.localtime(d.start, AMSTERDAM).date() for d in diensten] == [
        datum + timedelta(weeks=n) for n in range(4)]
    assert all(timezone.localtime(d.eind, AMSTERDAM).strftime("%H:%M") == "12:30" for d in diensten)


def test_a_wrong_shift_shows_errors_beside_the_fields_and_keeps_what_was_typed(client, org, locatie, coordinator):
    response = client.post(reverse("beheer:dienst-nieuw", args=[org.slug, locatie.slug]), {
        "taak": "bar", "datum": "2027-01-07", "begintijd": "12:00", "eindtijd": "10:00", "benodigd": "1",
        "weken": "99", "omschrijving": "Tappen"}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="id_eindtijd-fout"' in text and 'id="id_weken-fout"' in text
    assert "Something is not right yet" in text
    assert 'value="Tappen"' in text
    assert not Dienst.objects.exists()


def test_putting_a_volunteer_on_a_shift_shows_availability_and_clashes(client, org, locatie, coordinator):
    start = _morgen()
    dienst = DienstFactory(locatie=locatie, start=start, eind=start + timedelta(hours=2), benodigd=1)
    past = VrijwilligerFactory(naam="Anna Past", organisaties=[org], beschikbaarheid=[dagdeel_at(start)])
    bezet = VrijwilligerFactory(naam="Bert Bezet", organisaties=[org])
    inzet_create(dienst=DienstFactory(start=start, eind=start + timedelta(hours=1)), vrijwilliger=bezet)
    VrijwilligerFactory(naam="Elders Iemand")  # another organisation's volunteer
    page = client.get(reverse("beheer:dienst", args=[org.slug, dienst.pk]), **EN).content.decode()
    assert "Anna Past (available then)" in page
    assert "Bert Bezet (has another shift then)" in page
    assert "Elders Iemand" not in page
    response = client.post(reverse("beheer:dienst-invullen", args=[org.slug, dienst.pk]),
                           {"vrijwilliger": past.pk}, follow=True, **EN)
    assert "Anna Past is on the shift." in response.content.decode()
    assert Inzet.objects.filter(dienst=dienst, vrijwilliger=past).exists()
    again = client.post(reverse("beheer:dienst-invullen", args=[org.slug, dienst.pk]), {"vrijwilliger": bezet.pk}, **EN)
    assert again.status_code == 400
    assert "This shift is full" in again.content.decode()


def test_a_manager_sees_the_shift_but_not_the_volunteers(client, org, locatie):
    _login(client, org, Rol.BEHEERDER)
    dienst = DienstFactory(locatie=locatie)
    VrijwilligerFactory(naam="Anna Past", organisaties=[org])
    page = client.get(reverse("beheer:dienst", args=[org.slug, dienst.pk]), **EN).content.decode()
    assert "Coordinators and the board choose among the volunteers." in page
    assert "Anna Past" not in page


def test_taking_someone_off_frees_the_place(client, org, locatie, coordinator):
    dienst = DienstFactory(locatie=locatie, benodigd=1)
    inzet = inzet_create(dienst=dienst, vrijwilliger=VrijwilligerFactory(naam="Mien", organisaties=[org]))
    response = client.post(reverse("beheer:inzet-afmelden", args=[org.slug, inzet.pk]), follow=True, **EN)
    assert "Mien is off the shift; the place is free." in response.content.decode()
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.AFGEMELD


def test_another_organisations_shift_answers_404(client, org, coordinator):
    elders = DienstFactory()
    assert client.get(reverse("beheer:dienst", args=[org.slug, elders.pk])).status_code == 404
    assert client.get(reverse("beheer:rooster-plek", args=[org.slug, elders.locatie.slug])).status_code == 404


def test_the_start_page_lists_this_weeks_unfilled_shifts(client, org, locatie, coordinator):
    start = _morgen()
    open_dienst = DienstFactory(locatie=locatie, start=start, eind=start + timedelta(hours=2), benodigd=1)
    vol = DienstFactory(locatie=locatie, taak="bar", start=start, eind=start + timedelta(hours=2), benodigd=1)
    inzet_create(dienst=vol, vrijwilliger=VrijwilligerFactory(organisaties=[org]))
    response = client.get(reverse("beheer:start", args=[org.slug]), {"week": start.date().isoformat()}, **EN)
    assert "Shifts that still need people this week" in response.content.decode()
    assert response.context["open_diensten"] == [open_dienst]


def test_a_vacancy_is_saved_as_draft_then_published(client, org, locatie, coordinator):
    response = client.post(reverse("beheer:vacatures", args=[org.slug]), {
        "titel": "Koken op donderdag", "beschrijving": "Samen koken voor 20 buren.", "taak": "keuken",
        "locatie": locatie.pk}, follow=True, **EN)
    assert "is saved. Publish it" in response.content.decode()
    (vacature,) = response.context["vacatures"]
    assert not vacature.gepubliceerd
    assert client.get(reverse("site:vacature", args=[vacature.pk])).status_code == 404
    response = client.post(reverse("beheer:vacature-publiceren", args=[org.slug, vacature.pk]), follow=True, **EN)
    assert "is now on the site" in response.content.decode()
    assert client.get(reverse("site:vacature", args=[vacature.pk])).status_code == 200


def test_a_vacancy_without_a_title_keeps_what_was_typed(client, org, coordinator):
    response = client.post(reverse("beheer:vacatures", args=[org.slug]), {
        "titel": "", "beschrijving": "Samen koken", "taak": "keuken"}, **EN)
    assert response.status_code == 400
    assert 'id="id_titel-fout"' in response.content.decode() and "Samen koken" in response.content.decode()


def test_a_manager_gets_no_vacancies(client, org):
    _login(client, org, Rol.BEHEERDER)
    assert client.get(reverse("beheer:vacatures", args=[org.slug])).status_code == 403
    VacatureFactory(organisatie=org)
    assert "Vacancies" not in client.get(reverse("beheer:start", args=[org.slug]), **EN).content.decode().split(
        "</nav>")[1]


def test_open_inloop_dates_without_a_host_shift_are_flagged_and_get_one(client, org, locatie, coordinator):
    activiteit = make_activiteit(locatie=locatie, titel="Open inloop", soort="open_inloop",
                                 start=next_weekday_at(3, 10), rrule="FREQ=WEEKLY;BYDAY=TH")
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    week = timezone.localtime(eerste.start, AMSTERDAM).date().isoformat()
    page = _roster(client, org, locatie, week=week)
    assert page.context["inloop_zonder"] == [eerste]
    assert "has no host shift yet" in page.content.decode()
    url = reverse("beheer:rooster-inloop", args=[org.slug, locatie.slug]) + f"?week={week}"
    response = client.post(url, follow=True, **EN)
    assert "One host shift made for the open inloop." in response.content.decode()
    (dienst,) = Dienst.objects.filter(bijeenkomst=eerste)
    assert (dienst.taak, dienst.start, dienst.eind) == ("gastvrouw", eerste.start, eerste.eind)
    assert response.context["inloop_zonder"] == []
    again = client.post(url, follow=True, **EN)
    assert "already has a host shift" in again.content.decode()
    assert Dienst.objects.filter(bijeenkomst=eerste).count() == 1


def test_the_volunteers_list_is_searchable_with_hours_and_erases_on_request(client, org, locatie, coordinator):
    mien = VrijwilligerFactory(naam="Mien Jansen", email="mien@example.nl", organisaties=[org], talenten=["koken"])
    VrijwilligerFactory(naam="Kees Bakker", organisaties=[org])
    VrijwilligerFactory(naam="Elders Iemand")
    gewerkt = inzet_create(dienst=DienstFactory(locatie=locatie, start=_morgen() - timedelta(days=2),
                                                eind=_morgen() - timedelta(days=2) + timedelta(hours=2)),
                           vrijwilliger=mien)
    Inzet.objects.filter(pk=gewerkt.pk).update(status=InzetStatus.GEWERKT, uren=2)
    page = client.get(reverse("beheer:vrijwilligers", args=[org.slug]), **EN)
    text = page.content.decode()
    assert "Mien Jansen" in text and "Kees Bakker" in text and "Elders Iemand" not in text
    assert "Cooking" in text
    assert [p.uren_dit_jaar for p in page.context["pagina"] if p.pk == mien.pk] == [2]
    found = client.get(reverse("beheer:vrijwilligers", args=[org.slug]), {"zoek": "kees"}, **EN).content.decode()
    assert "Kees Bakker" in found and "Mien Jansen" not in found
    data = client.get(reverse("beheer:vrijwilliger-gegevens", args=[org.slug, mien.pk]))
    assert data.json()["email"] == "mien@example.nl"
    response = client.post(reverse("beheer:vrijwilliger-wissen", args=[org.slug, mien.pk]), follow=True, **EN)
    assert "The data of Mien Jansen are erased" in response.content.decode()
    mien.refresh_from_db()
    assert mien.gewist_op is not None


def test_the_volunteers_list_takes_a_constant_number_of_queries(client, org, coordinator):
    VrijwilligerFactory(organisaties=[org])
    url = reverse("beheer:vrijwilligers", args=[org.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(10):
        VrijwilligerFactory(organisaties=[org])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_moved_or_cancelled_occurrence_takes_its_shift_along_and_tells_the_volunteer(
        client, org, locatie, coordinator, django_capture_on_commit_callbacks):
    activiteit = make_activiteit(locatie=locatie, titel="Open inloop", soort="open_inloop",
                                 start=next_weekday_at(3, 10), rrule="FREQ=WEEKLY;BYDAY=TH")
    eerste, tweede = activiteit.bijeenkomsten.order_by("start")[:2]
    diensten = {}
    for bijeenkomst in (eerste, tweede):
        diensten[bijeenkomst.pk] = DienstFactory(locatie=locatie, bijeenkomst=bijeenkomst, start=bijeenkomst.start,
                                                 eind=bijeenkomst.eind, benodigd=1)
        inzet_create(dienst=diensten[bijeenkomst.pk],
                     vrijwilliger=VrijwilligerFactory(email=f"v{bijeenkomst.pk}@example.nl", organisaties=[org]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("beheer:bijeenkomst-verplaatsen", args=[org.slug, eerste.pk]), {
            "datum": timezone.localtime(eerste.start, AMSTERDAM).date().isoformat(),
            "begintijd": "13:00", "eindtijd": "15:00"}, **EN)
    eerste.refresh_from_db()
    verplaatst = Dienst.objects.get(pk=diensten[eerste.pk].pk)
    assert (verplaatst.start, verplaatst.eind) == (eerste.start, eerste.eind)
    assert timezone.localtime(verplaatst.start, AMSTERDAM).hour == 13
    (bericht,) = [m for m in mail.outbox if m.to == [f"v{eerste.pk}@example.nl"]]
    assert bericht.subject.startswith("Your shift has moved")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("beheer:bijeenkomst-annuleren", args=[org.slug, tweede.pk]), {"reden": "Ziek"}, **EN)
    (bericht,) = [m for m in mail.outbox if m.to == [f"v{tweede.pk}@example.nl"]]
    assert bericht.subject.startswith("Your shift is off")


def test_a_sign_up_waits_for_the_coordinator_who_accepts_or_declines(
        client, org, locatie, coordinator, django_capture_on_commit_callbacks):
    kees = VrijwilligerFactory(naam="Kees Wacht", email="kees@example.nl", organisaties=[org], geaccepteerd_op=None)
    piet = VrijwilligerFactory(naam="Piet Nee", email="piet@example.nl", organisaties=[org], geaccepteerd_op=None)
    dienst = DienstFactory(locatie=locatie, benodigd=2)
    assert "Kees Wacht" not in client.get(reverse("beheer:dienst", args=[org.slug, dienst.pk])).content.decode()
    page = client.get(reverse("beheer:vrijwilligers", args=[org.slug]), **EN)
    assert page.context["wachtend"] == [kees, piet]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("beheer:vrijwilliger-accepteren", args=[org.slug, kees.pk]), follow=True, **EN)
    assert "Kees Wacht is accepted" in response.content.decode()
    kees.refresh_from_db()
    assert kees.geaccepteerd_op is not None
    assert [m.subject for m in mail.outbox if m.to == ["kees@example.nl"]] == ["Welcome as a volunteer"]
    assert "Kees Wacht" in client.get(reverse("beheer:dienst", args=[org.slug, dienst.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("beheer:vrijwilliger-afwijzen", args=[org.slug, piet.pk]), follow=True, **EN)
    assert "is declined" in response.content.decode()
    piet.refresh_from_db()
    assert piet.gewist_op is not None and piet.email == ""
    assert [m.subject for m in mail.outbox if m.to == ["piet@example.nl"]] == ["Your sign-up as a volunteer"]
    assert response.context["wachtend"] == []
