"""The service hall in Chromium: a scenario flow completed by keyboard alone, the map's markers."""

import pytest

from tests.services.conftest import RESTAURANT, guide, place  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hall_site(site):
    from portal.core.models import Organisation
    from portal.services.models import ScenarioFlow
    from tests import factories

    home = site[0]
    market = factories.organisation(name="示范区市场监督管理局")
    column = factories.column(parent=home, title="法人办事", column_type="service", owner_organisation=market)
    street = factories.organisation(name="示范区文昌街道", kind=Organisation.Kind.STREET)
    centre = place("zwfwzx", 30.05, 160.03, name="示范区政务服务中心", street=street)
    place("wc-toilet", 30.06, 160.02, "toilet", name="文昌路公厕", street=street)
    for title, code in [
        ("营业执照办理", "SC-001"),
        ("食品经营许可", "XF-001"),
        ("酒类商品零售许可", "SW-001"),
    ]:
        guide(column, title, code, market, places=[centre])
    return ScenarioFlow.objects.create(slug="restaurant", title="我要开餐馆", definition=RESTAURANT)


def test_flow_by_keyboard_alone_and_map_markers(live_server, browser_page, hall_site):
    page = browser_page
    page.goto(f"{live_server.url}/banshi/yijianshi/restaurant/")
    # With JavaScript every question on the path is on one page.
    first = page.locator("input[name=area]").first
    first.focus()
    page.keyboard.press("ArrowDown")  # 50平方米及以上
    assert page.locator("input[name=alcohol]").count() == 2
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # 是
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#plan-h")
    text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
    assert "您的办事清单" in text and "酒类商品零售许可" in text and "食品经营许可" in text
    assert page.console_errors == []

    page.goto(f"{live_server.url}/banshi/ditu/")
    # Leaflet replaces the server-drawn SVG: the district outline and streets as vector layers
    # (no tile requests) and one keyboard-focusable marker per place from the GeoJSON API.
    page.wait_for_selector(".service-map__leaflet .map-pin")
    assert page.locator(".leaflet-marker-icon.map-pin").count() == 2
    assert page.locator("path.leaflet-area").count() >= 1 and page.locator("path.leaflet-street").count() >= 1
    assert page.locator(".service-map__svg").is_hidden()
    assert page.locator(".leaflet-tile").count() == 0
    page.locator(".map-pin").first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    popup.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/banshi/ditu/*/")
    assert "开放时间" in page.inner_text("body")
    assert page.console_errors == []


def test_map_without_javascript_keeps_svg_markers(live_server, browser, hall_site):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/banshi/ditu/")
    assert page.locator(".map-marker").count() == 2 and page.locator(".map-area").count() >= 1
    assert page.locator(".service-map__leaflet").count() == 0
    page.locator(".map-marker").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/banshi/ditu/*/")
    context.close()
