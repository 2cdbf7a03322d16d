"""The public service map: nearest ordering, filters, GeoJSON and each place's own page."""

import geojson
import pytest

from portal.services import services

from .conftest import place

pytestmark = pytest.mark.django_db


def test_nearest_orders_by_distance_on_known_coordinates(hall):
    far = place("far", 30.20, 160.30, "park", name="远处公园")
    ranked = services.nearest(services.places_for(), 30.05, 160.03)
    assert [p.slug for p, _ in ranked] == ["zwfwzx", "wcl-station", "far"]
    assert ranked[0][1] == pytest.approx(0, abs=1e-6)
    # 0.02° of latitude and 0.02° of longitude at 30°N: about 2.22 km and 1.93 km → 2.94 km.
    assert ranked[1][1] == pytest.approx(2.94, abs=0.05)
    assert ranked[2][0] == far


def test_nearest_to_a_chosen_community_and_filters(client, hall):
    place("toilet-1", 30.071, 160.011, "toilet", name="文昌里公厕", community=hall.community)
    html = client.get("/banshi/ditu/", {"community": hall.community.pk}).content.decode()
    assert "按与“文昌里社区”的距离由近及远排列" in html
    assert html.index("wcl-station") < html.index("/banshi/ditu/zwfwzx/")
    html = client.get("/banshi/ditu/", {"category": "toilet"}).content.decode()
    assert "文昌里公厕" in html and "示范区政务服务中心</a>" not in html
    html = client.get("/banshi/ditu/", {"item": "SC-001"}).content.decode()
    assert "示范区政务服务中心</a>" in html and "文昌里公厕" not in html
    html = client.get("/banshi/ditu/", {"lat": "30.07", "lng": "160.01"}).content.decode()
    assert "您的位置" in html


def test_map_page_has_markers_and_outline_without_javascript(client, hall):
    response = client.get("/banshi/ditu/")
    html = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert html.count('class="map-marker"') == 2
    assert 'class="map-area"' in html  # the district's streets from the GeoJSON outline


def test_geojson_api_is_valid(client, hall):
    response = client.get("/banshi/ditu/places.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    collection = geojson.loads(response.content.decode())
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == 2
    feature = next(f for f in collection["features"] if f["properties"]["name"] == "示范区政务服务中心")
    assert feature["geometry"]["coordinates"] == [160.03, 30.05]
    filtered = geojson.loads(
        client.get("/banshi/ditu/places.geojson", {"category": "community_station"}).content
    )
    assert [f["properties"]["category"] for f in filtered["features"]] == ["community_station"]


def test_geojson_api_rejects_bad_parameters_with_a_reason(client, hall):
    response = client.get("/banshi/ditu/places.geojson", {"category": "nope"})
    assert response.status_code == 400 and "未知的地点类别" in response.json()["error"]
    assert client.get("/banshi/ditu/places.geojson", {"item": "NO-SUCH"}).status_code == 400
    assert client.get("/banshi/ditu/", {"lat": "abc", "lng": "nan"}).status_code == 200


def test_place_page_lists_its_services(client, hall):
    html = client.get("/banshi/ditu/zwfwzx/").content.decode()
    assert "示范区政务服务中心" in html and "营业执照办理" in html and "附近地点" in html
    assert client.get("/banshi/ditu/nowhere/").status_code == 404


def test_outline_api_is_the_shipped_vector_layer(client, hall):
    response = client.get("/banshi/ditu/outline.geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    assert "public" in response["Cache-Control"]
    data = geojson.loads(response.content.decode())
    assert data.is_valid and len(data["features"]) >= 1
    kinds = {f["geometry"]["type"] for f in data["features"]}
    assert kinds & {"Polygon", "MultiPolygon"} and kinds & {"LineString", "MultiLineString"}


def test_map_page_loads_leaflet_from_the_site_and_no_tiles_by_default(client, hall):
    response = client.get("/banshi/ditu/", {"category": "service_center", "community": hall.community.pk})
    html = response.content.decode()
    assert "/static/services/vendor/leaflet/leaflet.js" in html and "/static/services/map.js" in html
    assert 'data-outline="/banshi/ditu/outline.geojson"' in html and 'data-category="service_center"' in html
    assert "data-origin-lat=" in html and "data-tiles" not in html
    assert "<script>" not in html  # no inline script: the CSP allows none
    # The map page may ask for the position ("使用我的位置"); every other feature stays off.
    policy = response["Permissions-Policy"]
    assert "geolocation=(self)" in policy and "camera=()" in policy


def test_tile_source_is_configurable(client, hall, settings):
    settings.PORTAL_MAP_TILES = "https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}&y={y}&l={z}"
    settings.PORTAL_MAP_TILES_ATTRIBUTION = "天地图"
    html = client.get("/banshi/ditu/").content.decode()
    assert 'data-tiles="https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&amp;x={x}&amp;y={y}&amp;l={z}"' in html
    assert 'data-attribution="天地图"' in html


def test_vendored_leaflet_keeps_its_licence():
    from pathlib import Path

    import portal.services

    vendor = Path(portal.services.__file__).parent / "static" / "services" / "vendor" / "leaflet"
    assert "BSD 2-Clause" in (vendor / "LICENSE").read_text()
    assert 't.version="1.9.4"' in (vendor / "leaflet.js").read_text()
