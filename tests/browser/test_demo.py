"""The demo as the CEO walks it: the demo board member downloads last year's report of
Buurtcentrum Nazareth as PDF and spreadsheet, and its figures are there (the demo has a
past). Every page passes axe-core and breaks no rule of the Content-Security-Policy."""

import subprocess
from io import BytesIO, StringIO
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from ontmoeting.verslag import vorig_kalenderjaar
from tests.browser.test_beheer import check, log_in, page  # noqa: F401 fixtures used by name

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_board_member_downloads_last_years_report(page, check):  # noqa: F811
    call_command("load_demo", stdout=StringIO())
    van, _tot = vorig_kalenderjaar(timezone.localdate())
    log_in(page, check)
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Jaarverslag").click()
    page.wait_for_selector("h1:text('Jaarverslag')")
    check(page)
    assert page.get_by_text(f"Van 1 januari {van.year} tot en met 31 december {van.year}").first.is_visible()
    assert page.get_by_text("opkomst niet ingevuld bij").first.is_visible()
    # The links answer with attachments: fetched with the browser's own session.
    pdf = _download(page, "Download als PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.body(), capture_output=True, check=True)
    text = " ".join(text.stdout.decode().split())
    assert "Buurtcentrum Nazareth" in text and "Bijeenkomsten gehouden 0" not in text
    xlsx = _download(page, "Download als spreadsheet (XLSX)")
    cijfers = {row[0]: row[1:] for row in load_workbook(BytesIO(xlsx.body()))["Cijfers"].iter_rows(values_only=True)}
    assert cijfers["Bijeenkomsten gehouden"][0] > 0 and cijfers["Verhuringen"][0] > 0
    assert cijfers["Vrijwilligersuren"][0] > 0


def _download(tab, name: str):
    href = tab.get_by_role("link", name=name).get_attribute("href")
    response = tab.request.get(urljoin(tab.url, href))
    assert response.status == 200, name
    return response
