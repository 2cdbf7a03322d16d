"""Registration, verification and login in headless Chromium with JavaScript disabled."""

from django.contrib.auth import get_user_model

from portal.accounts import senders
from tests.browser.conftest import browser  # noqa: F401

from .citizens import PASSWORD, last_code


def _submit(page, selector="form.account-form button[type=submit]"):
    with page.expect_navigation():
        page.click(selector)


def test_register_verify_sign_out_and_sign_in_without_javascript(transactional_db, live_server, browser):  # noqa: F811
    senders.outbox.clear()
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/yonghu/zhuce/")
        assert page.locator("h1").inner_text() == "注册"
        # A mistake: a Chinese error under the field, what was typed kept.
        page.fill("#id_phone", "1380013")
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        _submit(page)
        assert "请输入 11 位手机号码。" in page.locator(".form-field--error").inner_text()
        assert page.input_value("#id_phone") == "1380013"

        page.fill("#id_phone", "13800138000")
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        _submit(page)
        assert page.url.endswith("/yonghu/shouji/yanzheng/")
        page.fill("input[name=code]", last_code("+8613800138000"))
        _submit(page)
        assert page.url.endswith("/yonghu/")
        assert page.locator("h1").inner_text() == "我的主页"
        assert get_user_model().objects.filter(citizen_profile__phone_verified=True).count() == 1

        page.goto(f"{live_server.url}/yonghu/tuichu/")
        _submit(page)
        page.goto(f"{live_server.url}/yonghu/denglu/?next=/yonghu/shezhi/")
        page.fill("#id_login", "13800138000")
        page.fill("#id_password", "wrong-password")
        _submit(page)
        assert "手机号码或密码不正确。" in page.content()
        assert page.input_value("#id_login") == "13800138000"
        page.fill("#id_password", PASSWORD)
        _submit(page)
        assert page.url.endswith("/yonghu/shezhi/")
        assert "138****8000" in page.content()
    finally:
        context.close()
