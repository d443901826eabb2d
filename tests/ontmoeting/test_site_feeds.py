"""Calendar and news feeds of the site."""

import pytest
from icalendar import Calendar

from activiteiten.services import bijeenkomst_annuleer
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import BuurtFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def _events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    return calendar.walk("VEVENT")


def test_buurt_feed_holds_its_activities_with_cancelled_ones_marked(client):
    buurt = BuurtFactory()
    a = make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Taalcafé")
    make_activiteit(titel="Elders")
    bijeenkomst_annuleer(bijeenkomst=a.bijeenkomsten.order_by("start").first())

    events = _events(client.get(f"/buurten/{buurt.code}/agenda.ics"))

    assert {str(e["SUMMARY"]) for e in events} == {"Taalcafé"}
    assert [str(e["STATUS"]) for e in events][:2] == ["CANCELLED", "CONFIRMED"]
    assert str(events[0]["URL"]).endswith(f"/activiteiten/{a.slug}")


def test_feeds_per_place_activity_and_filtered_agenda(client):
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    a = make_activiteit(locatie=locatie, titel="Kienen")
    make_activiteit(locatie=locatie, titel="Avondkoor", start=a.start.replace(hour=19))

    assert len(_events(client.get(f"/locaties/{locatie.slug}/agenda.ics"))) > 0
    assert {str(e["SUMMARY"]) for e in _events(client.get(f"/activiteiten/{a.slug}/agenda.ics"))} == {"Kienen"}
    avond = _events(client.get(f"/agenda.ics?gemeente={buurt.gemeente.code}&dagdeel=avond"))
    assert {str(e["SUMMARY"]) for e in avond} == {"Avondkoor"}


def test_rss_and_atom_of_a_buurt(client):
    buurt = BuurtFactory()
    make_activiteit(locatie=LocatieFactory(buurt=buurt), titel="Repair café")
    rss = client.get(f"/buurten/{buurt.code}/rss")
    atom = client.get(f"/buurten/{buurt.code}/atom")
    assert rss["Content-Type"].startswith("application/rss+xml") and "Repair café" in rss.content.decode()
    assert atom["Content-Type"].startswith("application/atom+xml") and "Repair café" in atom.content.decode()
    agenda = client.get(f"/agenda/rss?gemeente={buurt.gemeente.code}&dagdeel=avond").content.decode()
    assert "Repair café" not in agenda  # it is in the afternoon
    assert "Repair café" in client.get(f"/agenda/rss?gemeente={buurt.gemeente.code}").content.decode()


def test_pages_link_to_their_feeds(client):
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    a = make_activiteit(locatie=locatie)
    assert f"/buurten/{buurt.code}/agenda.ics" in client.get(f"/buurten/{buurt.code}").content.decode()
    assert f"/locaties/{locatie.slug}/agenda.ics" in client.get(f"/locaties/{locatie.slug}").content.decode()
    assert f"/activiteiten/{a.slug}/agenda.ics" in client.get(f"/activiteiten/{a.slug}").content.decode()
    assert "/agenda.ics?" in client.get("/agenda").content.decode()
    assert "/agenda/rss?" in client.get("/agenda").content.decode()


def test_a_feed_with_a_bad_filter_answers_400_with_the_reason(client):
    buurt = BuurtFactory()
    response = client.get(f"/buurten/{buurt.code}/agenda.ics?dagdeel=nacht")
    assert response.status_code == 400
    assert "dagdeel" in response.content.decode()
    assert client.get("/agenda.ics?postcode=0000ZZ&straal=400").status_code == 400
    assert client.get(f"/buurten/{buurt.code}/rss?dagdeel=nacht").status_code == 400


def test_each_buurt_feed_request_gets_its_own_buurt(client):
    eerste, tweede = BuurtFactory(naam="Eerste buurt"), BuurtFactory(naam="Tweede buurt")
    make_activiteit(locatie=LocatieFactory(buurt=eerste), titel="Hier in de eerste")
    make_activiteit(locatie=LocatieFactory(buurt=tweede), titel="Hier in de tweede")
    assert "Hier in de eerste" in client.get(f"/buurten/{eerste.code}/rss").content.decode()
    html = client.get(f"/buurten/{tweede.code}/rss").content.decode()
    assert "Hier in de tweede" in html and "Hier in de eerste" not in html
