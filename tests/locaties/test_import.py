"""The import commands: real Maastricht files load with the right counts and load again
without duplicates; broken files stop with a message naming file, line and field, and
leave the database exactly as it was."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from locaties import events
from locaties.importers import ImportFileError, SeenOnce
from locaties.management.commands import import_bevolkingspunten, import_locaties
from locaties.models import Bevolkingspunt, Buurt, Gemeente, Locatie, Organisatie, Wijk
from tests.locaties.factories import BuurtFactory

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

pytestmark = pytest.mark.django_db


def run(command, *args, **options):
    call_command(command, *map(str, args), stdout=StringIO(), **options)


def import_areas():
    run("import_gebieden", gemeenten=DEMO / "gemeenten_2025.csv", wijken=DEMO / "wijken_2025.csv")
    run("import_buurtgrenzen", DEMO / "buurten_2023.geojson")


def snapshot():
    """Everything an import may touch, to prove a failed one touched nothing."""
    return {
        "gemeenten": list(Gemeente.objects.order_by("code").values_list("code", "naam", "jaar")),
        "wijken": list(Wijk.objects.order_by("code").values_list("code", "naam", "jaar", "gemeente_id")),
        "buurten": list(
            Buurt.objects.order_by("code").values_list(
                "code", "naam", "jaar", "wijk_id", "inwoners", "woningen", "inwoners_65plus",
                "kerncijfers_jaar", "grens", "bbox_min_lon",
            )
        ),
        "punten": list(
            Bevolkingspunt.objects.order_by("sleutel").values_list("sleutel", "inwoners", "lat", "buurt_id")
        ),
        "locaties": list(Locatie.objects.order_by("naam").values_list("naam", "straat", "lat", "buurt_id")),
        "organisaties": list(Organisatie.objects.order_by("naam").values_list("naam", flat=True)),
    }


# --- good files -------------------------------------------------------------------


def test_gebieden_and_boundaries_load_with_derived_wijk_and_load_again_unchanged():
    import_areas()
    before = snapshot()
    assert Gemeente.objects.get().code == "GM0935"
    assert Wijk.objects.count() == 7
    assert Buurt.objects.count() == 44
    heugemerveld = Buurt.objects.get(code="BU09350401")
    assert heugemerveld.naam == "Heugemerveld"
    assert heugemerveld.jaar == 2023
    # The boundary file has no wijk: WK + positions 3-8 of the buurt code.
    assert heugemerveld.wijk.code == "WK093504"
    assert heugemerveld.wijk.naam == "Wijk 04 Buitenwijk Oost"
    assert heugemerveld.gemeente.code == "GM0935"
    assert heugemerveld.grens["type"] == "Polygon"
    assert (heugemerveld.bbox_min_lon, heugemerveld.bbox_min_lat) == (5.703, 50.841)
    assert (heugemerveld.bbox_max_lon, heugemerveld.bbox_max_lat) == (5.715, 50.848)

    import_areas()
    assert snapshot() == before


def test_kerncijfers_fill_38_buurten_and_load_again_unchanged():
    import_areas()
    run("import_kerncijfers", DEMO / "kerncijfers_buurten_2025.csv")
    binnenstad = Buurt.objects.get(code="BU09350000")
    assert (binnenstad.inwoners, binnenstad.woningen, binnenstad.kerncijfers_jaar) == (2325, 1663, 2025)
    assert Buurt.objects.filter(inwoners__isnull=False).count() == 38
    # CBS leaves out buurten with few residents: they stay empty, not zero.
    assert Buurt.objects.get(naam="Sint Pieter").inwoners is None
    before = snapshot()
    run("import_kerncijfers", DEMO / "kerncijfers_buurten_2025.csv")
    assert snapshot() == before


def test_bevolkingspunten_load_with_buurt_and_65plus_and_load_again_unchanged():
    import_areas()
    run("import_kerncijfers", DEMO / "kerncijfers_buurten_2025.csv")
    run("import_bevolkingspunten", DEMO / "postcodes_pc6_2021.csv", buurt_65plus=True)
    assert Bevolkingspunt.objects.count() == 2780
    assert Bevolkingspunt.objects.filter(buurt__isnull=False).count() == 2772
    punt = Bevolkingspunt.objects.get(sleutel="6221HH")
    assert (punt.soort, punt.jaar, punt.buurt.naam) == ("pc6", 2021, "Heugemerveld")
    # 65+ per buurt summed from its points, never above the buurt's residents.
    for buurt in Buurt.objects.filter(inwoners__isnull=False):
        summed = sum(buurt.bevolkingspunten.values_list("inwoners_65plus", flat=True))
        assert buurt.inwoners_65plus == min(summed, buurt.inwoners)
    assert Buurt.objects.filter(inwoners_65plus__isnull=True).count() == 0
    before = snapshot()
    run("import_bevolkingspunten", DEMO / "postcodes_pc6_2021.csv", buurt_65plus=True)
    assert snapshot() == before


def test_bevolkingspunten_announce_the_gemeenten_of_their_buurten_old_and_new(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    here, there, elsewhere = BuurtFactory(), BuurtFactory(), BuurtFactory()
    announced = []  # gemeenten whose coverage is recomputed after the commit
    monkeypatch.setattr(events, "notify", announced.append)

    def load(buurt):
        lat, lon = (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2, (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2
        path = tmp_path / "postcodes_2021.csv"
        path.write_text(f"pc6,inwoners,inwoners_65plus,woningen,lat,lon\n6221AB,40,5,20,{lat},{lon}\n")
        with django_capture_on_commit_callbacks(execute=True):
            run("import_bevolkingspunten", path)

    load(here)
    assert announced == [here.gemeente_id]
    announced.clear()
    load(there)  # the point moved: both gemeenten change
    assert sorted(announced) == sorted([here.gemeente_id, there.gemeente_id])
    assert elsewhere.gemeente_id not in announced
    # Many gemeenten at once: one recomputation of all of them.
    monkeypatch.setattr(import_bevolkingspunten, "RECOMPUTE_EACH_UP_TO", 0)
    announced.clear()
    load(elsewhere)
    assert announced == [None]


def test_locaties_from_csv_derive_buurt_and_load_again_unchanged():
    import_areas()
    run("import_locaties", FIXTURES / "locaties_2025.csv")
    binnenstad = Locatie.objects.get(naam="Testbuurthuis Binnenstad")
    assert binnenstad.buurt.naam == "Binnenstad"
    assert binnenstad.beheerder.naam == "Stichting Test"
    assert binnenstad.gepubliceerd is False
    huiskamer = Locatie.objects.get(naam="Testhuiskamer Heugemerveld")
    assert (huiskamer.soort, huiskamer.postcode, huiskamer.huisnummer) == ("huiskamer", "6221 HH", "12a")
    assert huiskamer.buurt.naam == "Heugemerveld"
    before = snapshot()
    run("import_locaties", FIXTURES / "locaties_2025.csv")
    assert snapshot() == before
    assert Organisatie.objects.count() == 2


def test_locaties_from_osm_geojson_with_fallbacks_and_load_again_unchanged():
    import_areas()
    options = dict(organisatie="Onbekend (OpenStreetMap)", plaats="Maastricht", publiceer=True)
    run("import_locaties", FIXTURES / "community_centres.geojson", **options)
    nazareth = Locatie.objects.get(naam="Testcentrum Nazareth")
    assert (nazareth.straat, nazareth.huisnummer, nazareth.postcode) == ("Proefstraat", "3", "6222 SG")
    assert nazareth.beheerder.naam == "Stichting Test"
    assert nazareth.buurt.naam == "Nazareth"
    assert nazareth.gepubliceerd is True
    # A building outline: placed at a point inside it; no operator or town: the fallbacks.
    amby = Locatie.objects.get(naam="Testcentrum Amby")
    assert 5.7329 < amby.lon < 5.7334 and 50.8670 < amby.lat < 50.8674
    assert amby.buurt.naam == "Amby"
    assert (amby.plaats, amby.beheerder.naam, amby.soort) == ("Maastricht", "Onbekend (OpenStreetMap)", "buurthuis")
    before = snapshot()
    run("import_locaties", FIXTURES / "community_centres.geojson", **options)
    assert snapshot() == before


# --- broken files -----------------------------------------------------------------


BROKEN = [
    pytest.param(
        "import_gebieden", [], {"wijken": FIXTURES / "wijken_bad_code_2025.csv"},
        "wijken_bad_code_2025.csv, line 3, field 'wijkcode': 'WK09350'", id="invalid-wijk-code",
    ),
    pytest.param(
        "import_kerncijfers", [FIXTURES / "kerncijfers_bad_value_2025.csv"], {},
        "kerncijfers_bad_value_2025.csv, line 3, field 'inwoners': 'abc' is not a whole number",
        id="bad-csv-value",
    ),
    pytest.param(
        "import_kerncijfers", [FIXTURES / "kerncijfers_missing_column_2025.csv"], {},
        "kerncijfers_missing_column_2025.csv, line 1, field 'woningen': column missing", id="missing-column",
    ),
    pytest.param(
        "import_kerncijfers", [FIXTURES / "kerncijfers_unknown_buurt_2025.csv"], {},
        "kerncijfers_unknown_buurt_2025.csv, line 3, field 'buurtcode': buurt BU09359999 is not known",
        id="unknown-buurt",
    ),
    pytest.param(
        "import_buurtgrenzen", [FIXTURES / "buurten_broken_2023.geojson"], {},
        "buurten_broken_2023.geojson, line 6: not valid JSON", id="broken-geojson",
    ),
    pytest.param(
        "import_buurtgrenzen", [FIXTURES / "buurten_bad_geometry_2023.geojson"], {},
        "buurten_bad_geometry_2023.geojson, feature 2 (BU09350001), field 'geometry': invalid geometry",
        id="self-intersecting-polygon",
    ),
    pytest.param(
        "import_buurtgrenzen", [FIXTURES / "buurten_unknown_wijk_2023.geojson"], {},
        "buurten_unknown_wijk_2023.geojson, feature 1 (BU09359900), field 'buurtcode': wijk WK093599 is not known",
        id="unknown-wijk",
    ),
    pytest.param(
        "import_bevolkingspunten", [FIXTURES / "postcodes_bad_count_2021.csv"], {},
        "postcodes_bad_count_2021.csv, line 5, field 'inwoners': 'abc' is not a whole number",
        id="bad-count-after-good-rows",
    ),
    pytest.param(
        "import_bevolkingspunten", [FIXTURES / "postcodes_swapped_2021.csv"], {},
        "postcodes_swapped_2021.csv, line 3, field 'lat': 5.707004 lies outside the Netherlands",
        id="swapped-coordinates",
    ),
    pytest.param(
        "import_locaties", [FIXTURES / "locaties_bad_soort.csv"], {},
        "locaties_bad_soort.csv, line 3, field 'soort': 'kroeg' is not a kind of place", id="bad-soort",
    ),
    pytest.param(
        "import_locaties", [FIXTURES / "community_centres_no_street.geojson"], {},
        "community_centres_no_street.geojson, feature 2 (Zonder straat), field 'addr:street': a name is needed",
        id="osm-without-street",
    ),
]


@pytest.mark.parametrize(("command", "args", "options", "message"), BROKEN)
def test_broken_file_names_file_line_and_field_and_changes_nothing(command, args, options, message):
    import_areas()
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run(command, *args, **options)
    assert message in str(raised.value)
    assert snapshot() == before


def test_failure_after_writes_rolls_back_earlier_rows(monkeypatch):
    """The commands check a whole file before writing; this proves the transaction too:
    a failure after the first place was written leaves no place behind."""
    import_areas()

    real_create = import_locaties.locatie_create
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs["naam"])
        if len(calls) == 2:
            raise ValidationError({"straat": ["Simulated failure."]})
        return real_create(**kwargs)

    monkeypatch.setattr(import_locaties, "locatie_create", fail_on_second)
    before = snapshot()
    with pytest.raises(CommandError, match=r"locaties_2025.csv, line 3, field 'straat': Simulated failure"):
        run("import_locaties", FIXTURES / "locaties_2025.csv")
    assert len(calls) == 2
    assert snapshot() == before


def test_year_is_required_when_the_file_name_has_none(tmp_path):
    import_areas()
    nameless = tmp_path / "kerncijfers.csv"
    nameless.write_text("buurtcode,inwoners,woningen\nBU09350000,2325,1663\n")
    with pytest.raises(CommandError, match="kerncijfers.csv: the file name holds no year"):
        run("import_kerncijfers", nameless)
    run("import_kerncijfers", nameless, jaar=2024)
    assert Buurt.objects.get(code="BU09350000").kerncijfers_jaar == 2024


def test_semicolon_csv_and_withheld_figures(tmp_path):
    """CBS and Excel export with semicolons; CBS writes '.' for a withheld figure."""
    import_areas()
    path = tmp_path / "kerncijfers_2025.csv"
    path.write_text("\ufeffBuurtcode;Buurtnaam;Inwoners;Woningen;Inwoners_65plus\nBU09350000;Binnenstad;2325;.;400\n")
    run("import_kerncijfers", path)
    binnenstad = Buurt.objects.get(code="BU09350000")
    assert (binnenstad.inwoners, binnenstad.woningen, binnenstad.inwoners_65plus) == (2325, None, 400)


def test_progress_line_every_500_rows():
    import_areas()
    out = StringIO()
    call_command("import_bevolkingspunten", str(DEMO / "postcodes_pc6_2021.csv"), stdout=out)
    lines = out.getvalue().splitlines()
    assert "postcodes_pc6_2021.csv: 500 rows read" in lines
    assert "postcodes_pc6_2021.csv: 2500 rows read" in lines
    assert lines[-1] == (
        "postcodes_pc6_2021.csv: 2780 points created, 0 updated; 8 outside every known buurt"
    )


def test_a_dutch_board_member_reads_the_import_error_in_dutch(tmp_path):
    broken = tmp_path / "kerncijfers_2025.csv"
    broken.write_text("buurtcode,buurtnaam,inwoners,woningen\nBU09350000,Binnenstad,2325,1663\n")
    with translation.override("nl"), pytest.raises(CommandError) as error:
        call_command("import_kerncijfers", str(broken))
    assert "kerncijfers_2025.csv, regel 2, veld 'buurtcode': buurt BU09350000 is onbekend" in str(
        error.value
    )


def test_seen_once_names_where_a_repeated_key_was_first():
    seen = SeenOnce("buurten.csv")
    seen.check("BU00010000", 2, "buurtcode", "%(code)s appears twice (first on line %(first)s)", code="BU00010000")
    seen.check("BU00010001", 3, "buurtcode", "%(code)s appears twice (first on line %(first)s)", code="BU00010001")
    with pytest.raises(ImportFileError) as error:
        seen.check("BU00010000", 7, "buurtcode", "%(code)s appears twice (first on line %(first)s)", code="BU00010000")
    assert error.value.message == "BU00010000 appears twice (first on line 2)"
    assert (error.value.line, error.value.field) == (7, "buurtcode")
