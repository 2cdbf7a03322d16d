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


def test_a_letter_with_an_attachment_without_javascript(hub, live_server, browser, tmp_path):  # noqa: F811
    import io

    from PIL import Image

    photo = tmp_path / "现场.jpg"
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    Image.new("RGB", (30, 20), (10, 120, 10)).save(buffer, "JPEG", exif=exif.tobytes())
    photo.write_bytes(buffer.getvalue())
    forged = tmp_path / "假图片.jpg"
    forged.write_bytes(b"<html><script>alert(1)</script></html>")

    context = browser.new_context(locale="zh-CN", java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/hudong/xiexin/complaint/")
        page.fill("input[name=title]", "路面破损")
        page.fill("textarea[name=body]", "幸福路与和平街交叉口路面破损严重，雨天积水，附照片。")
        page.fill("input[name=name]", "张三")
        page.fill("input[name=phone]", "13900001111")
        page.set_input_files("input[name=attachments]", [str(forged)])
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        assert "假图片.jpg" in page.content() and "与扩展名不符" in page.content()
        assert page.input_value("input[name=title]") == "路面破损"
        page.set_input_files("input[name=attachments]", [str(photo)])
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        number = page.locator("#tracking-number").inner_text().strip()
        code = page.locator("#query-code").inner_text().strip()
        letter = Letter.objects.get(tracking_number=number)
        assert [a.name for a in letter.attachments.all()] == ["现场.jpg"]

        page.goto(f"{live_server.url}/hudong/chaxun/")
        page.fill("input[name=tracking_number]", number)
        page.fill("input[name=query_code]", code)
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        with page.expect_download() as download:
            page.get_by_role("link", name="现场.jpg").click()
        data = open(download.value.path(), "rb").read()
        assert data[:2] == b"\xff\xd8" and b"SecretCam" not in data
    finally:
        context.close()
