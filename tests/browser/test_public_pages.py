"""The public site in a real headless Chromium."""

import pytest

SPEECH_RECORDER = """
window.__spoken = [];
window.speechSynthesis.speak = function (u) { window.__spoken.push({text: u.text, lang: u.lang}); };
window.speechSynthesis.cancel = function () {};
"""


def test_home_column_article_without_console_errors(live_server, browser_page, site):
    home, news, article = site
    page = browser_page
    for path, expected in [
        (home.url, "示范区召开常务会议"),
        (news.url, "区政府要闻"),
        (article.url, "抓好落实"),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert expected in page.content()
    assert page.console_errors == []


def test_read_aloud_is_keyboard_operable(live_server, browser_page, site):
    _, _, article = site
    page = browser_page
    page.add_init_script(SPEECH_RECORDER)
    page.goto(live_server.url + article.url)
    button = page.locator("[data-read-aloud]")
    assert button.is_visible()
    assert button.get_attribute("aria-pressed") == "false"

    for _ in range(40):  # reach the control with the keyboard alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-read-aloud')"):
            break
    else:
        pytest.fail("read-aloud control is not reachable with Tab")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    spoken = page.evaluate("window.__spoken")
    assert spoken[0]["text"].startswith("示范区召开常务会议")
    assert all(s["lang"] == "zh-CN" for s in spoken)
    assert any("抓好落实" in s["text"] for s in spoken)
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-pressed") == "false"
    assert page.console_errors == []


def test_font_size_switch(live_server, browser_page, site):
    _, _, article = site
    page = browser_page
    page.goto(live_server.url + article.url)
    before = page.eval_on_selector("[data-article-content]", "e => parseFloat(getComputedStyle(e).fontSize)")
    page.click("[data-font-size=large]")
    after = page.eval_on_selector("[data-article-content]", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert after > before


def test_elderly_mode_enlarges_text(live_server, browser_page, site):
    home, _, article = site
    page = browser_page
    page.goto(live_server.url + article.url)
    page.click("text=长者模式")
    page.goto(live_server.url + article.url)
    size = page.eval_on_selector("body", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 24  # 18 pt
    assert "elderly-mode" in page.eval_on_selector("html", "e => e.className")


def test_header_search_suggests_and_searches(live_server, browser_page, site):
    _, _, article = site  # the header box offers titles as you type and submits to /search/
    from django.core.management import call_command

    call_command("rebuild_search_index")
    page = browser_page
    page.goto(live_server.url + "/")
    page.type("#site-search-q", "示范区召开")
    # a locator, not wait_for_function: the page's policy forbids the eval that one needs
    page.locator(".search-autocomplete").get_by_text("示范区召开常务会议").first.wait_for(timeout=15000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.search-autocomplete') !== null")
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "常务会议")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    assert "/search/" in page.url
    assert article.title in page.inner_text("main")
    assert page.console_errors == []


def test_carousel_keeps_hidden_slides_out_of_the_tab_order(live_server, browser_page, public_site):
    page = browser_page
    page.goto(live_server.url + public_site["home"])
    slides = page.locator("[data-slide]")
    assert slides.count() == 2
    assert page.eval_on_selector_all("[data-slide]", "s => s.map(e => e.inert)") == [False, True]
    dot = page.locator("[data-slide-to]").first
    assert dot.bounding_box()["width"] >= 24 and dot.bounding_box()["height"] >= 24
    assert page.get_attribute("[data-slide] img >> nth=0", "loading") == "eager"
    in_hidden_slide = "document.activeElement.closest('[data-slide][inert]') !== null"
    for _ in range(30):
        page.keyboard.press("Tab")
        assert not page.evaluate(in_hidden_slide)
    page.click("[data-slide-to='1']")
    assert page.eval_on_selector_all("[data-slide]", "s => s.map(e => e.inert)") == [True, False]
    pause = page.locator("[data-carousel-pause]")
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true"
    assert page.console_errors == []
