"""Claim and decline through the personal link in headless Chromium, JavaScript off (the shared
sync Playwright browser of tests/browser)."""

from datetime import date

import pytest

from portal.proactive import outreach, services
from portal.proactive.imports import import_dataset
from portal.proactive.models import MatchRun, Outreach
from tests import factories
from tests.browser.conftest import browser  # noqa: F401  (the shared headless Chromium)

from .conftest import huji_csv, people_rows


@pytest.fixture
def links(transactional_db, huji, claims, benefit):
    factories.home_page()
    import_dataset(huji, huji_csv(people_rows()), "huji.csv")
    run = services.perform_run(MatchRun.objects.create(run_date=date(2026, 3, 15)))
    return [(item, outreach.token(item)) for item in outreach.contact(run.results.get())]


def test_claim_and_decline_without_javascript(links, live_server, browser):  # noqa: F811
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        (first, first_token), (second, second_token) = links[:2]
        page.goto(f"{live_server.url}/fuwuzhaoren/lingqu/{first_token}/")
        assert "高龄津贴" in page.content()
        with page.expect_navigation():
            page.get_by_role("button", name="申请领取").click()
        assert "您已申请领取" in page.content()
        first.refresh_from_db()
        assert first.state == Outreach.State.CLAIMED

        page.goto(f"{live_server.url}/fuwuzhaoren/lingqu/{second_token}/")
        with page.expect_navigation():
            page.get_by_role("button", name="暂不需要").click()
        assert "您已谢绝" in page.content()
        second.refresh_from_db()
        assert second.state == Outreach.State.DECLINED

        page.goto(f"{live_server.url}/fuwuzhaoren/lingqu/{second_token[:-3]}xyz/")
        assert "链接无效或已过期" in page.content()
    finally:
        context.close()
