"""The service map drawn on the server as SVG: the district outline and streets (GeoJSON, from
``settings.PORTAL_MAP_OUTLINE``) and one marker per place. It works offline and without
JavaScript; no tile server is contacted. With JavaScript, Leaflet (vendored from npm under
static/services/vendor/leaflet) draws the same outline and streets as vector layers and the places
from the GeoJSON API, over tiles only when ``PORTAL_MAP_TILES`` names a tile source."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django.conf import settings
from django.utils.html import escape

WIDTH, HEIGHT, PAD = 640, 440, 16
COLOURS = {
    "service_center": "#b4232a",
    "street_center": "#c2410c",
    "community_station": "#a16207",
    "hospital": "#be123c",
    "school": "#1d4ed8",
    "park": "#15803d",
    "toilet": "#475569",
    "parking": "#0f766e",
    "police": "#1e3a8a",
    "elderly_care": "#7e22ce",
    "charging": "#047857",
}


@functools.lru_cache(maxsize=4)
def _outline(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"type": "FeatureCollection", "features": []}


def outline() -> dict:
    path = getattr(settings, "PORTAL_MAP_OUTLINE", "")
    return _outline(str(path)) if path else {"type": "FeatureCollection", "features": []}


def tile_source() -> dict:
    """The tile layer of the interactive map: ``{"url", "attribution"}``, or {} (vector layers only).

    ``PORTAL_MAP_TILES`` is a Leaflet URL template (e.g. 天地图 with its ``tk`` key);
    ``PORTAL_MAP_TILES_ATTRIBUTION`` the notice the provider requires."""
    url = getattr(settings, "PORTAL_MAP_TILES", "") or ""
    if not url:
        return {}
    return {"url": url, "attribution": getattr(settings, "PORTAL_MAP_TILES_ATTRIBUTION", "") or ""}


def permissions_policy_with_geolocation() -> str:
    """The site's Permissions-Policy with geolocation allowed for the site itself (the map page)."""
    policy = {**getattr(settings, "PORTAL_PERMISSIONS_POLICY", {}), "geolocation": ["self"]}
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


def _coords(geometry: dict):
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from (pt for ring in coords for pt in ring)
    elif kind == "MultiPolygon":
        yield from (pt for poly in coords for ring in poly for pt in ring)
    elif kind == "LineString":
        yield from coords
    elif kind == "MultiLineString":
        yield from (pt for line in coords for pt in line)


def svg_map(places, origin: tuple[float, float] | None = None, highlight=None) -> str:
    """An SVG of the outline with the places as numbered markers (numbered as listed)."""
    shapes = outline().get("features", [])
    points = [pt for f in shapes for pt in _coords(f.get("geometry") or {})]
    points += [(p.longitude, p.latitude) for p in places]
    if origin:
        points.append((origin[1], origin[0]))
    if not points:
        return ""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    span = max(maxx - minx, (maxy - miny) * WIDTH / HEIGHT, 1e-6)
    scale = (WIDTH - 2 * PAD) / span

    def xy(lng: float, lat: float) -> tuple[float, float]:
        return round(PAD + (lng - minx) * scale, 1), round(HEIGHT - PAD - (lat - miny) * scale, 1)

    parts = [
        f'<svg class="service-map__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="map-title">便民服务地图</title>',
    ]
    for f in shapes:
        geometry = f.get("geometry") or {}
        name = escape((f.get("properties") or {}).get("name", ""))
        if geometry.get("type") in ("Polygon", "MultiPolygon"):
            polys = (
                geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            )
            for poly in polys:
                d = " ".join(
                    "M" + " L".join(f"{x},{y}" for x, y in (xy(*pt) for pt in ring)) + " Z" for ring in poly
                )
                parts.append(f'<path class="map-area" d="{d}"><title>{name}</title></path>')
        elif geometry.get("type") in ("LineString", "MultiLineString"):
            lines = (
                geometry["coordinates"]
                if geometry["type"] == "MultiLineString"
                else [geometry["coordinates"]]
            )
            for line in lines:
                d = "M" + " L".join(f"{x},{y}" for x, y in (xy(*pt) for pt in line))
                parts.append(f'<path class="map-line" d="{d}"><title>{name}</title></path>')
    if origin:
        x, y = xy(origin[1], origin[0])
        parts.append(f'<circle class="map-origin" cx="{x}" cy="{y}" r="7"><title>起点</title></circle>')
    for n, p in enumerate(places, 1):
        x, y = xy(p.longitude, p.latitude)
        colour = COLOURS.get(p.category, "#b4232a")
        r = 8 if highlight is not None and p.pk == highlight.pk else 5
        parts.append(
            f'<a href="/banshi/ditu/{escape(p.slug)}/" class="map-marker" data-marker="{p.pk}">'
            f'<circle cx="{x}" cy="{y}" r="{r}" fill="{colour}"/><title>{n}. {escape(p.name)}</title></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
