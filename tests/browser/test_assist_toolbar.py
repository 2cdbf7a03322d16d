"""The 无障碍 assistive toolbar in headless Chromium, driven by the keyboard alone."""

import pytest

SPEECH_RECORDER = """
window.__spoken = [];
window.speechSynthesis.speak = function (u) { window.__spoken.push({text: u.text, lang: u.lang}); };
window.speechSynthesis.cancel = function () {};
"""


def tab_to(page, selector, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is not reachable with Tab")


def focused_box(page):
    return page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return {left: r.left, bottom: r.bottom}; })()"
    )


def test_toolbar_opens_and_switches_by_keyboard(live_server, browser_page, site):
    _, news, article = site
    page = browser_page
    page.add_init_script(SPEECH_RECORDER)
    page.goto(live_server.url + article.url)
    toolbar = page.locator("[data-assist-toolbar]")
    assert toolbar.is_hidden()
    opener = page.locator("[data-assist-open]")
    tab_to(page, "[data-assist-open]")
    assert opener.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert toolbar.is_visible()
    assert opener.get_attribute("aria-expanded") == "true"
    # opening moves focus to the first tool: 指读
    assert page.evaluate("document.activeElement.dataset.assist") == "speak"

    # Magnifier: the focused text, large, in the bar at the bottom.
    tab_to(page, "[data-assist=magnifier]")
    page.keyboard.press("Enter")
    magnifier_button = page.locator("[data-assist=magnifier]")
    assert magnifier_button.get_attribute("aria-pressed") == "true"
    magnifier = page.locator("[data-assist-magnifier]")
    assert magnifier.is_visible()
    tab_to(page, f".main-nav__list a[href='{news.url}']")
    assert magnifier.inner_text() == "区政府要闻"
    size = page.eval_on_selector("[data-assist-magnifier]", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 36

    # Reading guide: a line under the focused element, moving with the focus.
    tab_to(page, "[data-assist=guide]")
    page.keyboard.press("Space")
    assert page.locator("[data-assist=guide]").get_attribute("aria-pressed") == "true"
    guide = page.locator("[data-assist-guide-x]")
    assert guide.is_visible()
    tab_to(page, ".breadcrumbs a")
    box = focused_box(page)
    line = guide.bounding_box()
    assert abs(line["y"] - (box["bottom"] + 2)) <= 2
    assert page.locator("[data-assist-guide-y]").bounding_box()["x"] == pytest.approx(box["left"], abs=2)

    # Point-to-read: the shortcut switches it on, then every focused element is read out.
    page.keyboard.press("Alt+Shift+R")
    assert page.locator("[data-assist=speak]").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")
    focused_text = page.evaluate("document.activeElement.textContent.trim()")
    spoken = page.evaluate("window.__spoken")
    assert spoken[-1]["text"] == focused_text
    assert all(s["lang"] == "zh-CN" for s in spoken)
    assert page.locator("[data-assist-status]").inner_text().startswith("指读")

    # Remembered on the next page, without anything from the server.
    page.goto(live_server.url + news.url)
    assert page.locator("[data-assist-toolbar]").is_visible()
    assert page.locator("[data-assist=magnifier]").get_attribute("aria-pressed") == "true"
    assert page.locator("[data-assist=speak]").get_attribute("aria-pressed") == "true"
    assert page.locator("[data-assist-guide-x]").is_visible()
    assert page.console_errors == []


def test_themes_text_size_text_only_and_reset(live_server, browser_page, site):
    _, _, article = site
    page = browser_page
    page.goto(live_server.url + article.url)
    page.keyboard.press("Alt+Shift+A")
    assert page.locator("[data-assist-toolbar]").is_visible()
    html_class = lambda: page.eval_on_selector("html", "e => e.className")  # noqa: E731
    base = page.eval_on_selector("html", "e => parseFloat(getComputedStyle(e).fontSize)")
    page.keyboard.press("Alt+Shift+ArrowUp")
    assert page.eval_on_selector("html", "e => parseFloat(getComputedStyle(e).fontSize)") > base
    assert page.locator("[data-assist-level]").inner_text() == "115%"
    page.keyboard.press("Alt+Shift+C")
    assert "assist-theme-dark" in html_class()
    assert page.locator("[data-assist-theme=dark]").get_attribute("aria-pressed") == "true"
    body_colour = page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    assert body_colour == "rgb(0, 0, 0)"
    page.keyboard.press("Alt+Shift+T")
    assert "assist-text-only" in html_class()
    assert page.eval_on_selector(".brand__emblem", "e => getComputedStyle(e).display") == "none"
    page.keyboard.press("Alt+Shift+B")
    assert "assist-cursor" in html_class()
    page.keyboard.press("Alt+Shift+0")
    assert not any(
        c.startswith("assist-theme") or c in ("assist-text-only", "assist-cursor")
        for c in html_class().split()
    )
    assert page.eval_on_selector("html", "e => parseFloat(getComputedStyle(e).fontSize)") == base
    page.keyboard.press("Alt+Shift+A")
    assert page.locator("[data-assist-toolbar]").is_hidden()
    assert page.console_errors == []


def test_toolbar_leaves_the_page_html_alone(client, site):
    """Everyone gets the same page: the toolbar's state lives in the browser, not on the server."""
    _, _, article = site
    plain = client.get(article.url).content
    client.cookies["portal-assist"] = "anything"
    assert client.get(article.url).content == plain


def test_accessible_mode_opens_the_toolbar(live_server, browser_page, site):
    _, _, article = site
    page = browser_page
    page.context.add_cookies([{"name": "portal_pref", "value": "a11y", "url": live_server.url}])
    page.goto(live_server.url + article.url)
    assert "accessible-mode" in page.eval_on_selector("html", "e => e.className")
    assert page.locator("[data-assist-toolbar]").is_visible()
