"""Geometry on buurt boundaries: which buurt contains a point.

Boundaries are GeoJSON geometries in WGS84 (lon, lat). A bounding-box filter in SQL
narrows the candidates; shapely decides. Points exactly on a shared border go to the
first buurt by code, so the answer is deterministic.
"""

from collections.abc import Iterable

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.prepared import prep

from .models import Buurt


def bbox_of(geometry: dict) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a GeoJSON geometry."""
    return shape(geometry).bounds


def buurt_for_point(lat: float, lon: float) -> Buurt | None:
    """The buurt whose boundary contains the point, or None outside every known buurt."""
    candidates = Buurt.objects.filter(
        grens__isnull=False,
        bbox_min_lon__lte=lon, bbox_max_lon__gte=lon,
        bbox_min_lat__lte=lat, bbox_max_lat__gte=lat,
    ).order_by("code")
    point = Point(lon, lat)
    for buurt in candidates:
        if shape(buurt.grens).covers(point):
            return buurt
    return None


class BuurtIndex:
    """Point-in-polygon for many points at once (imports): one query, an R-tree in memory."""

    def __init__(self, buurten: Iterable[Buurt] | None = None):
        if buurten is None:
            buurten = Buurt.objects.filter(grens__isnull=False).only("id", "code", "grens")
        self._buurten = sorted(buurten, key=lambda buurt: buurt.code)
        self._shapes = [shape(buurt.grens) for buurt in self._buurten]
        self._prepared = [prep(geometry) for geometry in self._shapes]
        self._tree = STRtree(self._shapes)

    def buurt_for_point(self, lat: float, lon: float) -> Buurt | None:
        point = Point(lon, lat)
        for position in sorted(self._tree.query(point)):
            if self._prepared[position].covers(point):
                return self._buurten[position]
        return None
