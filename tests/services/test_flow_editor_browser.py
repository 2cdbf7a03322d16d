"""The scenario-flow editor in Chromium: the structured form renders (Chinese, no console errors),
suggests question keys for "下一个问题", and saves an edited flow."""

import os

import pytest

from tests.browser.conftest import browser  # noqa: F401, F811

from .conftest import RESTAURANT, guide

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_site(transactional_db, django_user_model):
    from portal.services.models import ScenarioFlow
    from tests import factories

    home = factories.home_page()
    factories.site_identity()
    market = factories.organisation(name="示范区市场监督管理局")
    column = factories.column(parent=home, title="法人办事", column_type="service", owner_organisation=market)
    for title, code in [
        ("营业执照办理", "SC-001"),
        ("食品经营许可", "XF-001"),
        ("酒类商品零售许可", "SW-001"),
    ]:
        guide(column, title, code, market)
    django_user_model.objects.create_superuser("admin", "a@example.gov.cn", "pass-for-tests")
    return ScenarioFlow.objects.create(slug="restaurant", title="我要开餐馆", definition=RESTAURANT)


@pytest.fixture
def browser_page(browser):  # noqa: F811
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc) + (exc.stack or "")))
    yield page
    context.close()


def test_edit_screen_in_chromium(live_server, browser_page, editor_site):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "pass-for-tests")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/snippets/services/scenarioflow/edit/{editor_site.pk}/")
    page.wait_for_selector("input[name='definition-questions-0-value-key']")
    body = page.inner_text("main")
    for label in [
        "问题流程",
        "必办事项",
        "问题标识",
        "题型",
        "下一个问题",
        "选中的事项",
        "回归样例",
        "流程图",
    ]:
        assert label in body, label
    assert page.locator("svg.flow-diagram").count() == 1
    assert page.input_value("input[name='definition-questions-0-value-key']") == "area"
    selected = page.locator("select[name='definition-always-0-value'] option:checked").inner_text()
    assert selected.startswith("SC-001 营业执照办理")
    # "下一个问题" suggests the keys typed so far
    page.focus("input[name='definition-questions-0-value-options-0-value-next']")
    keys = page.eval_on_selector_all("#flow-question-keys option", "els => els.map(e => e.value)")
    assert keys == ["area", "alcohol"]
    shots = os.environ.get("FLOW_EDITOR_SCREENSHOT")  # a path stem, to look at the screen
    if shots:
        page.set_viewport_size({"width": 1400, "height": 1000})
        for n, name in enumerate(
            ["definition-questions-0-value-key", "definition-questions-1-value-key", "examples-count"]
        ):
            page.locator(f"input[name='{name}']").evaluate(
                "e => e.closest('[data-contentpath], section, div').scrollIntoView()"
            )
            page.screenshot(path=f"{shots}-{n}.png")
    page.fill("input[name='definition-questions-1-value-options-1-value-label']", "不销售")
    nxt = "input[name='definition-questions-0-value-options-0-value-next']"
    page.fill(nxt, "nowhere")
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('保存')")
    # refused: the message sits at the option's "下一个问题", what was typed is still there
    error = page.locator(
        "[data-contentpath='next'] .error-message, [data-contentpath='next'] .w-field__errors"
    )
    assert "指向不存在的问题“nowhere”" in error.first.inner_text()
    assert page.input_value("input[name='definition-questions-1-value-options-1-value-label']") == "不销售"
    if shots:
        page.locator(nxt).scroll_into_view_if_needed()
        page.screenshot(path=f"{shots}-error.png")
    page.fill(nxt, "alcohol")
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('保存')")
    editor_site.refresh_from_db()
    assert editor_site.definition["questions"][1]["options"][1] == {"value": "no", "label": "不销售"}
    assert editor_site.definition["questions"][0]["options"][0]["next"] == "alcohol"
    assert page.console_errors == []
