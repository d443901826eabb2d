"""The annual report: figures of a small December counted by hand, the period form, the
exports and the queries it takes."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activiteiten.constants import AanmeldingNodig
from activiteiten.services import (
    aanmelding_annuleer_door_organisator,
    aanmelding_create,
    bijeenkomst_annuleer,
    bijeenkomst_registreer_aanwezigen,
)
from core.timezones import AMSTERDAM
from locaties.constants import ReserveringStatus, Rol
from ontmoeting.beheer.views_jaarverslag import pdf_html
from ontmoeting.verslag import verslag_for_locaties, verslag_for_organisatie, vorige_periode
from tests.activiteiten.factories import make_activiteit
from tests.locaties.factories import (
    BuurtFactory,
    GemeenteFactory,
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
)
from tests.vrijwilligers.factories import DienstFactory, InzetFactory
from vrijwilligers.constants import InzetStatus

pytestmark = pytest.mark.django_db

DECEMBER = {"van": "2026-12-01", "tot": "2026-12-31"}


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def december(org, frozen_clock):
    """Buurthuis Wyck in December 2026 (the clock stands at 1 December): a weekly
    Taalcafé on Tuesdays 8 December–12 January (29 December cancelled; attendance 10 and 6
    on 8 and 15 December, none on 22 December), registrations 1 + 2 confirmed and 1
    cancelled, two volunteers (2.5 hours written and a 3-hour shift, one called off, one on the
    cancelled date),
    two confirmed rentals (€30 and €45) besides a request and a January rental, open
    on Mondays 9–17. Then the clock moves to 13 January 2027."""
    wyck = LocatieFactory(beheerder=org, naam="Buurthuis Wyck")
    LocatieFactory(beheerder=org, naam="Huiskamer Anker")
    elders = LocatieFactory(naam="Elders")
    zaal = RuimteFactory(locatie=wyck, naam="Grote zaal")
    OpeningstijdFactory(locatie=wyck, weekdag=0)
    activiteit = make_activiteit(
        locatie=wyck, start=_at(2026, 12, 8, 14), einddatum=date(2027, 1, 12),
        aanmelding=AanmeldingNodig.VERPLICHT, capaciteit=10,
        categorieen=["taal", "eten_drinken"], doelgroepen=["anderstaligen"],
    )
    make_activiteit(locatie=elders, start=_at(2026, 12, 8, 10), einddatum=date(2026, 12, 29))
    dates = list(activiteit.bijeenkomsten.order_by("start"))
    assert [b.start.astimezone(AMSTERDAM).day for b in dates[:4]] == [8, 15, 22, 29]
    aanmelding_create(bijeenkomst=dates[0], naam="Anna", email="anna@example.org")
    aanmelding_create(bijeenkomst=dates[0], naam="Bram", email="bram@example.org", aantal=2)
    weg = aanmelding_create(bijeenkomst=dates[1], naam="Cor", email="cor@example.org")
    aanmelding_annuleer_door_organisator(aanmelding=weg)
    bijeenkomst_annuleer(bijeenkomst=dates[3])
    dienst = DienstFactory(locatie=wyck, start=_at(2026, 12, 10, 10), eind=_at(2026, 12, 10, 13))
    InzetFactory(dienst=dienst, status=InzetStatus.GEWERKT, uren=Decimal("2.5"))
    InzetFactory(dienst=dienst, status=InzetStatus.BEVESTIGD)
    InzetFactory(dienst=dienst, status=InzetStatus.AFGEMELD)
    InzetFactory(dienst=DienstFactory(locatie=wyck, bijeenkomst=dates[3], start=dates[3].start, eind=dates[3].eind),
                 status=InzetStatus.BEVESTIGD)
    ReserveringFactory(ruimte=zaal, start=_at(2026, 12, 14, 19), status=ReserveringStatus.BEVESTIGD,
                       prijs=Decimal("30.00"))
    ReserveringFactory(ruimte=zaal, start=_at(2026, 12, 21, 19), status=ReserveringStatus.BEVESTIGD,
                       prijs=Decimal("45.00"))
    ReserveringFactory(ruimte=zaal, start=_at(2026, 12, 28, 19), status=ReserveringStatus.AANGEVRAAGD)
    ReserveringFactory(ruimte=zaal, start=_at(2027, 1, 4, 19), status=ReserveringStatus.BEVESTIGD)
    frozen_clock.move_to(_at(2027, 1, 13, 12))
    bijeenkomst_registreer_aanwezigen(bijeenkomst=dates[0], aanwezigen=10)
    bijeenkomst_registreer_aanwezigen(bijeenkomst=dates[1], aanwezigen=6)
    return wyck


def test_the_figures_of_december(org, december):
    verslag = verslag_for_organisatie(organisatie=org, van=date(2026, 12, 1), tot=date(2026, 12, 31))
    wyck, anker = verslag.plekken
    assert (wyck.locatie, anker.locatie.naam) == (december, "Huiskamer Anker")
    assert (wyck.activiteiten, wyck.gehouden, wyck.geannuleerd) == (1, 3, 1)
    assert (wyck.aanwezigen, wyck.zonder_opkomst, wyck.gemiddeld) == (16, 1, Decimal("8.0"))
    assert (wyck.aanmeldingen_bevestigd, wyck.aanmeldingen_personen, wyck.aanmeldingen_geannuleerd) == (2, 3, 1)
    assert wyck.doelgroepen == [("Speakers of other languages", 3)]
    assert sorted(wyck.categorieen) == [("Food and drink", 3), ("Language", 3)]
    assert (wyck.vrijwilligers, wyck.vrijwilligersuren) == (2, Decimal("5.5"))
    assert (wyck.verhuringen, wyck.opbrengst) == (2, Decimal("75.00"))
    [(ruimte, gebruik)] = wyck.ruimtes
    assert (ruimte.naam, gebruik.bezet_uren, gebruik.open_uren) == ("Grote zaal", Decimal("4.0"), Decimal("32"))
    assert (anker.gehouden, anker.vrijwilligers, anker.vrijwilligersuren, anker.gemiddeld) == (0, None, None, None)
    totaal = verslag.totaal
    assert (totaal.gehouden, totaal.aanwezigen, totaal.vrijwilligersuren, totaal.opbrengst) == (
        3, 16, Decimal("5.5"), Decimal("75.00"))


def test_dates_not_yet_begun_are_not_held(org, december, frozen_clock):
    frozen_clock.move_to(_at(2026, 12, 16, 12))
    [wyck] = verslag_for_locaties(locaties=[december], van=date(2026, 12, 1), tot=date(2026, 12, 31)).plekken
    assert (wyck.gehouden, wyck.geannuleerd) == (2, 1)
    assert wyck.vrijwilligersuren == Decimal("5.5")


def test_the_number_of_queries_does_not_grow_with_the_data(org, december):
    van, tot = date(2026, 12, 1), date(2026, 12, 31)
    with CaptureQueriesContext(connection) as small:
        verslag_for_locaties(locaties=[december], van=van, tot=tot)
    make_activiteit(locatie=december, start=_at(2026, 12, 9, 19), einddatum=date(2026, 12, 30), titel="Kienen")
    InzetFactory(dienst=DienstFactory(locatie=december, start=_at(2026, 12, 11, 10)), status=InzetStatus.GEWERKT)
    ReserveringFactory(ruimte=RuimteFactory(locatie=december), start=_at(2026, 12, 15, 19),
                       status=ReserveringStatus.BEVESTIGD)
    with CaptureQueriesContext(connection) as large:
        verslag_for_locaties(locaties=[december], van=van, tot=tot)
    assert len(large) == len(small) <= 12


def test_the_number_of_queries_does_not_grow_with_the_places(org, december):
    """Room use included: the rooms of every place are read at once."""
    van, tot = date(2026, 12, 1), date(2026, 12, 31)
    with CaptureQueriesContext(connection) as one:
        verslag_for_locaties(locaties=[december], van=van, tot=tot)
    meer = [december]
    for n in range(3):
        plek = LocatieFactory(beheerder=org, buurt=BuurtFactory())
        RuimteFactory(locatie=plek)
        OpeningstijdFactory(locatie=plek, weekdag=n)
        make_activiteit(locatie=plek, start=_at(2026, 12, 9, 19), einddatum=date(2026, 12, 30), titel=f"Kienen {n}")
        meer.append(plek)
    with CaptureQueriesContext(connection) as four:
        verslag = verslag_for_locaties(locaties=meer, van=van, tot=tot)
    assert len(four) <= len(one) + 1  # + the wishes, once a place stands in a buurt
    assert [len(c.ruimtes) for c in verslag.plekken] == [1, 1, 1, 1]


def test_the_page_shows_the_figures(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "attendance not recorded at 1 of 3 dates" in text
    assert "4.0 hours occupied of 32 hours open" in text
    assert "Huiskamer Anker" in text and "Elders" not in text


def test_the_page_in_dutch(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    text = response.content.decode()
    assert "opkomst niet ingevuld bij 1 van 3 bijeenkomsten" in text
    assert "niet bekend" in text


def test_without_a_period_last_calendar_year(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert (response.context["verslag"].van, response.context["verslag"].tot) == (date(2026, 1, 1), date(2026, 12, 31))
    assert 'value="2026-01-01"' in response.content.decode()  # a date field takes ISO dates
    assert response.context["verslag"].totaal.gehouden == 3


@pytest.mark.parametrize(("query", "veld"), [
    ({"van": "2026-12-31", "tot": "2026-12-01"}, "tot"),
    ({"van": "2026-12-01"}, "tot"),
    ({"van": "gisteren", "tot": "2026-12-01"}, "van"),
    ({"van": "2015-01-01", "tot": "2026-12-31"}, "tot"),
    ({"jaar": "1899"}, "jaar"),
    ({"jaar": "2026", "van": "2026-01-01", "tot": "2026-02-01"}, None),
])
def test_a_wrong_period_is_said_beside_its_field(client, bestuur, org, query, veld):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[veld] if veld else form.non_field_errors()
    assert "Something is not right yet" in response.content.decode()
    if "van" in query and veld != "van":
        assert f'value="{query["van"]}"' in response.content.decode()


def test_a_year(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), {"jaar": "2027"})
    assert response.status_code == 200
    assert response.context["verslag"].van == date(2027, 1, 1)
    assert response.context["verslag"].totaal.verhuringen == 1


def test_another_organisation_answers_404(december, client, bestuur):
    andere = OrganisatieFactory()
    for name in ("beheer:jaarverslag", "beheer:jaarverslag-csv", "beheer:jaarverslag-pdf"):
        assert client.get(reverse(name, args=[andere.slug]), DECEMBER).status_code == 404


def test_a_coordinator_may_not(december, client, org):
    client.force_login(LidmaatschapFactory(organisatie=org, rol=Rol.COORDINATOR).user)
    assert client.get(reverse("beheer:jaarverslag", args=[org.slug]), DECEMBER).status_code == 403


def test_the_csv_opens_in_dutch_excel(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag-csv", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = [line.split(";") for line in body.lstrip("\ufeff").splitlines()]
    header = rows[1]
    assert header[-1] == "Hele organisatie"
    wyck = header.index("Buurthuis Wyck")
    figures = {row[0]: row for row in rows[2:]}
    assert figures["Vrijwilligersuren"][wyck] == "5,5"
    assert figures["Opbrengst verhuur (€)"][wyck] == "75,00"
    assert figures["Bijeenkomsten gehouden"][-1] == "3"


def test_the_csv_refuses_a_wrong_period(client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag-csv", args=[org.slug]), {"van": "2026-12-31", "tot": "2026-01-01"})
    assert response.status_code == 400


def test_the_pdf_holds_the_figures(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag-pdf", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_text_holds_the_figures(org, december, rf):
    verslag = verslag_for_organisatie(organisatie=org, van=date(2026, 12, 1), tot=date(2026, 12, 31))
    with translation.override("nl"):
        html = pdf_html(rf.get("/"), org, verslag)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Jaarverslag van Stichting Buurthuis Wyck" in text
    assert "Vrijwilligersuren 5,5" in text
    assert html.count('<section class="plek">') == 2  # a page per place after the summary
    assert "opkomst niet ingevuld bij 1 van 3 bijeenkomsten" in text
    assert "Grote zaal 4,0 uur bezet van 32 uur open (12%)" in text


def test_a_single_day_counts_its_own_dates(org, december):
    def gehouden(dag):
        return verslag_for_locaties(locaties=[december], van=dag, tot=dag, ruimtes=False).plekken[0].gehouden

    assert (gehouden(date(2026, 12, 7)), gehouden(date(2026, 12, 8)), gehouden(date(2026, 12, 9))) == (0, 1, 0)


# --- the gemeente's officials ---------------------------------------------------------


@pytest.fixture
def gemeente_met_plek(december):
    """Buurthuis Wyck in a buurt of the gemeente, beside an unpublished place there and a
    place in another gemeente."""
    buurt = BuurtFactory()
    december.buurt = buurt
    december.save(update_fields=["buurt"])
    LocatieFactory(buurt=buurt, naam="Nog niet gepubliceerd", gepubliceerd=False)
    LocatieFactory(buurt=BuurtFactory(), naam="Andere gemeente")
    return buurt.gemeente


def _official(client, gemeente):
    client.force_login(GemeentemedewerkerFactory(gemeente=gemeente).user)


def test_the_official_sees_each_place_of_the_gemeente(december, gemeente_met_plek, client):
    _official(client, gemeente_met_plek)
    response = client.get(reverse("dashboard:jaarverslag", args=[gemeente_met_plek.code]), DECEMBER,
                          HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    [wyck] = response.context["verslag"].plekken
    assert (wyck.locatie, wyck.gehouden, wyck.aanwezigen, wyck.vrijwilligersuren) == (december, 3, 16, Decimal("5.5"))
    text = response.content.decode()
    assert "opkomst niet ingevuld bij 1 van 3 bijeenkomsten" in text
    assert "Andere gemeente" not in text and "Nog niet gepubliceerd" not in text


def test_the_gemeente_csv(december, gemeente_met_plek, client):
    _official(client, gemeente_met_plek)
    response = client.get(reverse("dashboard:jaarverslag-csv", args=[gemeente_met_plek.code]), DECEMBER,
                          HTTP_ACCEPT_LANGUAGE="nl")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    header, wyck, totaal = (line.split(";") for line in body.lstrip("\ufeff").splitlines())
    assert header[0] == "Plek"
    assert wyck[header.index("Vrijwilligersuren")] == "5,5"
    assert totaal[header.index("Bijeenkomsten gehouden")] == "3"


def test_another_gemeente_is_refused(december, gemeente_met_plek, client):
    _official(client, GemeenteFactory())
    response = client.get(reverse("dashboard:jaarverslag", args=[gemeente_met_plek.code]), DECEMBER)
    assert response.status_code == 403


def test_a_wrong_period_for_the_gemeente(gemeente_met_plek, client):
    _official(client, gemeente_met_plek)
    response = client.get(reverse("dashboard:jaarverslag", args=[gemeente_met_plek.code]),
                          {"van": "2026-12-31", "tot": "2026-12-01"})
    assert response.status_code == 400


@pytest.mark.parametrize(("van", "tot", "vorige"), [
    (date(2026, 1, 1), date(2026, 12, 31), (date(2025, 1, 1), date(2025, 12, 31))),
    (date(2025, 1, 1), date(2026, 12, 31), (date(2023, 1, 1), date(2024, 12, 31))),
    (date(2026, 12, 1), date(2026, 12, 31), (date(2026, 10, 31), date(2026, 11, 30))),
    (date(2026, 3, 1), date(2026, 3, 1), (date(2026, 2, 28), date(2026, 2, 28))),
])
def test_the_period_before(van, tot, vorige):
    assert vorige_periode(van, tot) == vorige


def test_the_page_compares_with_the_period_before(december, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="en")
    rijen = {label: (nu, eerder, verschil) for label, nu, eerder, verschil in response.context["vergelijking"]}
    assert rijen["Dates held"] == (3, 0, 3)
    assert rijen["Volunteer hours"] == (Decimal("5.5"), "not known", None)
    assert "+3" in response.content.decode()


def test_the_page_takes_as_many_queries_with_more_data(december, client, bestuur, org):
    url = reverse("beheer:jaarverslag", args=[org.slug])
    client.get(url, DECEMBER)
    with CaptureQueriesContext(connection) as small:
        client.get(url, DECEMBER)
    make_activiteit(locatie=december, start=_at(2026, 12, 9, 19), einddatum=date(2026, 12, 30), titel="Kienen")
    InzetFactory(dienst=DienstFactory(locatie=december, start=_at(2026, 12, 11, 10)), status=InzetStatus.GEWERKT)
    with CaptureQueriesContext(connection) as large:
        client.get(url, DECEMBER)
    assert len(large) == len(small)
