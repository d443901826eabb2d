"""A place's pages in the workspace: the profile (the point from the postcode, the buurt
from the point), the week of opening hours and the closures that can cancel dates; who
may open them, what a change does and says, and that a form keeps what was typed."""

from datetime import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from activiteiten.models import Bijeenkomst
from activiteiten.services import aanmelding_create
from core.timezones import AMSTERDAM
from locaties.constants import Rol
from locaties.models import LocatieFoto, Openingstijd, Sluiting
from locaties.services import locatiefoto_create
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    OrganisatieFactory,
    SluitingFactory,
)
from tests.locaties.test_services import jpeg_with_gps

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def buurt():
    return BuurtFactory(naam="Wyck")


@pytest.fixture
def locatie(org, buurt):
    return LocatieFactory(beheerder=org, naam="Buurthuis Wyck", buurt=buurt, postcode="6221 AB")


def _login(client, org, rol):
    user = LidmaatschapFactory(organisatie=org, rol=rol).user
    client.force_login(user)
    return user


@pytest.fixture
def bestuur(client, org):
    return _login(client, org, Rol.BESTUUR)


def _url(name, locatie, *extra):
    return reverse(name, args=[locatie.beheerder.slug, locatie.slug, *extra])


def _profiel(locatie, **overrides):
    data = {
        "naam": locatie.naam, "soort": locatie.soort, "beschrijving": "Een huiskamer voor de wijk.",
        "straat": "Rechtstraat", "huisnummer": "12", "postcode": locatie.postcode, "plaats": "Maastricht",
        "lat": repr(locatie.lat), "lon": repr(locatie.lon), "email": "info@wyck.nl", "telefoon": "0431234567",
        "website": "https://wyck.nl", "toegankelijkheid": ["drempelvrij", "ringleiding"],
        "faciliteiten": ["keuken"], "gepubliceerd": "on",
    }
    data.update(overrides)
    return data


# --- the profile --------------------------------------------------------------------------


def test_the_profile_shows_every_field_with_the_explanation_of_each_choice(client, bestuur, locatie):
    html = client.get(_url("beheer:plek", locatie), **EN).content.decode()
    for name in ("naam", "soort", "beschrijving", "straat", "huisnummer", "postcode", "plaats", "lat", "lon",
                 "email", "telefoon", "website", "noodsteunpunt", "gepubliceerd", "open_sinds", "gesloten_sinds"):
        assert f'name="{name}"' in html, name
    assert "Hearing loop" in html and "An induction loop for hearing aids" in html
    assert "Kitchen" in html and "A kitchen where groups may cook" in html
    assert "Buurt: <strong>Wyck</strong>" in html


def test_saving_the_profile_changes_the_place_and_says_so(client, bestuur, locatie):
    response = client.post(_url("beheer:plek", locatie), _profiel(locatie, noodsteunpunt="on"), follow=True, **EN)
    locatie.refresh_from_db()
    assert locatie.straat == "Rechtstraat" and locatie.email == "info@wyck.nl" and locatie.noodsteunpunt
    assert locatie.toegankelijkheid == ["drempelvrij", "ringleiding"] and locatie.faciliteiten == ["keuken"]
    assert "“Buurthuis Wyck” is saved. The place lies in buurt Wyck." in response.content.decode()


def test_a_form_with_mistakes_keeps_what_was_typed_and_changes_nothing(client, bestuur, locatie):
    response = client.post(_url("beheer:plek", locatie), _profiel(
        locatie, naam="", email="geen adres", straat="Nieuwe straat", website="niet//goed"), **EN)
    html = response.content.decode()
    assert response.status_code == 400 and "error-summary" in html
    assert 'value="Nieuwe straat"' in html and 'value="niet//goed"' in html
    assert html.count("checked") == 4  # two accessibility choices, the kitchen and published, as ticked
    assert "Enter a valid email address." in html
    locatie.refresh_from_db()
    assert locatie.naam == "Buurthuis Wyck" and locatie.straat != "Nieuwe straat"


def test_a_new_postcode_finds_the_point_and_the_point_the_buurt(client, bestuur, locatie):
    elders = BuurtFactory(naam="Sint Pieter")
    punt = BevolkingspuntFactory(buurt=elders, sleutel="6212AB")
    response = client.post(_url("beheer:plek", locatie), _profiel(locatie, postcode="6212 ab"), follow=True, **EN)
    locatie.refresh_from_db()
    assert (locatie.lat, locatie.lon) == (punt.lat, punt.lon)
    assert locatie.postcode == "6212 AB" and locatie.buurt == elders
    html = response.content.decode()
    assert "The point is found from postcode 6212 AB. The place lies in buurt Sint Pieter." in html
    assert "Buurt: <strong>Sint Pieter</strong>" in html


def test_empty_coordinates_are_found_from_the_postcode(client, bestuur, locatie, buurt):
    punt = BevolkingspuntFactory(buurt=buurt, sleutel="6221AB")
    client.post(_url("beheer:plek", locatie), _profiel(locatie, lat="", lon=""), **EN)
    locatie.refresh_from_db()
    assert (locatie.lat, locatie.lon) == (punt.lat, punt.lon)


def test_a_point_typed_with_a_new_postcode_is_kept(client, bestuur, locatie, buurt):
    BevolkingspuntFactory(buurt=BuurtFactory(), sleutel="6212AB")
    lat, lon = locatie.lat + 0.001, locatie.lon + 0.001
    client.post(_url("beheer:plek", locatie), _profiel(locatie, postcode="6212 AB", lat=lat, lon=lon), **EN)
    locatie.refresh_from_db()
    assert (locatie.lat, locatie.lon) == (lat, lon) and locatie.buurt == buurt


def test_an_unknown_postcode_without_a_point_is_refused_beside_the_postcode(client, bestuur, locatie):
    response = client.post(_url("beheer:plek", locatie), _profiel(locatie, postcode="9999 ZZ", lat="", lon=""), **EN)
    assert response.status_code == 400
    assert "This postcode is not known here." in response.content.decode()
    locatie.refresh_from_db()
    assert locatie.postcode == "6221 AB"


def test_a_closing_date_before_the_opening_date_is_refused_by_the_service(client, bestuur, locatie):
    response = client.post(_url("beheer:plek", locatie), _profiel(
        locatie, open_sinds="2020-05-01", gesloten_sinds="2019-01-01"), **EN)
    assert response.status_code == 400
    locatie.refresh_from_db()
    assert locatie.gesloten_sinds is None


# --- the opening hours ---------------------------------------------------------------------


def test_the_week_grid_shows_the_hours_there_are(client, bestuur, locatie):
    OpeningstijdFactory(locatie=locatie, weekdag=4, van=time(20), tot=time(1))
    html = client.get(_url("beheer:plek-openingstijden", locatie), **EN).content.decode()
    assert 'name="d4_1_van" value="20:00"' in html and 'name="d4_1_tot" value="01:00"' in html
    assert "Friday, period 2: from" in html and "runs past midnight" in html


def test_saving_the_week_replaces_the_hours(client, bestuur, locatie):
    OpeningstijdFactory(locatie=locatie, weekdag=0)
    response = client.post(_url("beheer:plek-openingstijden", locatie), {
        "d1_1_van": "09:00", "d1_1_tot": "12:00", "d1_2_van": "13:00", "d1_2_tot": "17:00",
        "d4_1_van": "20:00", "d4_1_tot": "01:00",
    }, follow=True, **EN)
    assert [(t.weekdag, t.van, t.tot) for t in Openingstijd.objects.filter(locatie=locatie)] == [
        (1, time(9), time(12)), (1, time(13), time(17)), (4, time(20), time(1))]
    assert "The opening hours of Buurthuis Wyck are saved: 3 periods a week." in response.content.decode()
    vrijdag = Openingstijd.objects.get(locatie=locatie, weekdag=4)
    assert vrijdag.tot_volgende_dag


def test_overlapping_hours_are_refused_beside_the_period_and_the_input_kept(client, bestuur, locatie):
    OpeningstijdFactory(locatie=locatie, weekdag=0)
    response = client.post(_url("beheer:plek-openingstijden", locatie), {
        "d1_1_van": "09:00", "d1_1_tot": "12:00", "d1_2_van": "11:00", "d1_2_tot": "14:00",
        "d3_1_van": "10:00",
    }, **EN)
    html = response.content.decode()
    assert response.status_code == 400 and "error-summary" in html
    assert "Give both the opening and the closing time, or neither." in html
    assert 'name="d1_2_van" value="11:00"' in html
    assert list(Openingstijd.objects.filter(locatie=locatie).values_list("weekdag", flat=True)) == [0]
    # With the half period fixed, the service finds the overlap and puts it beside the period.
    response = client.post(_url("beheer:plek-openingstijden", locatie), {
        "d1_1_van": "09:00", "d1_1_tot": "12:00", "d1_2_van": "11:00", "d1_2_tot": "14:00"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400 and 'id="id_d1_2_tot-fout"' in html
    assert "These hours overlap the opening hours Tuesday 09:00–12:00." in html
    assert list(Openingstijd.objects.filter(locatie=locatie).values_list("weekdag", flat=True)) == [0]


def test_a_day_with_more_than_two_periods_keeps_them_all(client, bestuur, locatie):
    for van, tot in [(time(8), time(10)), (time(11), time(12)), (time(13), time(14))]:
        OpeningstijdFactory(locatie=locatie, weekdag=2, van=van, tot=tot)
    html = client.get(_url("beheer:plek-openingstijden", locatie), **EN).content.decode()
    assert 'name="d2_3_van" value="13:00"' in html


# --- closures ---------------------------------------------------------------------------------


def _dag(bijeenkomst):
    return timezone.localtime(bijeenkomst.start, AMSTERDAM).date()


@pytest.fixture
def twee_data(locatie):
    """The next two Tuesdays of a weekly activity at the place, with a registrant each and
    one more on the first."""
    activiteit = make_activiteit_met_aanmelding(locatie=locatie, titel="Koffieochtend")
    eerste, tweede = activiteit.bijeenkomsten.filter(start__gt=timezone.now()).order_by("start")[:2]
    aanmelding_create(bijeenkomst=eerste, naam="Mien", email="mien@example.nl")
    aanmelding_create(bijeenkomst=eerste, naam="Kees", email="kees@example.nl")
    aanmelding_create(bijeenkomst=tweede, naam="Truus", email="truus@example.nl")
    mail.outbox.clear()
    return eerste, tweede


def test_show_the_dates_lists_them_and_saves_nothing(client, bestuur, locatie, twee_data):
    eerste, tweede = twee_data
    response = client.post(_url("beheer:plek-sluiting-nieuw", locatie), {
        "van": _dag(eerste).isoformat(), "tot": _dag(tweede).isoformat(), "reden": "Verbouwing", "voorbeeld": "1"},
        **EN)
    html = response.content.decode()
    assert response.status_code == 200 and not Sluiting.objects.exists()
    assert html.count("Koffieochtend") == 2 and "2 registrations" in html and "1 registration" in html
    assert 'value="Verbouwing"' in html


def test_a_closure_that_cancels_its_dates_tells_the_people_registered(
    client, bestuur, locatie, twee_data, django_capture_on_commit_callbacks,
):
    eerste, tweede = twee_data
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("beheer:plek-sluiting-nieuw", locatie), {
            "van": _dag(eerste).isoformat(), "tot": _dag(tweede).isoformat(), "reden": "Verbouwing",
            "annuleer": "on"}, **EN)
    assert response.status_code == 302 and response.url == _url("beheer:plek-sluitingen", locatie)
    sluiting = Sluiting.objects.get(locatie=locatie)
    assert (sluiting.van, sluiting.tot, sluiting.reden) == (_dag(eerste), _dag(tweede), "Verbouwing")
    assert set(Bijeenkomst.objects.filter(geannuleerd=True)) == {eerste, tweede}
    assert Bijeenkomst.objects.get(pk=eerste.pk).notitie == "Verbouwing"
    assert sorted(m.to[0] for m in mail.outbox) == ["kees@example.nl", "mien@example.nl", "truus@example.nl"]
    html = client.get(response.url, **EN).content.decode()
    assert "2 dates cancelled, 3 people get a message." in html
    assert "Verbouwing" in html


def test_a_closure_without_the_box_leaves_the_dates_and_says_they_go_ahead(
    client, bestuur, locatie, twee_data, django_capture_on_commit_callbacks,
):
    eerste, _tweede = twee_data
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("beheer:plek-sluiting-nieuw", locatie), {
            "van": _dag(eerste).isoformat(), "tot": _dag(eerste).isoformat(), "reden": "Schoonmaak"},
            follow=True, **EN)
    assert Sluiting.objects.count() == 1 and not Bijeenkomst.objects.filter(geannuleerd=True).exists()
    assert mail.outbox == []
    assert "1 date of an activity still goes ahead in this period" in response.content.decode()


def test_another_organisers_dates_are_listed_not_cancelled(client, bestuur, locatie, twee_data):
    ander = make_activiteit(locatie=locatie, organisator=OrganisatieFactory(naam="Taalhuis"), titel="Taalcafé")
    eerste = ander.bijeenkomsten.filter(start__gt=timezone.now()).order_by("start").first()
    data = {"van": _dag(eerste).isoformat(), "tot": _dag(eerste).isoformat(), "reden": "Verbouwing"}
    html = client.post(_url("beheer:plek-sluiting-nieuw", locatie), {**data, "voorbeeld": "1"}, **EN).content.decode()
    assert "organised by Taalhuis: tell them" in html
    client.post(_url("beheer:plek-sluiting-nieuw", locatie), {**data, "annuleer": "on"}, **EN)
    assert not Bijeenkomst.objects.filter(activiteit=ander, geannuleerd=True).exists()


def test_a_closure_ending_before_it_begins_is_refused_and_kept(client, bestuur, locatie):
    response = client.post(_url("beheer:plek-sluiting-nieuw", locatie), {
        "van": "2027-07-14", "tot": "2027-07-01", "reden": "Zomer"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400 and "The last day must not be before the first day." in html
    assert 'value="Zomer"' in html and not Sluiting.objects.exists()


def test_removing_a_closure(client, bestuur, locatie):
    sluiting = SluitingFactory(locatie=locatie, reden="Zomersluiting")
    url = _url("beheer:plek-sluiting-verwijderen", locatie, sluiting.pk)
    assert client.get(url, **EN).status_code == 405
    response = client.post(url, follow=True, **EN)
    assert not Sluiting.objects.exists()
    assert "is removed; dates cancelled for it stay cancelled." in response.content.decode()


# --- who may ---------------------------------------------------------------------------------


def test_the_workspace_links_to_the_places(client, bestuur, org, locatie):
    html = client.get(reverse("beheer:start", args=[org.slug]), **EN).content.decode()
    assert reverse("beheer:plekken", args=[org.slug]) in html
    html = client.get(reverse("beheer:plekken", args=[org.slug]), **EN).content.decode()
    assert _url("beheer:plek", locatie) in html and _url("beheer:plek-sluitingen", locatie) in html


def test_a_coordinator_sees_the_places_but_changes_none(client, org, locatie):
    _login(client, org, Rol.COORDINATOR)
    html = client.get(reverse("beheer:plekken", args=[org.slug]), **EN).content.decode()
    assert "Buurthuis Wyck" in html and _url("beheer:plek", locatie) not in html
    sluiting = SluitingFactory(locatie=locatie)
    for name, extra in [("beheer:plek", ()), ("beheer:plek-openingstijden", ()), ("beheer:plek-sluitingen", ()),
                        ("beheer:plek-sluiting-nieuw", ()), ("beheer:plek-sluiting-verwijderen", (sluiting.pk,))]:
        assert client.get(_url(name, locatie, *extra)).status_code in (403, 405), name
        assert client.post(_url(name, locatie, *extra), _profiel(locatie, naam="Van mij")).status_code == 403, name
    locatie.refresh_from_db()
    assert locatie.naam == "Buurthuis Wyck" and Sluiting.objects.exists()


def test_another_organisations_place_answers_404(client, bestuur, org):
    ander = LocatieFactory(naam="Elders")
    sluiting = SluitingFactory(locatie=ander)
    # Through one's own organisation in the address, and through the other's.
    for slug in (org.slug, ander.beheerder.slug):
        for name, extra in [("beheer:plek", ()), ("beheer:plek-openingstijden", ()),
                            ("beheer:plek-sluitingen", ()), ("beheer:plek-sluiting-verwijderen", (sluiting.pk,))]:
            assert client.get(reverse(name, args=[slug, ander.slug, *extra])).status_code == 404, (slug, name)
    assert client.get(reverse("beheer:plekken", args=[ander.beheerder.slug])).status_code == 404


def test_a_closure_of_another_place_answers_404(client, bestuur, org, locatie):
    sluiting = SluitingFactory(locatie=LocatieFactory(beheerder=org))
    url = _url("beheer:plek-sluiting-verwijderen", locatie, sluiting.pk)
    assert client.post(url).status_code == 404 and Sluiting.objects.exists()


# --- photos -----------------------------------------------------------------------------------


def test_uploading_a_photo_strips_its_location_and_needs_a_text(client, bestuur, locatie):
    url = _url("beheer:plek-fotos", locatie)
    response = client.post(url, {"afbeelding": jpeg_with_gps(), "alt_tekst": " "}, **EN)
    assert response.status_code == 400 and not LocatieFoto.objects.exists()
    assert "This field is required." in response.content.decode()
    response = client.post(url, {"afbeelding": jpeg_with_gps(), "alt_tekst": "De grote zaal"}, follow=True, **EN)
    foto = LocatieFoto.objects.get(locatie=locatie)
    assert foto.alt_tekst == "De grote zaal" and foto.volgorde == 0
    with foto.afbeelding.open() as bestand, Image.open(bestand) as image:
        assert max(image.size) == 1600 and not image.getexif()
    html = response.content.decode()
    assert "The photo is added to Buurthuis Wyck." in html and 'alt="De grote zaal"' in html
    client.post(url, {"afbeelding": jpeg_with_gps(), "alt_tekst": "De tuin"}, **EN)
    assert LocatieFoto.objects.get(alt_tekst="De tuin").volgorde == 1


def test_a_file_that_is_no_photo_is_refused(client, bestuur, locatie):
    nep = SimpleUploadedFile("zaal.jpg", b"geen foto", content_type="image/jpeg")
    response = client.post(_url("beheer:plek-fotos", locatie), {"afbeelding": nep, "alt_tekst": "Zaal"}, **EN)
    assert response.status_code == 400 and not LocatieFoto.objects.exists()
    assert 'value="Zaal"' in response.content.decode()


def test_changing_and_removing_a_photo(client, bestuur, locatie, django_capture_on_commit_callbacks):
    foto = locatiefoto_create(locatie=locatie, bestand=jpeg_with_gps(), alt_tekst="Zaal")
    url = _url("beheer:plek-foto", locatie, foto.pk)
    response = client.post(url, {f"foto-{foto.pk}-alt_tekst": "", f"foto-{foto.pk}-volgorde": "3"}, **EN)
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    client.post(url, {f"foto-{foto.pk}-alt_tekst": "De zaal met het podium", f"foto-{foto.pk}-volgorde": "3"}, **EN)
    foto.refresh_from_db()
    assert (foto.alt_tekst, foto.volgorde) == ("De zaal met het podium", 3)
    naam, storage = foto.afbeelding.name, foto.afbeelding.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("beheer:plek-foto-verwijderen", locatie, foto.pk), follow=True, **EN)
    assert not LocatieFoto.objects.exists()
    assert "The photo “De zaal met het podium” is removed." in response.content.decode()
    assert not storage.exists(naam)  # the file goes once the removal is committed


def test_a_photo_of_another_place_answers_404(client, bestuur, org, locatie):
    foto = locatiefoto_create(locatie=LocatieFactory(beheerder=org), bestand=jpeg_with_gps(), alt_tekst="Elders")
    assert client.post(_url("beheer:plek-foto-verwijderen", locatie, foto.pk)).status_code == 404
    assert LocatieFoto.objects.exists()
