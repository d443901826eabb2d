"""The annual report's outputs: the XLSX with numbers as numbers, the subsidy answers on
the page and in the PDF, the charts with their tables, and the gemeente's sortable
table with each place's unique coverage and its exports."""

import re
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ontmoeting.beheer.views_jaarverslag import pdf_html
from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.verslag import verslag_for_organisatie
from tests.locaties.factories import BevolkingspuntFactory, GemeentemedewerkerFactory, LocatieFactory
from tests.ontmoeting import test_jaarverslag, test_jaarverslag_cijfers
from tests.ontmoeting.test_dekking import weekly

pytestmark = pytest.mark.django_db

DECEMBER = test_jaarverslag.DECEMBER
# the fixtures, shared
december, gemeente_met_plek = test_jaarverslag.december, test_jaarverslag.gemeente_met_plek
meer = test_jaarverslag_cijfers.meer


def _sheet(response, titel):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))[titel]


def test_the_board_xlsx_has_numbers_as_numbers(meer, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag-xlsx", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    rows = list(_sheet(response, "Cijfers").values)
    header = rows[1]
    wyck = header.index("Buurthuis Wyck")
    figures = {row[0]: row for row in rows[2:]}
    assert figures["Bijeenkomsten gehouden"][wyck] == 7  # 3 Taalcafé, 4 open inloop
    assert figures["Vrijwilligersuren"][wyck] == pytest.approx(7.5)
    assert figures["Opbrengst verhuur (€)"][-1] == pytest.approx(175.0)
    assert figures["Gemiddelde opkomst"][header.index("Huiskamer Anker")] == "niet bekend"
    taken = list(load_workbook(BytesIO(response.content))["Taken"].values)
    assert ("Buurthuis Wyck", "Bar", 2.0) in taken
    vragen = dict(list(load_workbook(BytesIO(response.content))["Subsidie"].values)[1:])
    assert "Stichting Partner" in vragen["Samenwerkingspartners"]


def test_the_xlsx_refuses_a_wrong_period(client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag-xlsx", args=[org.slug]), {"van": "2026-12-31", "tot": "2026-01-01"})
    assert response.status_code == 400


def test_the_subsidy_answers_on_the_page(meer, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    text = response.content.decode()
    assert "Voor uw subsidieverantwoording" in text
    vragen = dict(response.context["subsidie"])
    assert vragen["Aantal activiteiten"] == (
        "Activiteiten: 2. Bijeenkomsten gehouden: 7. Bijeenkomsten geannuleerd: 2. Uren open inloop: 10,0.")
    assert vragen["Inzet van vrijwilligers"] == (
        "Vrijwilligers: 3. Uren: 7,5. Per taak: Gastvrouw/gastheer: 5,5; Bar: 2,0.")
    assert vragen["Deelnemers"].startswith("Bezoeken geteld: 16 (gemiddeld per bijeenkomst: 8,0). "
                                           "Bij 5 van 7 bijeenkomsten is de opkomst niet ingevuld.")
    assert "Verhuringen aan bewonersinitiatieven en verenigingen: 2." in vragen["Samenwerkingspartners"]
    assert "Het aantal verschillende mensen is niet bekend" in vragen["Deelnemers"]
    assert '<textarea id="subsidie-tekst"' in text and "Samenwerkingspartners\nActiviteiten georganiseerd met: Stichting Partner." in text


def test_the_page_draws_charts_with_their_tables(meer, client, bestuur, org):
    text = client.get(reverse("beheer:jaarverslag", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert text.count('<svg viewBox=') >= 2
    assert 'role="img"' in text and "The table beside it gives the same figures" in text
    assert "style=" not in re.sub(r"<link[^>]*>", "", text.split("<main", 1)[1])  # the CSP allows no inline style


def test_the_pdf_holds_the_subsidy_answers_and_new_figures(org, meer, rf):
    verslag = verslag_for_organisatie(organisatie=org, van=date(2026, 12, 1), tot=date(2026, 12, 31))
    with translation.override("nl"):
        html = pdf_html(rf.get("/"), org, verslag)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Voor uw subsidieverantwoording" in text
    assert "Uren open inloop gehouden 10,0" in text
    assert "Openingsuren per week (nu) 14,0" in text


# --- the gemeente ----------------------------------------------------------------------


@pytest.fixture
def gemeente(gemeente_met_plek, december, client):
    """Wyck with 40 residents (4 aged 65+) beside it whom only it covers, and a second
    place, Zuid, without anything weekly; the coverage computed; an official logged in."""
    buurt = december.buurt
    BevolkingspuntFactory(buurt=buurt, lat=december.lat, lon=december.lon, inwoners=40, inwoners_65plus=4)
    LocatieFactory(buurt=buurt, naam="Zuid", beheerder=december.beheerder)
    weekly(december)
    dekking_compute(gemeente=gemeente_met_plek)
    client.force_login(GemeentemedewerkerFactory(gemeente=gemeente_met_plek).user)
    return gemeente_met_plek


def test_the_gemeente_sees_unique_coverage(gemeente, december, client):
    response = client.get(reverse("dashboard:jaarverslag", args=[gemeente.code]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    plekken = {c.locatie.naam: c for c in response.context["verslag"].plekken}
    assert plekken["Buurthuis Wyck"].uniek_bereik == (40, 4)
    assert plekken["Zuid"].uniek_bereik is None
    text = response.content.decode()
    assert "telt niet mee" in text
    assert "Inwoners die alleen deze plek binnen 400 m hebben" in text


@pytest.mark.parametrize(("sorteer", "eerste"), [("", "Buurthuis Wyck"), ("-plek", "Zuid"),
                                                  ("-gehouden", "Buurthuis Wyck"), ("gehouden", "Zuid"),
                                                  ("onzin", "Buurthuis Wyck")])
def test_the_gemeente_table_sorts(gemeente, client, sorteer, eerste):
    response = client.get(reverse("dashboard:jaarverslag", args=[gemeente.code]), {**DECEMBER, "sorteer": sorteer})
    assert response.context["verslag"].plekken[0].locatie.naam == eerste
    text = response.content.decode()
    assert "sorteer=" in text and "aria-sort=" in text


def test_the_gemeente_xlsx_and_pdf(gemeente, client):
    response = client.get(reverse("dashboard:jaarverslag-xlsx", args=[gemeente.code]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    rows = list(_sheet(response, gemeente.naam[:31]).values)
    header = rows[0]
    wyck = next(row for row in rows if row[0] == "Buurthuis Wyck")
    assert wyck[header.index("Bijeenkomsten gehouden")] == 3
    assert wyck[header.index("Vrijwilligersuren")] == pytest.approx(float(Decimal("5.5")))
    pdf = client.get(reverse("dashboard:jaarverslag-pdf", args=[gemeente.code]), DECEMBER)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def _pdftotext(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_board_pdf_text(meer, client, bestuur, org):
    response = client.get(reverse("beheer:jaarverslag-pdf", args=[org.slug]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    text = _pdftotext(response.content)
    assert "Voor uw subsidieverantwoording" in text
    assert "Activiteiten georganiseerd met: Stichting Partner." in text
    assert "Bar 2,0" in text


def test_the_gemeente_pdf_text(gemeente, client):
    response = client.get(reverse("dashboard:jaarverslag-pdf", args=[gemeente.code]), DECEMBER, HTTP_ACCEPT_LANGUAGE="nl")
    text = _pdftotext(response.content)
    assert "Buurthuis Wyck" in text and "Zuid" in text
    assert "alleen deze plek" in text.lower()
