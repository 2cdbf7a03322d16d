"""The single sign-on in headless Chromium with JavaScript off: the real relying party, the portal's
login form and consent screen, and back (the consent form's redirect to another origin is allowed
by the Content-Security-Policy), then RP-initiated logout."""

from __future__ import annotations

from tests.browser.conftest import browser  # noqa: F401  (the shared headless Chromium)

from .conftest import make_client
from .rp.app import RelyingPartyServer, create_app


def test_sign_in_and_out_in_a_browser(issuer, citizen, browser):  # noqa: F811
    server = RelyingPartyServer(create_app(issuer, "rp-confidential", "rp-secret"))
    make_client(f"{server.url}/callback", post_logout=f"{server.url}/logged-out")
    server.start()
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security" in message.text else None,
    )
    try:
        page.goto(f"{server.url}/")
        with page.expect_navigation():
            page.click("text=使用门户账号登录")
        page.fill("input[name=login]", "zhangsan@example.cn")
        page.fill("input[name=password]", "Portal-pass-2026")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        assert "请求使用您的门户账号登录" in page.content()
        with page.expect_navigation(url=f"{server.url}/"):
            page.click("button[name=allow]")
        assert page.locator("#name").inner_text() == "张三"

        with page.expect_navigation(url=f"{server.url}/logged-out*"):
            page.click("text=退出登录")
        assert "已退出登录" in page.content()
        assert not [c for c in context.cookies() if c["name"] == "sessionid" and c["domain"] == "localhost"]
        assert violations == []
    finally:
        context.close()
        server.stop()


def test_trusted_client_right_after_the_login_form(issuer, citizen, browser):  # noqa: F811
    """No consent screen: the login form's answer leads through the portal straight to the client."""
    server = RelyingPartyServer(create_app(issuer, "rp-confidential", "rp-secret"))
    make_client(f"{server.url}/callback", trusted=True)
    server.start()
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/login")
        page.fill("input[name=login]", "zhangsan@example.cn")
        page.fill("input[name=password]", "Portal-pass-2026")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{server.url}/")
        assert page.locator("#name").inner_text() == "张三"
    finally:
        context.close()
        server.stop()
