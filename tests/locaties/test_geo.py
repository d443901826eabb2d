"""Point-in-polygon on the real Maastricht boundaries.

The expected buurten were checked by hand against the polygon vertices in
demo/data/buurten_2023.geojson (WGS84, lon/lat):
- 6211LB (50.847867, 5.689147): Binnenstad spans lat 50.847-50.852; its west edge runs
  from (5.688, 50.847) to (5.686, 50.850), i.e. lon ~5.6874 at this latitude, so the
  point lies about 100 m inside, just north of the southern edge at lat 50.847.
- 6221HH (50.845643, 5.707004): Heugemerveld is the triangle (5.715, 50.842),
  (5.707, 50.848), (5.703, 50.841); at this latitude it spans lon 5.7056-5.7102. Its
  west edge is the border with Wyck.
- 6222SG (50.867303, 5.719367): Nazareth, between its edges (5.708, 50.860)-(5.717,
  50.869) and (5.713, 50.859)-(5.718, 50.863)-(5.733, 50.875).
- 6225EH (50.867189, 5.733121): Amby, east of Nazareth's edge (5.718, 50.863)-(5.733,
  50.875) which Amby shares, and inside Amby's ring up to lon 5.763.
- 6215EG lies outside every generalised polygon (one of the 8 such points).
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from locaties.geo import BuurtIndex, buurt_for_point
from locaties.models import Bevolkingspunt

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"

KNOWN = [
    ("6211LB", 50.847867, 5.689147, "BU09350000", "Binnenstad"),
    ("6221HH", 50.845643, 5.707004, "BU09350401", "Heugemerveld"),
    ("6222SG", 50.867303, 5.719367, "BU09350403", "Nazareth"),
    ("6225EH", 50.867189, 5.733121, "BU09350406", "Amby"),
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def maastricht(db):
    out = StringIO()
    call_command("import_gebieden", gemeenten=str(DEMO / "gemeenten_2025.csv"),
                 wijken=str(DEMO / "wijken_2025.csv"), stdout=out)
    call_command("import_buurtgrenzen", str(DEMO / "buurten_2023.geojson"), stdout=out)
    call_command("import_bevolkingspunten", str(DEMO / "postcodes_pc6_2021.csv"), stdout=out)


@pytest.mark.parametrize(("pc6", "lat", "lon", "code", "naam"), KNOWN)
def test_known_postcode_lies_in_its_buurt(maastricht, pc6, lat, lon, code, naam):
    found = buurt_for_point(lat, lon)
    assert (found.code, found.naam) == (code, naam)
    assert BuurtIndex().buurt_for_point(lat, lon).code == code
    # And the import assigned the same buurt to the postcode point in the CSV.
    punt = Bevolkingspunt.objects.get(sleutel=pc6)
    assert (punt.lat, punt.lon) == (lat, lon)
    assert punt.buurt.code == code


def test_point_outside_every_buurt_gets_none(maastricht):
    punt = Bevolkingspunt.objects.get(sleutel="6215EG")
    assert punt.buurt is None
    assert buurt_for_point(punt.lat, punt.lon) is None
    assert BuurtIndex().buurt_for_point(punt.lat, punt.lon) is None


def test_index_and_query_agree_on_every_postcode_point(maastricht):
    index = BuurtIndex()
    punten = list(Bevolkingspunt.objects.select_related("buurt")[:300])
    for punt in punten:
        expected = punt.buurt.code if punt.buurt else None
        by_query = buurt_for_point(punt.lat, punt.lon)
        by_index = index.buurt_for_point(punt.lat, punt.lon)
        assert (by_query.code if by_query else None) == expected
        assert (by_index.code if by_index else None) == expected
