"""The document directory in headless Chromium with JavaScript disabled: filtering and the
文号 lookup work as plain forms."""

from tests import factories


def test_filter_and_lookup_without_javascript(transactional_db, live_server, browser, tree):
    new = factories.policy_document(tree.policies, title="区教育局学前教育通知", owner_organisation=tree.dept)
    old = factories.policy_document(
        tree.policies, title="区教育局旧办法", owner_organisation=tree.dept, validity="repealed", genre="办法"
    )
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{tree.platform.url}edu/wenjian/")
        assert page.locator("h1").inner_text() == "法定主动公开内容"
        page.select_option("select[name=validity]", "repealed")
        page.click(".disclosure-filters button[type=submit]")
        assert "validity=repealed" in page.url
        assert page.locator(f"text={old.title}").count() == 1
        assert page.locator(f"text={new.title}").count() == 0
        assert page.locator("select[name=validity]").input_value() == "repealed"  # keeps the choice
        page.fill("input[name=number]", new.document_number)
        page.select_option("select[name=validity]", "")
        page.click(".disclosure-filters button[type=submit]")
        assert page.url.endswith(new.url)
        assert page.locator("h1").inner_text() == new.title
    finally:
        context.close()
