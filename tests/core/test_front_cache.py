"""The real front cache (Varnish with deploy/varnish-portal.vcl) before the live test server:
a hit, a purge on publish and the fresh page, variants kept apart. Skipped without varnishd."""

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)
VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish-portal.vcl"

pytestmark = [
    pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed (apt-get install varnish)"),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    backend_port = live_server.url.rsplit(":", 1)[1]
    port = _free_port()
    # varnishd drops root privileges: its files must be readable by its own user.
    workdir = tempfile.mkdtemp(prefix="varnish-test-")
    Path(workdir).chmod(0o755)
    vcl = Path(workdir) / "portal.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"'))
    vcl.chmod(0o644)
    process = subprocess.Popen(
        [VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", f"{workdir}/n", "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("varnishd did not start: " + process.stderr.read().decode())
            time.sleep(0.1)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "portal.core.purge.VarnishBackend", "LOCATION": f"http://127.0.0.1:{port}"}
    }
    yield port
    process.terminate()
    process.wait(10)
    shutil.rmtree(workdir, ignore_errors=True)


def _get(port, path, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "localhost"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode(errors="replace")
    connection.close()
    return response, body


def test_hit_purge_and_fresh_page_after_publish(varnish):
    home = factories.home_page()
    factories.site_identity()
    news = factories.column(parent=home, title="区政府要闻", slug="news")
    article = factories.article(parent=news, title="关于开展营业执照网上办理的通知", slug="licence")
    other = factories.article(parent=news, title="另一篇文章", slug="other")
    url = article.url

    first, body = _get(varnish, url)
    assert first.status == 200 and first.getheader("X-Cache") == "MISS"
    assert "营业执照" in body
    again, _ = _get(varnish, url, cookie="csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF; _ga=GA1")
    assert again.getheader("X-Cache") == "HIT", "other cookies do not split the cache"

    hant, body = _get(varnish, url, cookie="portal_pref=hant; _ga=GA1")
    assert hant.getheader("X-Cache") == "MISS" and "關於開展營業執照" in body
    hant, body = _get(varnish, url, cookie="portal_pref=hant")
    assert hant.getheader("X-Cache") == "HIT" and "關於開展營業執照" in body
    plain, body = _get(varnish, url)
    assert plain.getheader("X-Cache") == "HIT" and "关于开展营业执照" in body
    _get(varnish, other.url)

    article.title = "关于开展营业执照全程网办的通知"
    article.save_revision().publish()  # purged when the transaction commits

    fresh, body = _get(varnish, url)
    assert fresh.getheader("X-Cache") == "MISS" and "全程网办" in body
    hant, body = _get(varnish, url, cookie="portal_pref=hant")
    assert hant.getheader("X-Cache") == "MISS" and "全程網辦" in body
    listing, body = _get(varnish, news.url)
    assert "全程网办" in body
    unrelated, _ = _get(varnish, other.url)
    assert unrelated.getheader("X-Cache") == "HIT", "a page that did not change is still a hit"


def test_lists_are_refreshed_softly_on_publish_and_hard_on_withdrawal(varnish):
    """The column that lists an edited article may answer from its previous copy while the new one
    renders in the background (a soft purge), never for more than 2 s; a withdrawn article vanishes
    at once."""
    home = factories.home_page()
    factories.site_identity()
    news = factories.column(parent=home, title="区政府要闻", slug="news")
    article = factories.article(parent=news, title="关于开展营业执照网上办理的通知", slug="licence")
    _get(varnish, news.url)
    cached, _ = _get(varnish, news.url)
    assert cached.getheader("X-Cache") == "HIT"

    article.title = "关于开展营业执照全程网办的通知"
    article.save_revision().publish()
    published = time.monotonic()
    stale = 0
    while True:
        response, body = _get(varnish, news.url)
        if "全程网办" in body:
            break
        assert response.getheader("X-Cache") == "HIT", "a reader during the refresh gets the old copy"
        stale += 1
        assert time.monotonic() - published < 2, "the list is fresh within 2 s of the publish"
        time.sleep(0.05)
    again, body = _get(varnish, news.url)
    assert again.getheader("X-Cache") == "HIT" and "全程网办" in body

    article.unpublish()
    withdrawn, body = _get(varnish, news.url)
    assert withdrawn.getheader("X-Cache") == "MISS" and "全程网办" not in body


def test_sessions_and_search_pass_through(varnish):
    home = factories.home_page()
    factories.site_identity()
    _get(varnish, home.url)
    passed, _ = _get(varnish, home.url, cookie="sessionid=whatever")
    assert passed.getheader("X-Cache") == "MISS"
    _get(varnish, "/search/?q=test")
    search, _ = _get(varnish, "/search/?q=test")
    assert search.getheader("X-Cache") == "MISS"
    assert search.getheader("Cache-Control") == "private, no-store"


def _session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def test_restricted_page_and_document_are_never_served_from_cache(varnish):
    from django.contrib.auth import get_user_model
    from wagtail.models import PageViewRestriction

    home = factories.home_page()
    factories.site_identity()
    secret = "内部通报：仅限登录用户阅读"
    page = factories.article(parent=home, title=secret, slug="internal")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    doc = factories.document("内部通报.pdf")
    factories.attached_article(doc, parent=page)
    public_doc = factories.document("公开.pdf")
    factories.attached_article(public_doc, parent=home)
    citizen = get_user_model().objects.create_user("citizen", password="pass-Word-2026")
    session = _session_cookie(citizen)

    for url in [page.url, doc.url]:
        signed_in, body = _get(varnish, url, cookie=session + "; portal_pref=hant")
        assert signed_in.status == 200, url
        assert signed_in.getheader("Cache-Control") == "private, no-store"
        signed_in, body = _get(varnish, url, cookie=session)
        assert signed_in.status == 200
        for cookie in [None, "portal_pref=hant", "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"]:
            anonymous, body = _get(varnish, url, cookie=cookie)
            assert anonymous.status == 302 and settings.LOGIN_URL in anonymous.getheader("Location"), url
            assert anonymous.getheader("X-Cache") == "MISS"
            assert anonymous.getheader("Cache-Control") == "private, no-store"
            assert secret not in body and "%PDF" not in body
    for _ in range(2):
        response, body = _get(varnish, public_doc.url)
        assert response.status == 200 and response.getheader("X-Cache") == "MISS"
        assert response.getheader("Cache-Control") == "private, no-store"


def _get_with(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "localhost", **headers})
    response = connection.getresponse()
    body = response.read().decode(errors="replace")
    connection.close()
    return response, body


def test_variants_and_validators_through_the_front_cache(varnish):
    home = factories.home_page()
    factories.site_identity()
    article = factories.article(parent=factories.column(parent=home), title="关于开展营业执照网上办理的通知")
    url = article.url
    plain, plain_body = _get(varnish, url)
    for pref, marker in [
        ("elderly", "elderly-mode"),
        ("a11y", "accessible-mode"),
        ("hant.elderly", "elderly-mode"),
    ]:
        first, body = _get(varnish, url, cookie=f"portal_pref={pref}")
        assert first.getheader("X-Cache") == "MISS", pref
        assert marker in body.split("<head>", 1)[0]
        again, again_body = _get(varnish, url, cookie=f"_ga=1; portal_pref={pref}; csrftoken=x")
        assert again.getheader("X-Cache") == "HIT" and again_body == body
    back, body = _get(varnish, url)
    assert (
        back.getheader("X-Cache") == "HIT"
        and body == plain_body
        and "elderly-mode" not in body.split("<head>")[0]
    )
    # the cache answers the page's validators itself
    not_modified, _ = _get_with(varnish, url, {"If-None-Match": plain.getheader("ETag")})
    assert not_modified.status == 304
    changed, _ = _get_with(varnish, url, {"If-None-Match": '"something-else"'})
    assert changed.status == 200
