"""The gemeente official's walk through the dashboard: the header link, the buurt table
per wijk, the buurt list beside the map, chart labels, the gaps list, the exports (CSV
for Excel, the map in the PDF), the what-if's labels and 4-position postcodes, and the
page in English."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from ontmoeting.dashboard.grafieken import LABEL_CHARS, MAX_TREND_LABELS, bar_chart, line_chart
from ontmoeting.dashboard.kaart_svg import coverage_map_svg_data
from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.dekking.parsing import parse_punten, punt_text
from ontmoeting.models import Drempelwaarden
from tests.locaties.factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeentemedewerkerFactory,
    UserFactory,
    WijkFactory,
)
from tests.ontmoeting.test_dashboard import make_gemeente

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(client):
    gemeente, buurten = make_gemeente(3)
    GemeentemedewerkerFactory(gemeente=gemeente, user=UserFactory(username="ambtenaar"))
    client.login(username="ambtenaar", password="wachtwoord")
    client.gemeente, client.buurten = gemeente, buurten
    return client


def dashboard_html(client, **params):
    response = client.get(reverse("dashboard:gemeente", args=[client.gemeente.code]), params)
    assert response.status_code == 200
    return response, response.content.decode()


# --- 1. the header links an official to their dashboard -----------------------------------

def test_header_links_an_official_to_their_dashboard(official_client):
    html = official_client.get("/").content.decode()
    assert f'href="/gemeente/{official_client.gemeente.code}/"' in html


def test_header_has_no_dashboard_link_for_others(client):
    client.force_login(UserFactory())
    assert 'href="/gemeente/' not in client.get("/").content.decode()
    client.logout()
    assert 'href="/gemeente/' not in client.get("/").content.decode()


# --- 2. the buurt table -------------------------------------------------------------------

def test_table_groups_buurten_per_wijk_folded_with_explained_short_headings(official_client):
    gemeente, buurten = official_client.gemeente, official_client.buurten
    other_wijk = WijkFactory(gemeente=gemeente)
    BevolkingspuntFactory(buurt=BuurtFactory(wijk=other_wijk, lat=50.90, lon=5.69), inwoners=50, inwoners_65plus=5)
    dekking_compute(gemeente=gemeente)
    _response, html = dashboard_html(official_client)
    wijken = re.findall(r'<details class="wijk" id="wijk-(WK\w+)"( open)?>', html)
    assert len(wijken) == 2 and not any(opened for _code, opened in wijken)  # folded: the page stays short
    # Every heading points at its explanation in the visible legend.
    for key in ("inwoners", "aandeel_65plus_400", "inloop_uren_400", "drempels"):
        assert f'id="kolom-{key}"' in html and f'aria-describedby="kolom-{key}"' in html
    assert "Inw." in html and "Wat de kolomkoppen betekenen" in html
    # Figures in cells that do not wrap (the stylesheet: td.getal nowrap, tabular figures).
    assert html.count('<td class="getal') >= 10 * len(buurten)


def test_sorting_opens_the_wijken(official_client):
    _response, html = dashboard_html(official_client, sort="inwoners", dir="desc")
    assert re.search(r'<details class="wijk" id="wijk-WK\w+" open>', html)


def test_stylesheet_keeps_numbers_whole_sticks_the_header_and_narrows_on_a_phone():
    css = (settings.BASE_DIR / "static" / "dashboard" / "dashboard.css").read_text()
    assert re.search(r"\.dekking-tabel td\.getal \{ white-space: nowrap; \}", css)
    assert re.search(r"\.dekking-tabel thead th \{ position: sticky; top: 0;", css)
    assert re.search(r"@media \(max-width: 40rem\) \{\n  \.dekking-tabel \.bijzaak \{ display: none; \}", css)


# --- 3. buurt names beside the map -------------------------------------------------------------

def kaart_data(client) -> dict:
    response = client.get(reverse("dashboard:kaart", args=[client.gemeente.code]))
    assert response.status_code == 200
    return response.json()


def test_buurt_list_beside_the_map(official_client):
    _response, html = dashboard_html(official_client)
    # The list is filled from the map data, with the map (the table has it without a script).
    assert f'data-url="/gemeente/{official_client.gemeente.code}/kaart.json"' in html
    assert 'class="buurtlijst"' in html
    data = kaart_data(official_client)
    assert [b["code"] for b in data["lijst"]] == [b.code for b in sorted(official_client.buurten, key=lambda b: b.naam.lower())]
    names = [f["properties"]["naam"] for f in data["buurten"]["features"]]
    assert sorted(names) == sorted(b.naam for b in official_client.buurten)
    script = (settings.BASE_DIR / "static" / "dashboard" / "kaart.js").read_text()
    assert "bindTooltip(document.createTextNode(p.naam)" in script
    lijst = (settings.BASE_DIR / "static" / "dashboard" / "dashboard.js").read_text()
    assert 'item.setAttribute("data-buurtcode", buurt.code)' in lijst
    assert "document.createTextNode(\" \" + buurt.naam)" in lijst  # a name is text, never HTML


# --- 4. chart labels -------------------------------------------------------------------------------

def test_bar_labels_are_broken_into_lines_that_fit_their_bar(official_client):
    response, html = dashboard_html(official_client)
    chart = response.context["verdeling_chart"]
    for bar in chart["bars"]:
        assert all(len(line) <= LABEL_CHARS for line in bar["label_lines"])
        assert bar["w"] + 12 >= LABEL_CHARS * 6.5  # its slot; about 6.5 px per character at 12 px
    assert "<tspan" in html


def test_trend_labels_are_turned_and_thinned():
    days = [{"datum": date(2026, 1, 1) + timedelta(days=i), "aandeel_65plus_400": 50.0} for i in range(40)]
    chart = line_chart(days, "aandeel_65plus_400")
    labels = chart["labels"]
    assert len(labels) == MAX_TREND_LABELS
    assert labels[0]["x"] == chart["points"][0]["x"] and labels[-1]["x"] == chart["points"][-1]["x"]
    assert all(label["transform"].startswith("rotate(-35 ") for label in labels)
    gaps = [b["x"] - a["x"] for a, b in zip(labels, labels[1:], strict=False)]
    assert min(gaps) >= 40  # a turned 12 px label needs about 10 px; no two touch
    assert labels[0]["x"] >= 60  # room on the left for the first turned date


def test_bar_chart_of_one_class():
    chart = bar_chart([{"klasse": ("k0", None, "geen inwoners van 65 jaar of ouder", "#ddd", "p"), "buurten": 1}])
    assert chart["bars"][0]["label_lines"] == ["geen inwoners", "van 65 jaar", "of ouder"]


# --- 5. the gaps list -----------------------------------------------------------------------------

def test_gaps_are_one_line_each_with_singular_and_plural(official_client):
    gemeente = official_client.gemeente
    Drempelwaarden.objects.create(
        gemeente=gemeente, min_aandeel_65plus_400=80, min_locaties_per_10000=Decimal("2"), min_jongeren_800=Decimal("1")
    )
    _response, html = dashboard_html(official_client)
    assert "minstens 1 activiteit per week voor jongeren" in html
    assert "minstens 2 plekken per 10.000 inwoners" in html
    gaps = html[html.index('id="gaten-kop"'):html.index('id="wijken-kop"')]
    lines = [line.strip() for line in gaps.splitlines()]
    assert "(" not in lines and ")" not in lines
    assert re.search(r"</a>: \d+ inwoners? van 65\+ niet binnen 400 m <span class=\"toets-kort\">\(onder: [^<]+\)</span></li>", gaps)


def test_fractional_threshold_reads_plural(official_client):
    Drempelwaarden.objects.create(
        gemeente=official_client.gemeente, min_aandeel_65plus_400=80,
        min_locaties_per_10000=Decimal("1"), min_jongeren_800=Decimal("0.5"),
    )
    _response, html = dashboard_html(official_client)
    assert "minstens 1 plek per 10.000 inwoners" in html
    assert "minstens 0,5 activiteiten per week" in html


# --- 6. exports -----------------------------------------------------------------------------------

def test_csv_for_excel_is_dutch(official_client):
    code = official_client.gemeente.code
    response = official_client.get(reverse("dashboard:csv_excel", args=[code]))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, first = rows[0], rows[1]
    assert header[0] == "buurtcode" and len(first) == len(header)
    share = first[header.index("aandeel_inwoners_400m")]
    assert "," in share and "." not in share  # 100,0
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", first[header.index("berekend_op")])
    # The machine CSV stays as it was.
    machine = official_client.get(reverse("dashboard:csv", args=[code])).content.decode("utf-8-sig")
    assert machine.splitlines()[0].startswith("buurtcode,buurtnaam,")
    assert 'href="/gemeente/' + code + '/dekking-excel.csv"' in dashboard_html(official_client)[1]


def test_pdf_report_includes_the_map_drawn_from_the_boundaries(official_client):
    response = official_client.get(reverse("dashboard:pdf", args=[official_client.gemeente.code]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    kaart = response.context["kaart_svg"]
    assert len(kaart["paths"]) == len(official_client.buurten) and kaart["dots"]
    assert all(p["d"].startswith("M") and p["d"].endswith("Z") for p in kaart["paths"])


def test_coverage_map_svg_projects_inside_its_box():
    square = {"type": "Polygon", "coordinates": [[[5.0, 50.0], [5.1, 50.0], [5.1, 50.1], [5.0, 50.1], [5.0, 50.0]]]}
    multi = {"type": "MultiPolygon", "coordinates": [[[[5.1, 50.1], [5.2, 50.1], [5.2, 50.2], [5.1, 50.1]]]]}
    data = coverage_map_svg_data(
        [{"naam": "A", "grens": square, "patroon": "patroon-k1"}, {"naam": "B", "grens": multi}, {"naam": "C"}],
        [{"naam": "P", "lat": 50.05, "lon": 5.05, "telt_mee": True}, {"naam": "far", "lat": 52.0, "lon": 5.0}],
    )
    assert [p["naam"] for p in data["paths"]] == ["A", "B"] and data["paths"][1]["patroon"] == "patroon-k0"
    numbers = [float(n) for p in data["paths"] for n in re.findall(r"-?\d+\.\d", p["d"])]
    assert min(numbers) >= 0 and max(numbers) <= max(data["w"], data["h"]) + 0.1
    assert [d["naam"] for d in data["dots"]] == ["P"]
    assert coverage_map_svg_data([{"naam": "none", "grens": None}]) is None


# --- 7. the what-if ---------------------------------------------------------------------------

def test_whatif_keeps_the_postcode_label_when_a_map_point_is_added(official_client):
    gemeente, buurt = official_client.gemeente, official_client.buurten[1]
    BevolkingspuntFactory(buurt=buurt, sleutel="6229XX", inwoners=50, inwoners_65plus=10)
    url = reverse("dashboard:watals", args=[gemeente.code])
    first = official_client.get(url, {"postcode": "6229 xx"})
    punten = first.context["punten"]
    assert punten[0].endswith(",6229 XX")
    # A click on the map adds "lat,lon" beside the carried points (watals.js), fragment or page.
    second = official_client.get(url, {"p": [*punten, "50.851000,5.691000"], "fragment": "1"})
    labels = [p.label for p in second.context["result"].plekken]
    assert labels == ["6229 XX", ""]
    html = second.content.decode()
    assert "6229 XX" in html
    assert second.context["punten"][0].endswith(",6229 XX")


def test_parse_punten_keeps_only_postcode_labels():
    plekken = parse_punten(["50.85,5.69,6229 xx", "50.85,5.69,<script>", "50.85,5.69"])
    assert [p.label for p in plekken] == ["6229 XX", "", ""]
    assert punt_text(plekken[0]) == "50.850000,5.690000,6229 XX"


def test_whatif_accepts_a_4_position_postcode_at_the_centre_of_its_points(official_client):
    gemeente, buurten = official_client.gemeente, official_client.buurten
    BevolkingspuntFactory(buurt=buurten[0], sleutel="6221AA", lat=50.850, lon=5.690)
    BevolkingspuntFactory(buurt=buurten[1], sleutel="6221AB", lat=50.860, lon=5.700)
    BevolkingspuntFactory(buurt=buurten[1], sleutel="6222AA", lat=50.900, lon=5.800)  # another area
    url = reverse("dashboard:watals", args=[gemeente.code])
    response = official_client.get(url, {"postcode": "6221"})
    assert response.status_code == 200 and not response.context["form"].errors
    [plek] = response.context["result"].plekken
    assert plek.label == "6221"
    assert plek.lat == pytest.approx(50.855) and plek.lon == pytest.approx(5.695)
    unknown = official_client.get(url, {"postcode": "9999"})
    assert unknown.context["form"].errors and unknown.context["result"].plekken == []


# --- 8. language ------------------------------------------------------------------------------

def test_sources_and_map_data_in_english_on_english_pages(official_client):
    official_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response, html = dashboard_html(official_client)
    assert "Source: CBS, Kadaster" in html and "Bron:" not in html
    assert kaart_data(official_client)["bron"] == "Source: CBS, Kadaster"
    assert "Kaartgegevens" not in html
    script = (settings.BASE_DIR / "static" / "dashboard" / "kaart.js").read_text()
    assert "Bron" not in script


def test_sources_in_dutch_on_dutch_pages(official_client):
    response, html = dashboard_html(official_client)
    assert "Bron: CBS, Kadaster" in html and "Source:" not in html
    assert kaart_data(official_client)["bron"] == "Bron: CBS, Kadaster"
