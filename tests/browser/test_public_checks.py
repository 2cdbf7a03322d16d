"""Rendered public pages pass axe-core and the Nu HTML checker in every reader mode, and elderly
mode sets every text at 18 pt or more."""

import pytest

from .checkers import axe_violations, nu_errors

MODES = {
    "normal": {},
    "elderly": {"portal_pref": "elderly"},
    "accessible": {"portal_pref": "a11y"},
}
PAGES = ["home", "column", "article", "policies", "policy", "search", "english"]


def _set_mode(page, live_server, mode):
    page.context.clear_cookies()
    cookies = MODES[mode]
    if cookies:
        page.context.add_cookies(
            [{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()]
        )


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_violations(live_server, browser_page, public_site, mode):
    page = browser_page
    _set_mode(page, live_server, mode)
    found = {}
    for name in PAGES:
        response = page.goto(live_server.url + public_site[name])
        assert response.status == 200, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}
    assert page.console_errors == []


def test_nu_checker_finds_no_errors(live_server, browser_page, public_site, tmp_path):
    page = browser_page
    files = []
    for mode in MODES:
        _set_mode(page, live_server, mode)
        for name in PAGES:
            response = page.goto(live_server.url + public_site[name])
            path = tmp_path / f"{mode}-{name}.html"
            path.write_bytes(response.body())
            files.append(path)
    assert nu_errors(files) == []


SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const rects = el.getClientRects();
    if (!rects.length || el.closest('[hidden], .visually-hidden, [aria-hidden=true]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
    const size = parseFloat(style.fontSize);
    if (size < 24) small.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + size + 'px: ' + node.textContent.trim().slice(0, 20));
  }
  return small;
}"""


def test_elderly_mode_sets_every_text_at_18pt(live_server, browser_page, public_site):
    page = browser_page
    _set_mode(page, live_server, "elderly")
    small = {}
    for name in PAGES:
        page.goto(live_server.url + public_site[name])
        found = page.evaluate(SMALL_TEXT)
        if found:
            small[name] = found[:10]
    page.goto(live_server.url + public_site["article"])
    page.click("[data-font-size=small]")  # the article's own 小 size stays at 18 pt too
    small["article, 小"] = page.evaluate(SMALL_TEXT)
    assert small == {"article, 小": []}
