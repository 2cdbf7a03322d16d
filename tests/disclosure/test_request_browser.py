"""The application form in headless Chromium with JavaScript disabled: a field error keeps what
was typed, then the corrected request is accepted with its number and query code."""

from django.core.cache import cache

from portal.disclosure.requests import DisclosureRequest


def test_apply_without_javascript(transactional_db, live_server, browser, tree, settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "1000/m", "default:account": "1000/m"}
    cache.clear()
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{tree.platform.url}ysqgk/?org=edu")
        assert page.locator("h1").inner_text() == "政府信息公开申请"
        assert page.locator("select[name=organisation]").input_value() == str(tree.dept.pk)
        page.fill("input[name=name]", "张三丰")
        page.fill("input[name=id_number]", "110105194912310021")  # wrong check digit
        page.fill("input[name=phone]", "13812345678")
        page.fill("input[name=address]", "示范区政务大道 1 号")
        page.fill("textarea[name=description]", "2025 年学前教育专项资金分配表")
        page.click(".disclosure-request-form button[type=submit]")
        assert page.locator("text=居民身份证号码不正确").count() == 1
        assert page.locator("input[name=name]").input_value() == "张三丰"
        assert page.locator("textarea[name=description]").input_value() == "2025 年学前教育专项资金分配表"
        assert DisclosureRequest.objects.count() == 0
        page.fill("input[name=id_number]", "11010519491231002X")
        page.click(".disclosure-request-form button[type=submit]")
        number = page.locator("#tracking-number").inner_text()
        code = page.locator("#query-code").inner_text()
        assert DisclosureRequest.objects.get(tracking_number=number).check_query_code(code)
        page.goto(f"{live_server.url}{tree.platform.url}ysqgk/chaxun/")
        page.fill("input[name=tracking_number]", number)
        page.fill("input[name=query_code]", code)
        page.click("main button[type=submit]")
        assert page.locator("#request-state").inner_text() == "办理中"
    finally:
        context.close()
