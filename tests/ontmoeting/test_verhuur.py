"""Renting a room: the request form with its preview (price, minimum, rounding, dates not
available), capacity, the tenant's signed link and the cancellation window; the board's
inbox, approving a series with skips, declining with a reason, a changed price; the
occupancy week (constant queries) and the room's private feed."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.timezones import AMSTERDAM
from locaties.constants import ReserveringSoort, ReserveringStatus, Rol, TariefCategorie
from locaties.models import Reservering
from locaties.selectors_verhuur import ruimte_gebruik, verhuur_momenten
from locaties.services import reservering_bevestig, reservering_prijs
from locaties.services.verhuur import (
    verhuur_aanvraag_annuleer,
    verhuur_aanvraag_bevestig,
    verhuur_aanvraag_create,
    verhuur_link,
)
from locaties.tokens import ruimte_feed_token, verhuur_token
from tests.activiteiten.factories import next_weekday_at
from tests.locaties.factories import (
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    ReserveringFactory,
    RuimteFactory,
    SluitingFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def locatie(org):
    locatie = LocatieFactory(beheerder=org, naam="Buurthuis Wyck", email="info@wyck.example")
    for weekdag in range(7):
        OpeningstijdFactory(locatie=locatie, weekdag=weekdag, van=time(9), tot=time(23))
    return locatie


@pytest.fixture
def zaal(locatie):
    zaal = RuimteFactory(locatie=locatie, naam="Grote zaal", capaciteit=40, wisseltijd_minuten=30, faciliteiten=["keuken"])
    TariefFactory(ruimte=zaal, categorie=TariefCategorie.BEWONERSINITIATIEF, prijs_per_uur=Decimal("0"), minimum_bedrag=Decimal("0"))
    TariefFactory(ruimte=zaal, categorie=TariefCategorie.MAATSCHAPPELIJK, prijs_per_uur=Decimal("12.50"), minimum_bedrag=Decimal("25"))
    TariefFactory(ruimte=zaal, categorie=TariefCategorie.COMMERCIEEL, prijs_per_uur=Decimal("40"), minimum_bedrag=Decimal("80"))
    return zaal


@pytest.fixture
def bestuur(org, client):
    user = LidmaatschapFactory(organisatie=org, rol=Rol.BESTUUR, user__email="bestuur@wyck.example").user
    client.force_login(user)
    return user


def _dinsdag(weeks_ahead=1):
    return next_weekday_at(1, 19, weeks_ahead=weeks_ahead)


def _form(start=None, **overrides):
    start = start or _dinsdag()
    local = timezone.localtime(start, AMSTERDAM)
    data = {
        "huurder_naam": "Zangkoor Wyck", "huurder_email": "koor@example.nl", "huurder_telefoon": "",
        "huurder_categorie": "maatschappelijk", "doel": "Repetitie", "aantal_personen": "25",
        "datum": local.date().isoformat(), "van": "19:00", "tot": "21:00", "herhaling": "0", "herhaal_tot": "",
        "opmerking": "",
    }
    data.update(overrides)
    return data


def _url(zaal):
    return reverse("site:huren", args=[zaal.locatie.slug, zaal.pk])


# --- the public side -----------------------------------------------------------------------------


def test_the_place_page_shows_each_room_for_rent_with_its_facilities_explained_prices_and_the_form(client, zaal):
    html = client.get(reverse("site:locatie", args=[zaal.locatie.slug]), **EN).content.decode()
    assert "Grote zaal" in html and "For up to 40 people." in html and "Kitchen" in html
    assert "Associations, foundations and care or welfare organisations." in html
    assert _url(zaal) in html


def test_the_preview_states_the_price_the_minimum_and_the_rounding(client, zaal):
    response = client.post(_url(zaal), {**_form(), "bekijk": "1"}, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "€ 12.50 per hour, at least € 25.00 each time." in html
    assert "rounded to whole cents" in html
    assert "Total for 1 date: € 25.00" in html  # 2 hours × 12.50 = 25.00
    assert not Reservering.objects.exists()


@pytest.mark.parametrize(("categorie", "van", "tot", "prijs"), [
    ("bewonersinitiatief", "19:00", "22:00", "0.00"),
    ("maatschappelijk", "19:00", "20:00", "25.00"),  # the minimum
    ("maatschappelijk", "19:00", "20:20", "25.00"),  # 16.67 is under the minimum
    ("maatschappelijk", "19:00", "22:10", "39.58"),  # 3h10 × 12.50 = 39.5833… rounded half up
    ("commercieel", "19:00", "22:00", "120.00"),
    ("commercieel", "19:00", "20:00", "80.00"),  # the minimum
])
def test_price_per_tenant_category_minimum_and_rounding(zaal, categorie, van, tot, prijs):
    day = _dinsdag().date()
    start, eind = verhuur_momenten(datum=day, van=time.fromisoformat(van), tot=time.fromisoformat(tot))[0]
    assert reservering_prijs(ruimte=zaal, start=start, eind=eind, huurder_categorie=categorie) == Decimal(prijs)


def test_sending_a_request_mails_the_tenant_their_link_and_the_members_the_inbox(
    client, zaal, bestuur, django_capture_on_commit_callbacks,
):
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(zaal), {**_form(), "verstuur": "1"}, **EN)
    reservering = Reservering.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("site:huur", args=[verhuur_token(reservering)])
    assert (reservering.status, reservering.doel, reservering.aantal_personen, reservering.prijs) == (
        ReserveringStatus.AANGEVRAAGD, "Repetitie", 25, Decimal("25.00"))
    assert reservering.huurder_naam == "Zangkoor Wyck"
    aan_huurder = next(m for m in mail.outbox if m.to == ["koor@example.nl"])
    assert verhuur_link(reservering) in aan_huurder.body
    aan_leden = next(m for m in mail.outbox if "bestuur@wyck.example" in m.to)
    assert f"/beheer/{zaal.locatie.beheerder.slug}/verhuur/{reservering.pk}/" in aan_leden.body
    assert "info@wyck.example" in aan_leden.to
    page = client.get(response["Location"], **EN).content.decode()
    assert "Your request is sent" in page and "Requested" in page


def test_more_people_than_the_room_holds_is_refused_beside_the_field_keeping_what_was_typed(client, zaal):
    response = client.post(_url(zaal), {**_form(aantal_personen="55"), "verstuur": "1"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This room holds at most 40 people." in html
    assert 'id="id_aantal_personen-fout"' in html or "id_aantal_personen" in html
    assert 'value="Zangkoor Wyck"' in html and 'value="55"' in html
    assert not Reservering.objects.exists()


def test_contact_is_needed(client, zaal):
    response = client.post(_url(zaal), {**_form(huurder_email=""), "verstuur": "1"}, **EN)
    assert response.status_code == 400
    assert "Give an e-mail address or a phone number" in response.content.decode()


@pytest.mark.parametrize(("change", "reason"), [
    ({"van": "07:00", "tot": "09:00"}, "The building is not open for the whole time"),
    ({"van": "22:00", "tot": "23:30"}, "The building is not open for the whole time"),
    ({"datum": "2026-11-30"}, "This date has passed."),
])
def test_a_date_outside_hours_or_in_the_past_is_refused_with_the_reason(client, zaal, change, reason):
    response = client.post(_url(zaal), {**_form(**change), "verstuur": "1"}, **EN)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not Reservering.objects.exists()


def test_a_date_in_a_closure_is_refused_with_the_reason(client, zaal):
    day = _dinsdag().date()
    SluitingFactory(locatie=zaal.locatie, van=day, tot=day, reden="Verbouwing")
    response = client.post(_url(zaal), {**_form(), "verstuur": "1"}, **EN)
    assert response.status_code == 400
    assert "The building is closed: Verbouwing." in response.content.decode()


def test_a_clash_never_names_the_other_tenant(client, zaal):
    andere = ReserveringFactory(ruimte=zaal, start=_dinsdag() + timedelta(minutes=30), huurder_naam="Familie Jansen")
    reservering_bevestig(reservering=andere)
    html = client.post(_url(zaal), {**_form(), "verstuur": "1"}, **EN).content.decode()
    assert "The room is already booked at that time" in html and "a rental" in html
    assert "Jansen" not in html


def test_a_weekly_series_shows_the_unavailable_dates_and_sends_without_them(client, zaal):
    first = _dinsdag()
    weg = ReserveringFactory(ruimte=zaal, start=first + timedelta(weeks=2), huurder_naam="Familie Jansen")
    reservering_bevestig(reservering=weg)
    until = (first + timedelta(weeks=3)).date().isoformat()
    data = _form(start=first, herhaling="1", herhaal_tot=until)
    preview = client.post(_url(zaal), {**data, "bekijk": "1"}, **EN)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert html.count('name="overslaan"') == 4
    dropped = (first + timedelta(weeks=2)).date().isoformat()
    assert f'value="{dropped}" id="overslaan-3" checked' in html
    assert "Total for 3 dates: € 75.00" in html and "Jansen" not in html
    response = client.post(_url(zaal), {**data, "overslaan": [dropped], "gezien": "1", "verstuur": "1"}, **EN)
    assert response.status_code == 302
    rows = list(Reservering.objects.filter(huurder_naam="Zangkoor Wyck").order_by("periode"))
    assert [timezone.localtime(r.periode.lower).date() for r in rows] == [
        (first + timedelta(weeks=w)).date() for w in (0, 1, 3)]
    assert len({r.serie for r in rows}) == 1 and rows[0].serie is not None


def test_a_series_sent_without_dropping_a_clashing_date_is_refused_naming_it(client, zaal):
    first = _dinsdag()
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=first + timedelta(weeks=1)))
    data = _form(start=first, herhaling="2", herhaal_tot=(first + timedelta(weeks=4)).date().isoformat())
    response = client.post(_url(zaal), {**data, "verstuur": "1"}, **EN)
    assert response.status_code == 302
    # every two weeks: weeks 0, 2, 4; week 1 is not asked for, so nothing clashes.
    assert Reservering.objects.filter(huurder_naam="Zangkoor Wyck").count() == 3
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=first + timedelta(weeks=8)))
    data = _form(start=first + timedelta(weeks=6), herhaling="1", herhaal_tot=(first + timedelta(weeks=8)).date().isoformat())
    response = client.post(_url(zaal), {**data, "verstuur": "1"}, **EN)
    assert response.status_code == 400
    assert "These dates are not available" in response.content.decode()


# --- the tenant's link and the cancellation window ----------------------------------------------------


def _request(zaal, *, start=None, weeks=0, **extra):
    start = start or _dinsdag()
    momenten = verhuur_momenten(
        datum=timezone.localtime(start, AMSTERDAM).date(), van=timezone.localtime(start, AMSTERDAM).time(),
        tot=(timezone.localtime(start, AMSTERDAM) + timedelta(hours=2)).time(), interval_weken=1 if weeks else 0,
        tot_datum=(start + timedelta(weeks=weeks)).date() if weeks else None,
    )
    return verhuur_aanvraag_create(
        ruimte=zaal, momenten=momenten, interval_weken=1 if weeks else 0, huurder_naam="Zangkoor Wyck",
        huurder_email="koor@example.nl", huurder_categorie="maatschappelijk", doel="Repetitie", aantal_personen=20,
        **extra,
    )


def test_the_tenant_cancels_until_the_places_limit(client, zaal, frozen_clock):
    zaal.locatie.annuleren_tot_uren = 24
    zaal.locatie.save()
    morgen = timezone.localtime(timezone.now(), AMSTERDAM).replace(hour=19, minute=0, second=0, microsecond=0) + timedelta(days=2)
    [reservering] = _request(zaal, start=morgen)
    token = verhuur_token(reservering)
    frozen_clock.move_to(morgen - timedelta(hours=23))
    response = client.post(reverse("site:huur-annuleren", args=[token]), follow=True, **EN)
    assert "You can cancel up to 24 hours before the start." in response.content.decode()
    reservering.refresh_from_db()
    assert reservering.status == ReserveringStatus.AANGEVRAAGD
    frozen_clock.move_to(morgen - timedelta(hours=25))
    response = client.post(reverse("site:huur-annuleren", args=[token]), follow=True, **EN)
    assert "1 date is cancelled" in response.content.decode()
    reservering.refresh_from_db()
    assert reservering.status == ReserveringStatus.GEANNULEERD


def test_cancelling_a_series_leaves_the_dates_past_the_limit(zaal, frozen_clock):
    start = timezone.localtime(timezone.now(), AMSTERDAM).replace(hour=19, minute=0, second=0, microsecond=0) + timedelta(days=2)
    rows = _request(zaal, start=start, weeks=2)
    frozen_clock.move_to(start - timedelta(hours=2))
    cancelled = verhuur_aanvraag_annuleer(reservering=rows[0])
    assert len(cancelled) == 2
    assert [r.status for r in Reservering.objects.order_by("periode")] == [
        ReserveringStatus.AANGEVRAAGD, ReserveringStatus.GEANNULEERD, ReserveringStatus.GEANNULEERD]


def test_a_tampered_link_answers_404(client, zaal):
    [reservering] = _request(zaal)
    token = verhuur_token(reservering)
    assert client.get(reverse("site:huur", args=[token[:-2] + "xx"]), **EN).status_code == 404
    assert client.get(reverse("site:huur", args=[token]), **EN).status_code == 200


# --- the board --------------------------------------------------------------------------------------


def test_approving_a_series_skips_the_clashing_dates_and_the_mail_lists_them(
    client, zaal, bestuur, django_capture_on_commit_callbacks,
):
    rows = _request(zaal, weeks=3)
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=rows[2].periode.lower + timedelta(hours=1)))
    mail.outbox.clear()
    org = zaal.locatie.beheerder
    page = client.get(reverse("beheer:verhuur-aanvraag", args=[org.slug, rows[0].pk]), **EN).content.decode()
    assert "Clash" in page and "Approve all dates that are free" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("beheer:verhuur-bevestig", args=[org.slug, rows[0].pk]), {"overslaan": "1"}, follow=True, **EN)
    assert "Approved: 3 dates. 1 date skipped" in response.content.decode()
    statuses = [r.status for r in Reservering.objects.filter(serie=rows[0].serie).order_by("periode")]
    assert statuses == [ReserveringStatus.BEVESTIGD] * 2 + [ReserveringStatus.AFGEWEZEN, ReserveringStatus.BEVESTIGD]
    [bericht] = mail.outbox
    assert bericht.to == ["koor@example.nl"]
    skipped_day = timezone.localtime(rows[2].periode.lower, AMSTERDAM)
    assert "could not be given" in bericht.body and f"{skipped_day.day} " in bericht.body.split("could not be given")[1]
    assert verhuur_link(rows[0]) in bericht.body


def test_approving_without_skipping_refuses_the_whole_series_on_a_clash(zaal):
    rows = _request(zaal, weeks=1)
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=rows[1].periode.lower))
    with pytest.raises(Exception, match="already booked"):
        verhuur_aanvraag_bevestig(reservering=rows[0])
    assert set(Reservering.objects.filter(serie=rows[0].serie).values_list("status", flat=True)) == {ReserveringStatus.AANGEVRAAGD}


def test_declining_needs_a_reason_and_mails_it(client, zaal, bestuur, django_capture_on_commit_callbacks):
    [reservering] = _request(zaal)
    org = zaal.locatie.beheerder
    url = reverse("beheer:verhuur-afwijs", args=[org.slug, reservering.pk])
    response = client.post(url, {"reden": ""}, **EN)
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reden": "Die avond is er een buurtfeest."}, **EN)
    reservering.refresh_from_db()
    assert (reservering.status, reservering.besluit_reden) == (ReserveringStatus.AFGEWEZEN, "Die avond is er een buurtfeest.")
    assert "Die avond is er een buurtfeest." in mail.outbox[0].body
    status = client.get(reverse("site:huur", args=[verhuur_token(reservering)]), **EN).content.decode()
    assert "Declined" in status and "buurtfeest" in status


def test_the_price_can_be_changed_with_a_reason_kept(client, zaal, bestuur):
    rows = _request(zaal, weeks=1)
    org = zaal.locatie.beheerder
    url = reverse("beheer:verhuur-prijs", args=[org.slug, rows[0].pk])
    assert client.post(url, {"prijs": "10,00", "reden": ""}, **EN).status_code == 400
    client.post(url, {"prijs": "10,00", "reden": "Buurtkoor, afspraak bestuur"}, **EN)
    assert set(Reservering.objects.values_list("prijs", "prijs_reden")) == {(Decimal("10.00"), "Buurtkoor, afspraak bestuur")}


def test_the_inbox_shows_new_waiting_and_decided_and_the_start_page_counts(client, zaal, bestuur):
    nieuw = _request(zaal)[0]
    wachtend = _request(zaal, start=_dinsdag(2))[0]
    besloten = _request(zaal, start=_dinsdag(3))[0]
    verhuur_aanvraag_bevestig(reservering=besloten)
    org = zaal.locatie.beheerder
    client.get(reverse("beheer:verhuur-aanvraag", args=[org.slug, wachtend.pk]))
    html = client.get(reverse("beheer:verhuur", args=[org.slug]), **EN).content.decode()
    assert "New (1)" in html and "Waiting for an answer (1)" in html and "Decided (1)" in html
    assert html.index(f"/verhuur/{nieuw.pk}/") < html.index(f"/verhuur/{wachtend.pk}/") < html.index(f"/verhuur/{besloten.pk}/")
    start = client.get(reverse("beheer:start", args=[org.slug]), **EN).content.decode()
    assert "2 rental requests wait for an answer." in start


def test_another_organisations_request_answers_404(client, zaal, bestuur):
    other = RuimteFactory()
    TariefFactory(ruimte=other)
    vreemd = ReserveringFactory(ruimte=other)
    org = zaal.locatie.beheerder
    assert client.get(reverse("beheer:verhuur-aanvraag", args=[org.slug, vreemd.pk])).status_code == 404


# --- occupancy and feed ---------------------------------------------------------------------------


def _fill(locatie, rooms: int, weeks: int):
    for n in range(rooms):
        ruimte = RuimteFactory(locatie=locatie, naam=f"Zaal {n}")
        for week in range(weeks):
            start = _dinsdag() + timedelta(weeks=week, minutes=n)
            Reservering.objects.create(
                ruimte=ruimte, soort=ReserveringSoort.VERHUUR, periode=(start, start + timedelta(hours=2)),
                bezet=(start, start + timedelta(hours=2, minutes=30)), status=ReserveringStatus.BEVESTIGD,
                huurder_naam=f"Huurder {n}", huurder_categorie="maatschappelijk",
            )


def test_the_occupancy_week_uses_a_constant_number_of_queries(client, org, bestuur):
    klein, groot = LocatieFactory(beheerder=org), LocatieFactory(beheerder=org)
    _fill(klein, rooms=1, weeks=1)
    _fill(groot, rooms=6, weeks=52)
    week = _dinsdag().date().isoformat()
    client.get(reverse("beheer:verhuur-bezetting", args=[org.slug, klein.slug]))  # the session settles
    counts = []
    for locatie in (klein, groot):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("beheer:verhuur-bezetting", args=[org.slug, locatie.slug]) + f"?week={week}", **EN)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    html = response.content.decode()
    assert "Huurder 5" in html and "changeover until" in html


def test_the_occupancy_week_shows_closures_and_hours(client, zaal, bestuur):
    day = _dinsdag().date()
    SluitingFactory(locatie=zaal.locatie, van=day, tot=day, reden="Verbouwing")
    org = zaal.locatie.beheerder
    html = client.get(reverse("beheer:verhuur-bezetting", args=[org.slug, zaal.locatie.slug]) + f"?week={day}", **EN).content.decode()
    assert "Verbouwing" in html and "Open 09:00–23:00" in html


def test_the_rooms_private_feed_lists_its_rentals_behind_a_signed_url(client, zaal):
    [reservering] = _request(zaal)
    token = ruimte_feed_token(zaal)
    response = client.get(reverse("site:ruimte-ical", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Zangkoor Wyck" in body and f"reservering-{reservering.pk}@" in body and "TENTATIVE" in body
    assert client.get(reverse("site:ruimte-ical", args=[token[:-3] + "abc"])).status_code == 404


def test_series_dates_keep_wall_clock_time_and_stop_at_the_last_date():
    momenten = verhuur_momenten(datum=date(2027, 3, 16), van=time(19), tot=time(21), interval_weken=2, tot_datum=date(2027, 4, 14))
    assert [(timezone.localtime(s, AMSTERDAM).date(), timezone.localtime(s, AMSTERDAM).hour) for s, _e in momenten] == [
        (date(2027, 3, 16), 19), (date(2027, 3, 30), 19), (date(2027, 4, 13), 19)]
    assert all(isinstance(s, datetime) for s, _e in momenten)


def test_the_board_sets_the_places_cancellation_rule_in_the_profile(client, bestuur, zaal):
    locatie = zaal.locatie
    url = reverse("beheer:plek", args=[locatie.beheerder.slug, locatie.slug])
    data = {
        "naam": locatie.naam, "soort": locatie.soort, "straat": "Rechtstraat", "postcode": locatie.postcode,
        "plaats": "Maastricht", "lat": repr(locatie.lat), "lon": repr(locatie.lon), "gepubliceerd": "on",
    }
    client.post(url, {**data, "annuleren_tot_uren": "48"}, **EN)
    locatie.refresh_from_db()
    assert locatie.annuleren_tot_uren == 48
    client.post(url, data, **EN)  # left empty: stays
    locatie.refresh_from_db()
    assert locatie.annuleren_tot_uren == 48
    html = client.get(_url(zaal), **EN).content.decode()
    assert "You can cancel free of charge until 48 hours before the start." in html


def test_the_board_adds_a_rental_for_someone_who_phoned_and_a_clash_is_explained(client, zaal, bestuur):
    org = zaal.locatie.beheerder
    day = _dinsdag().date()
    week = client.get(reverse("beheer:verhuur-bezetting", args=[org.slug, zaal.locatie.slug]) + f"?week={day}", **EN)
    url = reverse("beheer:verhuur-telefonisch", args=[org.slug, zaal.locatie.slug, zaal.pk])
    assert f"{url}?datum={day}" in week.content.decode()
    response = client.post(url, _form(huurder_email="", huurder_telefoon="0612345678", huurder_naam="Mevrouw Bos"), follow=True, **EN)
    assert "The rental of Mevrouw Bos is saved and confirmed: 1 date." in response.content.decode()
    assert Reservering.objects.get().status == ReserveringStatus.BEVESTIGD
    again = client.post(url, _form(huurder_naam="Iemand anders", van="20:00", tot="22:00"), **EN)
    assert again.status_code == 400
    assert "The room is already booked at that time" in again.content.decode()
    assert Reservering.objects.count() == 1


def test_use_per_room_counts_confirmed_hours_against_open_hours_without_closures(zaal):
    rows = _request(zaal)
    verhuur_aanvraag_bevestig(reservering=rows[0])
    _request(zaal, start=_dinsdag(2))  # only requested: not counted
    monday = _dinsdag().date() - timedelta(days=1)
    SluitingFactory(locatie=zaal.locatie, van=monday, tot=monday, reden="Schoonmaak")
    [(ruimte, [week])] = ruimte_gebruik(locatie=zaal.locatie, perioden=[(monday, monday + timedelta(days=7))])
    assert ruimte == zaal
    assert (week.bezet_uren, week.open_uren, week.procent) == (Decimal("2.0"), Decimal(6 * 14), 2)


def test_the_occupancy_month_lists_every_day_and_the_week_has_a_grid_per_room(client, zaal, bestuur):
    rows = _request(zaal, weeks=4)
    verhuur_aanvraag_bevestig(reservering=rows[0])
    org = zaal.locatie.beheerder
    first = timezone.localtime(rows[0].periode.lower, AMSTERDAM).date()
    url = reverse("beheer:verhuur-bezetting", args=[org.slug, zaal.locatie.slug])
    month = client.get(url + f"?maand={first:%Y-%m}", **EN).content.decode()
    days_in_month = ((first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
    assert month.count('class="bezetting-dag"') == days_in_month
    in_month = [r for r in rows if timezone.localtime(r.periode.lower, AMSTERDAM).month == first.month]
    assert month.count("Zangkoor Wyck</a>") == len(in_month)
    week = client.get(url + f"?week={first}", **EN).content.decode()
    assert "The week per room" in week and "<th scope=\"col\">Grote zaal</th>" in week


def test_a_series_keeps_the_price_of_its_request_when_the_tariff_changes(zaal):
    rows = _request(zaal, weeks=2)
    assert {r.prijs for r in rows} == {Decimal("25.00")}
    zaal.tarieven.filter(categorie="maatschappelijk").update(prijs_per_uur=Decimal("20"))
    later = _request(zaal, start=_dinsdag(5), weeks=1)
    assert {r.prijs for r in Reservering.objects.filter(serie=rows[0].serie)} == {Decimal("25.00")}
    assert {r.prijs for r in later} == {Decimal("40.00")}


def test_approving_a_clashing_series_without_skipping_says_why_in_words(client, zaal, bestuur):
    rows = _request(zaal, weeks=1)
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=rows[1].periode.lower, huurder_naam="Familie Jansen"))
    org = zaal.locatie.beheerder
    response = client.post(reverse("beheer:verhuur-bevestig", args=[org.slug, rows[0].pk]), follow=True, **EN)
    html = response.content.decode()
    assert "Not approved: The room is already booked at that time" in html and "Familie Jansen" in html
    assert not Reservering.objects.filter(serie=rows[0].serie, status=ReserveringStatus.BEVESTIGD).exists()


def test_a_series_sent_without_looking_first_comes_back_with_the_unavailable_dates_ticked(client, zaal):
    first = _dinsdag()
    reservering_bevestig(reservering=ReserveringFactory(ruimte=zaal, start=first + timedelta(weeks=1)))
    data = _form(start=first, herhaling="1", herhaal_tot=(first + timedelta(weeks=2)).date().isoformat())
    response = client.post(_url(zaal), {**data, "verstuur": "1"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    dropped = (first + timedelta(weeks=1)).date().isoformat()
    assert f'value="{dropped}" id="overslaan-2" checked' in html and 'name="gezien"' in html
    again = client.post(_url(zaal), {**data, "overslaan": [dropped], "gezien": "1", "verstuur": "1"}, **EN)
    assert again.status_code == 302
    assert Reservering.objects.filter(huurder_naam="Zangkoor Wyck").count() == 2


def test_the_place_page_shows_when_each_room_is_taken_without_names(client, zaal):
    andere = ReserveringFactory(ruimte=zaal, start=_dinsdag(), huurder_naam="Familie Jansen")
    reservering_bevestig(reservering=andere)
    html = client.get(reverse("site:locatie", args=[zaal.locatie.slug]), **EN).content.decode()
    assert "When Grote zaal is taken in the coming four weeks" in html
    assert "taken 19:00–21:00" in html and "Jansen" not in html
