"""The coverage map drawn on the server as inline SVG, from the buurt boundaries alone
(no tiles, no script): for the PDF report, which WeasyPrint renders with the SVG inline.

The projection is a plain equirectangular one with the longitude scaled by the cosine of
the middle latitude: true enough in shape for one gemeente, and needing nothing."""

from __future__ import annotations

import math
from collections.abc import Iterable

KAART_W = 520
KAART_H_MAX = 560


def _rings(geometry: dict | None) -> list[list]:
    """The outer and inner rings of a GeoJSON Polygon or MultiPolygon (lon, lat)."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return list(geometry.get("coordinates") or [])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry.get("coordinates") or [] for ring in polygon]
    return []


def coverage_map_svg_data(buurten: Iterable[dict], locaties: Iterable[dict] = ()) -> dict | None:
    """Paths and dots for the map: ``buurten`` as {"naam", "grens", "patroon"} and
    ``locaties`` as {"naam", "lat", "lon", "telt_mee"}. None when no buurt has a boundary."""
    shapes = [(b, _rings(b.get("grens"))) for b in buurten]
    shapes = [(b, rings) for b, rings in shapes if rings]
    if not shapes:
        return None
    lons = [pt[0] for _b, rings in shapes for ring in rings for pt in ring]
    lats = [pt[1] for _b, rings in shapes for ring in rings for pt in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * kx, 1e-9)
    span_y = max(north - south, 1e-9)
    scale = min(KAART_W / span_x, KAART_H_MAX / span_y)
    height = span_y * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * kx * scale, (north - lat) * scale

    paths = []
    for buurt, rings in shapes:
        parts = []
        for ring in rings:
            coords = [project(lon, lat) for lon, lat, *_rest in ring]
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + " Z")
        paths.append({"d": " ".join(parts), "patroon": buurt.get("patroon", "patroon-k0"), "naam": buurt.get("naam", "")})
    dots = []
    for plek in locaties:
        lat, lon = plek.get("lat"), plek.get("lon")
        if lat is None or lon is None or not (south <= lat <= north and west <= lon <= east):
            continue
        x, y = project(lon, lat)
        dots.append({"x": x, "y": y, "naam": plek.get("naam", ""), "telt_mee": plek.get("telt_mee", False)})
    return {"w": KAART_W, "h": round(height, 1), "paths": paths, "dots": dots}
