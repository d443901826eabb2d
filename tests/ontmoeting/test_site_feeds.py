"""Calendar and news feeds of the site."""

from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from activiteiten.constants import ActiviteitStatus, Regio
from activiteiten.services import bijeenkomst_annuleer
from tests.activiteiten.factories import make_activiteit, moment
from tests.locaties.factories import BuurtFactory, LocatieFactory

ATOM = "{http://www.w3.org/2005/Atom}"

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


def _items(response) -> list[tuple[str, str]]:
    """(title, link) of each item of an RSS or Atom feed, in order."""
    root = ElementTree.fromstring(response.content)
    if response["Content-Type"].startswith("application/rss+xml"):
        return [(item.findtext("title"), item.findtext("link")) for item in root.iter("item")]
    assert response["Content-Type"].startswith("application/atom+xml")
    return [(entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href")) for entry in root.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("soort", ["rss", "atom"])
def test_place_feed_lists_its_coming_dates_with_cancelled_ones_marked(client, soort):
    locatie = LocatieFactory()
    taalcafe = make_activiteit(locatie=locatie, titel="Taalcafé")
    koor = make_activiteit(locatie=locatie, titel="Avondkoor", start=taalcafe.start.replace(hour=19))
    make_activiteit(titel="Elders")
    bijeenkomst_annuleer(bijeenkomst=taalcafe.bijeenkomsten.order_by("start").first())

    response = client.get(f"/locaties/{locatie.slug}/{soort}")

    assert response.status_code == 200
    items = _items(response)
    titels = [title.rsplit(" ", 1)[-1] for title, _ in items]
    assert titels.count("Taalcafé") == titels.count("Avondkoor") >= 3  # both weekly, four weeks ahead
    assert set(titels) == {"Taalcafé", "Avondkoor"}
    assert {link.removeprefix(settings.SITE_URL) for _, link in items} == {f"/activiteiten/{taalcafe.slug}", f"/activiteiten/{koor.slug}"}
    assert items[0][0].startswith("Geannuleerd: ") and items[0][0].endswith(" Taalcafé")
    assert not any(title.startswith("Geannuleerd") for title, _ in items[1:])
    assert locatie.naam in response.content.decode()


@pytest.mark.parametrize("soort", ["rss", "atom"])
def test_activity_feed_lists_its_coming_dates_with_cancelled_ones_marked(client, soort):
    activiteit = make_activiteit(titel="Repair café")
    make_activiteit(locatie=activiteit.locatie, titel="Kienen")
    bijeenkomst_annuleer(bijeenkomst=activiteit.bijeenkomsten.order_by("start").first())

    response = client.get(f"/activiteiten/{activiteit.slug}/{soort}")
    in_het_engels = client.get(f"/activiteiten/{activiteit.slug}/{soort}", HTTP_ACCEPT_LANGUAGE="en")
    items, engels = _items(response), _items(in_het_engels)

    assert len(items) >= 3  # weekly, four weeks ahead
    assert all(title.endswith(" Repair café") for title, _ in items)
    assert {link.removeprefix(settings.SITE_URL) for _, link in items} == {f"/activiteiten/{activiteit.slug}"}
    assert [title.startswith("Geannuleerd: ") for title, _ in items] == [True] + [False] * (len(items) - 1)
    assert engels[0][0].startswith("Cancelled: ")
    assert "<title>Data van Repair café</title>" in response.content.decode()
    assert "<title>Dates of Repair café</title>" in in_het_engels.content.decode()


@pytest.mark.parametrize("soort", ["rss", "atom"])
def test_feeds_of_an_unknown_or_unpublished_place_or_activity_give_404(client, soort):
    verborgen = LocatieFactory(gepubliceerd=False)
    concept = make_activiteit(status=ActiviteitStatus.CONCEPT)
    op_verborgen_plek = make_activiteit(locatie=LocatieFactory(gepubliceerd=False))
    assert client.get(f"/locaties/{verborgen.slug}/{soort}").status_code == 404
    assert client.get(f"/locaties/bestaat-niet/{soort}").status_code == 404
    assert client.get(f"/activiteiten/{concept.slug}/{soort}").status_code == 404
    assert client.get(f"/activiteiten/{op_verborgen_plek.slug}/{soort}").status_code == 404
    assert client.get(f"/activiteiten/bestaat-niet/{soort}").status_code == 404


def _queries(client, url) -> tuple[int, int]:
    """(queries, items) of a feed request."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), len(_items(response))


@pytest.mark.parametrize("soort", ["rss", "atom"])
def test_place_and_activity_feeds_take_the_same_queries_for_few_and_many_dates(client, soort):
    weinig_plek, veel_plek = LocatieFactory(), LocatieFactory()
    wekelijks = make_activiteit(locatie=weinig_plek)
    dagelijks = make_activiteit(locatie=veel_plek, rrule="FREQ=DAILY")
    for uur in (10, 19):
        make_activiteit(locatie=veel_plek, titel=f"Om {uur} uur", rrule="FREQ=DAILY", start=dagelijks.start.replace(hour=uur))
    client.get(f"/locaties/{weinig_plek.slug}/{soort}")  # the site and translations are cached after the first

    weinig, weinig_items = _queries(client, f"/locaties/{weinig_plek.slug}/{soort}")
    veel, veel_items = _queries(client, f"/locaties/{veel_plek.slug}/{soort}")
    assert veel_items > 3 * weinig_items > 0
    assert veel == weinig

    weinig, weinig_items = _queries(client, f"/activiteiten/{wekelijks.slug}/{soort}")
    veel, veel_items = _queries(client, f"/activiteiten/{dagelijks.slug}/{soort}")
    assert veel_items > 3 * weinig_items > 0
    assert veel == weinig


def test_place_and_activity_pages_link_to_their_rss_and_atom_feeds(client):
    locatie = LocatieFactory()
    activiteit = make_activiteit(locatie=locatie)
    for pagina in (f"/locaties/{locatie.slug}", f"/activiteiten/{activiteit.slug}"):
        html = client.get(pagina).content.decode()
        assert f'<link rel="alternate" type="application/rss+xml" title="Nieuwsfeed (RSS)" href="{pagina}/rss">' in html
        assert f'<link rel="alternate" type="application/atom+xml" title="Nieuwsfeed (Atom)" href="{pagina}/atom">' in html
        assert f'<a href="{pagina}/rss">Nieuwsfeed (RSS)</a>' in html


def test_buurt_page_names_its_rss_and_atom_feeds(client):
    buurt = BuurtFactory()
    html = client.get(f"/buurten/{buurt.code}").content.decode()
    pagina = f"/buurten/{buurt.code}"
    assert f'<link rel="alternate" type="application/rss+xml" title="Nieuwsfeed (RSS)" href="{pagina}/rss">' in html
    assert f'<link rel="alternate" type="application/atom+xml" title="Nieuwsfeed (Atom)" href="{pagina}/atom">' in html


def test_feeds_mark_dates_whose_school_holidays_are_not_known(client, frozen_clock, schoolvakanties_tot_kerst_2026):
    buurt = BuurtFactory()
    locatie = LocatieFactory(buurt=buurt)
    voorbehoud = "Onder voorbehoud: schoolvakanties nog niet bekend"
    # 28 December 2026: the school holidays are known up to 3 January 2027, so the coming
    # four weeks of an activity that skips them are all provisional.
    frozen_clock.move_to(moment(2026, 12, 28, 10))
    skips = make_activiteit(locatie=locatie, titel="Peuterochtend", skip_schoolvakantie=Regio.ZUID)
    make_activiteit(locatie=locatie, titel="Kienen")
    events = _events(client.get(f"/locaties/{locatie.slug}/agenda.ics"))
    rss = client.get(f"/activiteiten/{skips.slug}/rss").content.decode()
    atom = client.get(f"/locaties/{locatie.slug}/atom").content.decode()

    by_title = {}
    for event in events:
        by_title.setdefault(str(event["SUMMARY"]), []).append(event)
    assert len(by_title["Peuterochtend"]) >= 3
    assert {str(e["STATUS"]) for e in by_title["Peuterochtend"]} == {"TENTATIVE"}
    assert all(str(e["DESCRIPTION"]).startswith(voorbehoud) for e in by_title["Peuterochtend"])
    assert {str(e["STATUS"]) for e in by_title["Kienen"]} == {"CONFIRMED"}
    assert all(voorbehoud not in str(e.get("DESCRIPTION", "")) for e in by_title["Kienen"])
    items = ElementTree.fromstring(rss).findall("./channel/item")
    assert items and all(voorbehoud in item.findtext("description") for item in items)
    entries = ElementTree.fromstring(atom).findall(f"{ATOM}entry")
    marked = [e.findtext(f"{ATOM}title") for e in entries if voorbehoud in (e.findtext(f"{ATOM}summary") or "")]
    assert marked and all("Peuterochtend" in title for title in marked)
