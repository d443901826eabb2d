"""The occupancy calendar: booking a free slot for an activity (the date takes the room,
a clash is explained in words, only the organisation's own dates are offered), and the
month grid per room (rentals with names, activities, closures; the day list as its
accessible form; as many queries as the week, whatever the place's size)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activiteiten.services import bijeenkomst_boek_ruimte
from core.timezones import AMSTERDAM
from locaties.constants import ReserveringSoort, ReserveringStatus, Rol
from locaties.models import Reservering
from locaties.services import reservering_bevestig
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import (
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
    SluitingFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def zaal(locatie):
    return RuimteFactory(locatie=locatie, naam="Grote zaal", capaciteit=40, verhuurbaar=True)


@pytest.fixture
def taalcafe(locatie):
    return make_activiteit(locatie=locatie, titel="Taalcafé")


def _eerste(activiteit):
    return activiteit.bijeenkomsten.order_by("start").first()


def _dag(bijeenkomst) -> date:
    return timezone.localtime(bijeenkomst.start, AMSTERDAM).date()


def _boek_url(zaal):
    return reverse("beheer:verhuur-activiteit", args=[zaal.locatie.beheerder.slug, zaal.locatie.slug, zaal.pk])


def _bezetting_url(locatie):
    return reverse("beheer:verhuur-bezetting", args=[locatie.beheerder.slug, locatie.slug])


def test_from_a_free_day_the_board_books_the_room_for_an_activity_and_the_week_shows_it(client, zaal, taalcafe, bestuur):
    datum = _eerste(taalcafe)
    week = client.get(_bezetting_url(zaal.locatie) + f"?week={_dag(datum)}", **EN).content.decode()
    link = f"{_boek_url(zaal)}?datum={_dag(datum)}"
    assert link in week
    page = client.get(link, **EN).content.decode()
    assert "14:00–16:00 Taalcafé (no room yet)" in page
    response = client.post(_boek_url(zaal), {"datum": _dag(datum), "bijeenkomst": datum.pk, "omvang": "een"}, follow=True, **EN)
    html = response.content.decode()
    assert "Grote zaal is booked for Taalcafé on" in html
    datum.refresh_from_db()
    assert datum.ruimte == zaal and datum.reservering.status == ReserveringStatus.BEVESTIGD
    assert "activity: Taalcafé" in html  # the day list of the week it lands on


def test_every_coming_date_makes_it_the_activitys_room(client, zaal, taalcafe, bestuur):
    datum = _eerste(taalcafe)
    response = client.post(_boek_url(zaal), {"datum": _dag(datum), "bijeenkomst": datum.pk, "omvang": "alle"}, **EN)
    assert response.status_code == 302
    taalcafe.refresh_from_db()
    assert taalcafe.ruimte == zaal
    assert Reservering.objects.filter(soort=ReserveringSoort.BIJEENKOMST).count() == taalcafe.bijeenkomsten.count()


def test_a_clash_is_explained_in_words_naming_the_tenant_and_nothing_changes(client, zaal, taalcafe, bestuur):
    datum = _eerste(taalcafe)
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=datum.start, huurder_naam="Familie Jansen"))
    response = client.post(_boek_url(zaal), {"datum": _dag(datum), "bijeenkomst": datum.pk, "omvang": "een"}, **EN)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The room is already booked at that time:" in html and "Familie Jansen" in html
    assert "bijeenkomst" in response.context["form"].errors
    datum.refresh_from_db()
    assert datum.ruimte is None


def test_only_the_organisations_own_coming_dates_are_offered(client, zaal, taalcafe, bestuur):
    datum = _eerste(taalcafe)
    ander = make_activiteit(locatie=zaal.locatie, organisator=OrganisatieFactory(), titel="Koersbal van anderen")
    page = client.get(f"{_boek_url(zaal)}?datum={_dag(datum)}", **EN).content.decode()
    assert "Taalcafé" in page and "Koersbal van anderen" not in page
    vreemd = _eerste(ander)
    response = client.post(_boek_url(zaal), {"datum": _dag(vreemd), "bijeenkomst": vreemd.pk, "omvang": "een"}, **EN)
    assert response.status_code == 400
    vreemd.refresh_from_db()
    assert vreemd.ruimte is None


def test_a_day_without_activities_says_so(client, zaal, bestuur):
    page = client.get(f"{_boek_url(zaal)}?datum=2026-12-10", **EN).content.decode()
    assert "Your organisation has no activity here on this day." in page


# --- the month grid ----------------------------------------------------------------------------


def test_the_month_grid_shows_rentals_with_names_activities_and_closures_per_room(client, zaal, taalcafe, bestuur):
    datum = _eerste(taalcafe)
    bijeenkomst_boek_ruimte(bijeenkomst=datum, ruimte=zaal)
    kamer = RuimteFactory(locatie=zaal.locatie, naam="Kleine kamer")
    huur = ReserveringFactory(ruimte=kamer, start=datum.start, huurder_naam="Zangkoor Wyck")
    reservering_bevestig(reservering=huur)
    SluitingFactory(locatie=zaal.locatie, van=date(2026, 12, 24), tot=date(2026, 12, 26), reden="Kerst")
    html = client.get(_bezetting_url(zaal.locatie) + "?maand=2026-12", **EN).content.decode()
    grid = html[html.index('<caption id="kop-rooster">The month per room</caption>'):html.index("</table>")]
    assert '<th scope="col">Grote zaal</th><th scope="col">Kleine kamer</th>' in grid
    assert grid.count("<tr><th scope=\"row\">") == 31
    row = grid[grid.index(f'href="#dag-{_dag(datum):%Y%m%d}"'):]
    row = row[:row.index("</tr>")]
    assert "14:00–16:00 <span class=\"label\">activity</span> Taalcafé" in row
    assert "Zangkoor Wyck" in row
    kerst = grid[grid.index('href="#dag-20261225"'):]
    assert kerst[:kerst.index("</tr>")].count("closed") == 2
    # the day list holds the same, day by day
    assert html.count('class="bezetting-dag"') == 31 and "Kerst" in html


def _fill(locatie, *, rooms, weeks):
    start0 = timezone.localtime(timezone.now(), AMSTERDAM).replace(hour=19, minute=0, second=0, microsecond=0) + timedelta(days=1)
    for n in range(rooms):
        ruimte = RuimteFactory(locatie=locatie, naam=f"Zaal {n}")
        for week in range(weeks):
            for day in range(0, 7, 2):
                start = start0 + timedelta(weeks=week, days=day, minutes=n)
                Reservering.objects.create(
                    ruimte=ruimte, soort=ReserveringSoort.VERHUUR, periode=(start, start + timedelta(hours=2)),
                    bezet=(start, start + timedelta(hours=2)), status=ReserveringStatus.BEVESTIGD,
                    huurder_naam=f"Huurder {n}", huurder_categorie="maatschappelijk",
                )
        SluitingFactory(locatie=locatie, van=start0.date() + timedelta(days=3 + n), tot=start0.date() + timedelta(days=3 + n))


def test_the_month_uses_the_same_number_of_queries_as_the_week_whatever_the_size(client, org, bestuur):
    klein, groot = LocatieFactory(beheerder=org), LocatieFactory(beheerder=org)
    _fill(klein, rooms=1, weeks=1)
    _fill(groot, rooms=6, weeks=6)
    client.get(_bezetting_url(klein))  # the session settles
    counts = {}
    for locatie in (klein, groot):
        for query in ("?maand=2026-12", "?week=2026-12-07"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(_bezetting_url(locatie) + query, **EN)
            assert response.status_code == 200
            counts[(locatie.pk, query)] = len(queries)
    assert len(set(counts.values())) == 1, counts
    assert "Huurder 5" in response.content.decode()


def test_the_grid_links_each_day_to_its_place_in_the_day_list(client, zaal, bestuur):
    html = client.get(_bezetting_url(zaal.locatie) + "?week=2026-12-07", **EN).content.decode()
    for offset in range(7):
        day = date(2026, 12, 7) + timedelta(days=offset)
        assert f'href="#dag-{day:%Y%m%d}"' in html and f'id="dag-{day:%Y%m%d}"' in html


def test_a_member_who_may_only_look_gets_no_links_to_book(client, zaal, taalcafe, org):
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user)
    datum = _eerste(taalcafe)
    response = client.get(_bezetting_url(zaal.locatie) + f"?week={_dag(datum)}", **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Grote zaal" in html and _boek_url(zaal) not in html and "Add a rental of" not in html
