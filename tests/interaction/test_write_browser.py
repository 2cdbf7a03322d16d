"""Writing and tracking a letter in headless Chromium with JavaScript disabled (the shared sync
Playwright browser of tests/browser; no event loop of our own)."""

import pytest

from portal.interaction.models import Channel, Letter
from tests import factories
from tests.browser.conftest import browser  # noqa: F401  (the shared headless Chromium)


@pytest.fixture
def hub(transactional_db, settings):
    settings.PORTAL_SUBMISSION_MIN_SECONDS = 0
    settings.PORTAL_SUBMISSION_RATES = {"default": "1000/m", "default:account": "1000/m"}
    factories.home_page()
    factories.district()
    Channel.objects.get_or_create(
        key="complaint", defaults={"name": "投诉建议", "reply_days": 15, "sort_order": 30}
    )


def test_submit_and_track_without_javascript(hub, live_server, browser):  # noqa: F811
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/hudong/xiexin/complaint/")
        page.fill("input[name=title]", "幸福路路灯不亮")
        page.fill("textarea[name=body]", "幸福路中段路灯已经连续一周不亮，晚上行人很不安全。")
        page.fill("input[name=name]", "张三")
        page.fill("input[name=phone]", "13900001111")
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        number = page.locator("#tracking-number").inner_text().strip()
        code = page.locator("#query-code").inner_text().strip()
        assert Letter.objects.get(tracking_number=number).state == "submitted"

        page.goto(f"{live_server.url}/hudong/chaxun/")
        page.fill("input[name=tracking_number]", number)
        page.fill("input[name=query_code]", "WRONG1")
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        assert "未查到" in page.content()
        page.fill("input[name=tracking_number]", number)
        page.fill("input[name=query_code]", code)
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        text = page.content()
        assert "幸福路路灯不亮" in text and "待甄别" in text
        assert "13900001111" not in text
    finally:
        context.close()
