"""The pure coverage computation on hand-computed cases (metres in RD New)."""

import numpy as np
import pytest
from pyproj import Geod

from locaties import dekking as calc

X0, Y0 = 176000.0, 318000.0  # Maastricht, in RD New


def population(points, buurt=None):
    """points: (dx, dy, inwoners, 65plus) relative to X0, Y0."""
    points = np.array(points, dtype=float)
    return calc.Population(
        x=X0 + points[:, 0], y=Y0 + points[:, 1], inwoners=points[:, 2], inwoners_65plus=points[:, 3],
        woningen=points[:, 2] / 2,
        buurt=np.zeros(len(points), dtype=np.int64) if buurt is None else np.array(buurt),
    )


def places(offsets, buurt=None, **kwargs):
    offsets = np.array(offsets, dtype=float).reshape(-1, 2)
    return calc.Places.build(
        X0 + offsets[:, 0], Y0 + offsets[:, 1],
        [0] * len(offsets) if buurt is None else buurt, n_doelgroepen=kwargs.pop("n", 0), **kwargs,
    )


def test_shares_within_400_and_800_with_a_point_at_exactly_400_m():
    # Points at 0, 300, exactly 400, 600, exactly 800 and 1000 m east of one place.
    pop = population([(0, 0, 10, 1), (300, 0, 20, 2), (400, 0, 30, 3), (600, 0, 40, 4), (800, 0, 50, 5),
                      (1000, 0, 60, 6)])
    result = calc.compute(pop, places([(0, 0)]), 1)
    assert result.inwoners[0] == 210
    assert result.inwoners_400[0] == 10 + 20 + 30  # 400 m exactly counts as within
    assert result.inwoners_800[0] == 10 + 20 + 30 + 40 + 50
    assert result.inwoners_65plus_400[0] == 6
    assert result.inwoners_65plus_800[0] == 15


def test_just_beyond_400_m_is_outside():
    pop = population([(400.01, 0, 10, 1)])
    result = calc.compute(pop, places([(0, 0)]), 1)
    assert result.inwoners_400[0] == 0
    assert result.inwoners_800[0] == 10


def test_nearest_place_counts_and_buurten_are_separate():
    # Buurt 0 near place A; buurt 1 is 500 m from A and 350 m (3-4-5 triangle: 210, 280) from B.
    pop = population([(0, 100, 100, 10), (500, 0, 200, 50)], buurt=[0, 1])
    result = calc.compute(pop, places([(0, 0), (500 - 210, -280)], buurt=[0, -1]), 2)
    assert list(result.inwoners_400) == [100, 200]
    assert list(result.locaties_in_buurt) == [1, 0]  # B lies outside the buurten computed


def test_programme_within_400_and_800_per_buurt():
    pop = population([(0, 0, 10, 1)])
    result = calc.compute(
        pop,
        places([(300, 0), (700, 0), (900, 0)], activiteiten=[2, 3, 5], inloop_uren=[4, 6, 8],
               per_doelgroep=[[1, 0], [0, 2], [9, 9]], n=2),
        1,
    )
    assert result.inloop_uren_400[0] == 4  # only the place at 300 m
    assert result.activiteiten_800[0] == 5  # 300 m and 700 m, not 900 m
    assert list(result.per_doelgroep_800[0]) == [1, 2]
    assert list(result.places_within(0, 800)) == [0, 1]


def test_no_places_no_coverage():
    result = calc.compute(population([(0, 0, 10, 1)]), places(np.zeros((0, 2))), 1)
    assert result.inwoners_400[0] == 0 and result.inwoners[0] == 10


def test_fallback_spreads_buurt_totals_over_a_grid_inside_the_polygon():
    # A 1 km square buurt (in degrees, built from RD corners) with 1000 residents.
    lat, lon = calc.to_wgs84([X0, X0 + 1000, X0 + 1000, X0], [Y0, Y0, Y0 + 1000, Y0 + 1000])
    ring = [[float(lo), float(la)] for la, lo in zip(lat, lon, strict=True)] + [[float(lon[0]), float(lat[0])]]
    spread = calc.spread_over_buurt(
        {"type": "Polygon", "coordinates": [ring]}, buurt_index=3, inwoners=1000, inwoners_65plus=200, woningen=400,
    )
    assert 90 <= len(spread.x) <= 110  # 10 x 10 points at 100 m
    assert spread.inwoners.sum() == pytest.approx(1000)
    assert spread.inwoners_65plus.sum() == pytest.approx(200)
    assert set(spread.buurt.tolist()) == {3}
    # A place in a corner covers the grid points within 400 m: about a quarter circle.
    result = calc.compute(spread, places([(0, 0)], buurt=[3]), 4)
    share = result.inwoners_400[3] / result.inwoners[3]
    assert 0.08 < share < 0.16  # pi * 400^2 / 4 / 1000^2 = 0.126


def test_fallback_tiny_buurt_gets_its_representative_point():
    lat, lon = calc.to_wgs84([X0, X0 + 30, X0 + 30, X0], [Y0, Y0, Y0 + 30, Y0 + 30])
    ring = [[float(lo), float(la)] for la, lo in zip(lat, lon, strict=True)] + [[float(lon[0]), float(lat[0])]]
    spread = calc.spread_over_buurt(
        {"type": "Polygon", "coordinates": [ring]}, buurt_index=0, inwoners=50, inwoners_65plus=5, woningen=20,
        spacing=100,
    )
    assert len(spread.x) == 1 and spread.inwoners[0] == 50


@pytest.mark.parametrize("lat, lon", [(50.85, 5.69), (52.37, 4.89), (53.22, 6.57), (51.44, 3.57)])
@pytest.mark.parametrize("azimuth", [0, 45, 90, 135])
def test_projection_error_under_half_a_percent_at_400_m(lat, lon, azimuth):
    geod = Geod(ellps="WGS84")
    lon2, lat2, _back = geod.fwd(lon, lat, azimuth, 400.0)
    x, y = calc.to_metric([lat, lat2], [lon, lon2])
    distance = float(np.hypot(x[1] - x[0], y[1] - y[0]))
    assert abs(distance - 400.0) / 400.0 < 0.005
