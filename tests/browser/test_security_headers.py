"""The Content-Security-Policy in a real headless Chromium: the site's pages and the admin break
none of it, and an injected inline script is blocked."""

import pytest
from django.core.management import call_command

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


@pytest.fixture
def indexed_site(site):
    call_command("rebuild_search_index")
    return site


def visit(page, url):
    page.add_init_script(COLLECT_VIOLATIONS)
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response


def test_public_pages_have_no_csp_violations(live_server, browser_page, indexed_site):
    home, news, article = indexed_site
    page = browser_page
    page.add_init_script(COLLECT_VIOLATIONS)
    for path in [home.url, news.url, article.url, "/search/?q=常务会议", "/sitemap/"]:
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert (
            "unsafe-inline"
            not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
        )
        assert page.evaluate("window.__csp") == [], path
    # the header search still works under the policy (a script from the site itself)
    page.goto(live_server.url + "/")
    page.type("#site-search-q", "示范区召开")
    # a locator, not wait_for_function: the page's policy forbids the eval that one needs
    page.locator(".search-autocomplete").get_by_text("示范区召开常务会议").first.wait_for(timeout=15000)
    assert page.evaluate("window.__csp") == []
    assert page.console_errors == []


def test_an_injected_inline_script_is_blocked(live_server, browser_page, indexed_site):
    page = browser_page
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


def test_a_json_ld_data_block_needs_no_nonce(live_server, browser_page, indexed_site):
    page = browser_page
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.type = 'application/ld+json';"
        ' s.textContent = \'{"@type": "Thing"}\'; document.head.append(s); }'
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__csp") == []


def test_admin_login_and_editor_have_no_csp_violations(
    live_server, browser_page, indexed_site, django_user_model
):
    _, news, article = indexed_site
    django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pass-Word-2026")
    page = browser_page
    page.add_init_script(COLLECT_VIOLATIONS)
    response = page.goto(live_server.url + "/admin/login/")
    page.wait_for_load_state("networkidle")
    assert response.status == 200 and "content-security-policy" in response.headers
    assert page.evaluate("window.__csp") == []
    page.fill("#id_username", "root")
    page.fill("#id_password", "pass-Word-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    for path in [
        "/admin/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{news.pk}/",
        "/admin/documents/",
    ]:
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert page.evaluate("window.__csp") == [], path
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
