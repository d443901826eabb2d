"""Coverage (dekking) of meeting places: the pure computation, no database.

Distances are straight lines ("hemelsbreed") on RD New (EPSG:28992), the Dutch national
metric projection: its scale error is under 0.01% over the European Netherlands, so a
400 m circle in RD is 400 m on the ground to well within the 0.5% the figures need (a
test compares with the geodesic of pyproj.Geod). CBS measures distance over roads;
a straight line is shorter, so these shares are an upper bound of what residents walk.

A point *at exactly* 400 m (or 800 m) counts as within: the rule is ``distance <= radius``,
with a micrometre of slack so that projection round-off cannot flip a point that lies
on the circle.

Everything is vectorised: a KD-tree (scipy ``cKDTree``) on the places answers "nearest
place" for every population point in one call; sums per buurt are ``np.bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely import contains_xy
from shapely.geometry import shape

if TYPE_CHECKING:
    from pyproj import Transformer

# scipy and pyproj are imported where they are used: together they cost a web process
# some 50 MB that only the what-if and the recomputation need (bench/crowd.py).

NEAR = 400.0  # rollator distance
FAR = 800.0
# Slack for round-off in the projection: a point on the circle counts as within.
SLACK = 1e-6
# Spacing of the grid that spreads buurt totals over the buurt (fallback basis).
GRID_SPACING = 100.0
GRID_MAX_POINTS = 2500


@lru_cache(maxsize=1)
def _to_rd() -> Transformer:
    from pyproj import Transformer  # noqa: PLC0415 see the imports

    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


@lru_cache(maxsize=1)
def _from_rd() -> Transformer:
    from pyproj import Transformer  # noqa: PLC0415 see the imports

    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def to_metric(lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 latitude/longitude (scalars or arrays) to RD New x, y in metres."""
    x, y = _to_rd().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def to_wgs84(x, y) -> tuple[np.ndarray, np.ndarray]:
    """RD New x, y to (lat, lon)."""
    lon, lat = _from_rd().transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)


@dataclass
class Population:
    """Points that stand for residents, in metres, each tied to a buurt by index."""

    x: np.ndarray
    y: np.ndarray
    inwoners: np.ndarray
    inwoners_65plus: np.ndarray
    woningen: np.ndarray
    buurt: np.ndarray  # index into the caller's list of buurten

    @classmethod
    def empty(cls) -> Population:
        zeros = np.zeros(0)
        return cls(zeros, zeros, zeros, zeros, zeros, np.zeros(0, dtype=np.int64))

    @classmethod
    def concat(cls, parts: list[Population]) -> Population:
        parts = [part for part in parts if len(part.x)]
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in
                     ("x", "y", "inwoners", "inwoners_65plus", "woningen", "buurt")))


@dataclass
class Places:
    """Meeting places that count, in metres, with their weekly programme.

    ``per_doelgroep`` is a (places x audiences) matrix of activities per week;
    ``buurt`` the index of the buurt a place stands in, -1 outside the buurten computed.
    """

    x: np.ndarray
    y: np.ndarray
    buurt: np.ndarray
    activiteiten: np.ndarray
    per_doelgroep: np.ndarray
    inloop_uren: np.ndarray
    ids: np.ndarray | None = None  # the caller's keys (Locatie ids), if it wants them back

    @classmethod
    def build(cls, x, y, buurt, activiteiten=None, per_doelgroep=None, inloop_uren=None, n_doelgroepen=0,
              ids=None):
        x = np.asarray(x, dtype=float)
        n = len(x)
        return cls(
            x=x,
            y=np.asarray(y, dtype=float),
            buurt=np.asarray(buurt, dtype=np.int64) if n else np.zeros(0, dtype=np.int64),
            activiteiten=np.zeros(n) if activiteiten is None else np.asarray(activiteiten, dtype=float),
            per_doelgroep=(
                np.zeros((n, n_doelgroepen)) if per_doelgroep is None
                else np.asarray(per_doelgroep, dtype=float).reshape(n, n_doelgroepen)
            ),
            inloop_uren=np.zeros(n) if inloop_uren is None else np.asarray(inloop_uren, dtype=float),
            ids=None if ids is None else np.asarray(ids, dtype=np.int64),
        )

    def __len__(self):
        return len(self.x)

    def plus(self, extra: Places) -> Places:
        """These places and the ``extra`` ones (a what-if)."""
        return Places(
            np.concatenate([self.x, extra.x]), np.concatenate([self.y, extra.y]),
            np.concatenate([self.buurt, extra.buurt]),
            np.concatenate([self.activiteiten, extra.activiteiten]),
            np.vstack([self.per_doelgroep, extra.per_doelgroep]),
            np.concatenate([self.inloop_uren, extra.inloop_uren]),
        )


@dataclass
class Coverage:
    """Figures per buurt (arrays of length n_buurten) and the (buurt, place) pairs within 800 m."""

    inwoners: np.ndarray
    inwoners_65plus: np.ndarray
    woningen: np.ndarray
    inwoners_400: np.ndarray
    inwoners_800: np.ndarray
    inwoners_65plus_400: np.ndarray
    inwoners_65plus_800: np.ndarray
    locaties_in_buurt: np.ndarray
    activiteiten_in_buurt: np.ndarray
    in_buurt_per_doelgroep: np.ndarray  # (n_buurten, audiences)
    inloop_uren_400: np.ndarray
    activiteiten_800: np.ndarray
    per_doelgroep_800: np.ndarray  # (n_buurten, audiences)
    pair_buurt: np.ndarray = field(repr=False)
    pair_place: np.ndarray = field(repr=False)
    pair_distance: np.ndarray = field(repr=False)

    def places_within(self, buurt: int, radius: float) -> np.ndarray:
        """Indices of the places within ``radius`` of an inhabited point of the buurt, nearest first."""
        mask = (self.pair_buurt == buurt) & (self.pair_distance <= radius + SLACK)
        order = np.argsort(self.pair_distance[mask], kind="stable")
        return self.pair_place[mask][order]


def _sum_per_buurt(index: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    if len(index) == 0:
        return np.zeros(n)
    return np.bincount(index, weights=weights, minlength=n)[:n]


def nearest_distance(population: Population, places: Places) -> np.ndarray:
    """Distance (m) from each population point to its nearest place; inf beyond 800 m."""
    if len(places) == 0 or len(population.x) == 0:
        return np.full(len(population.x), np.inf)
    from scipy.spatial import cKDTree  # noqa: PLC0415 see the imports

    tree = cKDTree(np.column_stack([places.x, places.y]))
    distance, _ = tree.query(
        np.column_stack([population.x, population.y]), k=1,
        distance_upper_bound=FAR + SLACK, workers=-1,
    )
    return distance


def unique_coverage(population: Population, places: Places) -> tuple[np.ndarray, np.ndarray]:
    """Per place, the residents and the residents aged 65+ within 400 m of it and of no
    other place: those who would lose their only place within 400 m if it closed. The
    same measure as ``nearest_distance`` (a point at 400 m plus the slack is within)."""
    n = len(places)
    if n == 0 or len(population.x) == 0:
        return np.zeros(n), np.zeros(n)
    from scipy.spatial import cKDTree  # noqa: PLC0415 see the imports

    tree = cKDTree(np.column_stack([places.x, places.y]))
    points = np.column_stack([population.x, population.y])
    within = tree.query_ball_point(points, r=NEAR + SLACK, return_length=True, workers=-1)
    only = within == 1
    if not only.any():
        return np.zeros(n), np.zeros(n)
    _distance, place = tree.query(points[only], k=1, workers=-1)
    return (np.bincount(place, weights=population.inwoners[only], minlength=n),
            np.bincount(place, weights=population.inwoners_65plus[only], minlength=n))


def buurt_place_pairs(population: Population, places: Places) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(buurt, place, distance) for every place within 800 m of an inhabited point of a
    buurt, with the smallest such distance; each pair once."""
    inhabited = population.inwoners > 0
    if len(places) == 0 or not inhabited.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    px, py, pb = population.x[inhabited], population.y[inhabited], population.buurt[inhabited]
    from scipy.spatial import cKDTree  # noqa: PLC0415 see the imports

    tree = cKDTree(np.column_stack([px, py]))
    # One ball query per place (thousands), each returning the points around it:
    # the loop over points stays inside scipy.
    hits = tree.query_ball_point(
        np.column_stack([places.x, places.y]), r=FAR + SLACK, workers=-1, return_sorted=False
    )
    counts = np.fromiter((len(h) for h in hits), dtype=np.int64, count=len(hits))
    if counts.sum() == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    point = np.concatenate([np.asarray(h, dtype=np.int64) for h in hits if len(h)])
    place = np.repeat(np.arange(len(places), dtype=np.int64), counts)
    distance = np.hypot(px[point] - places.x[place], py[point] - places.y[place])
    key = pb[point] * len(places) + place
    # Smallest distance per (buurt, place): the keys sorted once (np.unique), then a
    # minimum per key. A lexsort on (key, distance) did the same about 5x slower.
    key, inverse = np.unique(key, return_inverse=True)
    smallest = np.full(len(key), np.inf)
    np.minimum.at(smallest, inverse, distance)
    return key // len(places), key % len(places), smallest


def compute(population: Population, places: Places, n_buurten: int, *, pairs: bool = True) -> Coverage:
    """Coverage figures per buurt for these residents and these places.

    ``pairs=False`` skips the (buurt, place) pairs and what is summed over them (the
    places, activities and inloop hours within reach stay empty or zero): residents
    within reach and places in the buurt do not need them, and the pairs are most of
    the time of a call (the what-if).
    """
    n = n_buurten
    distance = nearest_distance(population, places)
    near = distance <= NEAR + SLACK
    far = distance <= FAR + SLACK
    b = population.buurt
    if pairs:
        pair_buurt, pair_place, pair_distance = buurt_place_pairs(population, places)
    else:
        pair_buurt = pair_place = np.zeros(0, dtype=np.int64)
        pair_distance = np.zeros(0)
    n_doelgroepen = places.per_doelgroep.shape[1]
    pair_near = pair_distance <= NEAR + SLACK

    in_buurt = places.buurt >= 0
    per_doelgroep_800 = np.zeros((n, n_doelgroepen))
    in_buurt_per_doelgroep = np.zeros((n, n_doelgroepen))
    for column in range(n_doelgroepen):  # a handful of audiences, not points
        per_doelgroep_800[:, column] = _sum_per_buurt(
            pair_buurt, places.per_doelgroep[pair_place, column], n
        )
        in_buurt_per_doelgroep[:, column] = _sum_per_buurt(
            places.buurt[in_buurt], places.per_doelgroep[in_buurt, column], n
        )
    return Coverage(
        inwoners=_sum_per_buurt(b, population.inwoners, n),
        inwoners_65plus=_sum_per_buurt(b, population.inwoners_65plus, n),
        woningen=_sum_per_buurt(b, population.woningen, n),
        inwoners_400=_sum_per_buurt(b, population.inwoners * near, n),
        inwoners_800=_sum_per_buurt(b, population.inwoners * far, n),
        inwoners_65plus_400=_sum_per_buurt(b, population.inwoners_65plus * near, n),
        inwoners_65plus_800=_sum_per_buurt(b, population.inwoners_65plus * far, n),
        locaties_in_buurt=_sum_per_buurt(places.buurt[in_buurt], np.ones(in_buurt.sum()), n),
        activiteiten_in_buurt=_sum_per_buurt(places.buurt[in_buurt], places.activiteiten[in_buurt], n),
        in_buurt_per_doelgroep=in_buurt_per_doelgroep,
        inloop_uren_400=_sum_per_buurt(pair_buurt[pair_near], places.inloop_uren[pair_place[pair_near]], n),
        activiteiten_800=_sum_per_buurt(pair_buurt, places.activiteiten[pair_place], n),
        per_doelgroep_800=per_doelgroep_800,
        pair_buurt=pair_buurt,
        pair_place=pair_place,
        pair_distance=pair_distance,
    )


# --- fallback basis: buurt totals spread over the buurt ----------------------------------


def _metric_polygon(geometry: dict):
    to_rd = _to_rd()
    return shapely.transform(
        shape(geometry), lambda coords: np.column_stack(to_rd.transform(coords[:, 0], coords[:, 1]))
    )


def spread_over_buurt(
    geometry: dict | None, *, buurt_index: int, inwoners: int, inwoners_65plus: int, woningen: int,
    spacing: float = GRID_SPACING,
) -> Population:
    """Buurt totals spread evenly over a square grid (``spacing`` m) inside the boundary.

    The fallback where a gemeente has no population points. Its error: residents are
    assumed evenly spread over the whole polygon, parks, water and industry included,
    so a buurt with housing in one corner is misjudged by up to the distance from that
    corner to the rest (for a 1 km buurt, a few hundred metres); each grid point stands
    for at most ``spacing``/2 * sqrt(2) (71 m) around it. A buurt too small for a grid
    point gets one point at its representative point (inside the polygon).
    """
    if geometry is None or not inwoners:
        return Population.empty()
    polygon = _metric_polygon(geometry)
    if polygon.is_empty:
        return Population.empty()
    min_x, min_y, max_x, max_y = polygon.bounds
    # Keep very large rural buurten to a bounded number of points.
    area_cells = (max_x - min_x) * (max_y - min_y) / spacing**2
    if area_cells > GRID_MAX_POINTS:
        spacing *= float(np.sqrt(area_cells / GRID_MAX_POINTS))
    gx, gy = np.meshgrid(
        np.arange(min_x + spacing / 2, max_x, spacing), np.arange(min_y + spacing / 2, max_y, spacing)
    )
    gx, gy = gx.ravel(), gy.ravel()
    inside = contains_xy(polygon, gx, gy)
    gx, gy = gx[inside], gy[inside]
    if len(gx) == 0:
        point = polygon.representative_point()
        gx, gy = np.array([point.x]), np.array([point.y])
    n = len(gx)
    return Population(
        x=gx, y=gy,
        inwoners=np.full(n, inwoners / n),
        inwoners_65plus=np.full(n, (inwoners_65plus or 0) / n),
        woningen=np.full(n, (woningen or 0) / n),
        buurt=np.full(n, buurt_index, dtype=np.int64),
    )
