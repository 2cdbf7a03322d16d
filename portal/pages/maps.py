"""Area maps: GeoJSON polygons (streets, communities) drawn as an SVG the page can hold inline.

Longitude and latitude are projected equirectangularly around the map's centre, which is exact
enough at the scale of a district; each area gets a label at its centroid and, when its properties
carry a ``url``, a link.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

WIDTH = 800
PADDING = 24
FILLS = ["#dbe9f6", "#e3f1e0", "#fbeed5", "#f3e1ea", "#e6e3f4", "#dff1ef", "#f6e6d8", "#e9efd8"]


@dataclass
class Area:
    name: str
    url: str
    path: str
    label_x: float
    label_y: float
    fill: str


@dataclass
class AreaMap:
    width: int
    height: int
    areas: list[Area] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (name, path) of rivers and roads


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"][:1]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """The area centroid of a closed ring (the mean of its points if it has no area)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * area), cy / (3 * area)


def _path(points: list[tuple[float, float]], closed: bool) -> str:
    head, *rest = points
    d = f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)
    return d + ("Z" if closed else "")


def area_map(geojson: str | dict) -> AreaMap | None:
    """The drawing of a GeoJSON FeatureCollection, or None if it holds no polygon."""
    try:
        data = json.loads(geojson) if isinstance(geojson, str) else geojson
        features = data["features"]
    except (ValueError, TypeError, KeyError):
        return None
    coords = [
        tuple(p)
        for f in features
        for ring in (_rings(f["geometry"]) or [f["geometry"].get("coordinates", [])])
        for p in ring
        if isinstance(p, list | tuple) and len(p) >= 2
    ]
    if not coords or not any(_rings(f["geometry"]) for f in features):
        return None
    west, east = min(p[0] for p in coords), max(p[0] for p in coords)
    south, north = min(p[1] for p in coords), max(p[1] for p in coords)
    shrink = math.cos(math.radians((north + south) / 2))
    span_x, span_y = max((east - west) * shrink, 1e-9), max(north - south, 1e-9)
    scale = (WIDTH - 2 * PADDING) / span_x
    height = round(span_y * scale + 2 * PADDING)

    def project(p) -> tuple[float, float]:
        return PADDING + (p[0] - west) * shrink * scale, PADDING + (north - p[1]) * scale

    drawing = AreaMap(WIDTH, height)
    for i, feature in enumerate(features):
        props, geometry = feature.get("properties") or {}, feature["geometry"]
        rings = [[project(p) for p in ring] for ring in _rings(geometry)]
        if rings:
            x, y = _centroid(max(rings, key=len))
            path = " ".join(_path(r, True) for r in rings)
            fill = props.get("fill") or FILLS[i % len(FILLS)]
            drawing.areas.append(Area(props.get("name", ""), props.get("url", ""), path, x, y, fill))
        elif geometry["type"] == "LineString":
            drawing.lines.append(
                (props.get("name", ""), _path([project(p) for p in geometry["coordinates"]], False))
            )
    return drawing
