"""Cache headers per response kind, reader-preference variants, ETag/304 and the embedded cache."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from portal.core import page_cache
from tests import factories


@pytest.fixture
def pages(home):
    news = factories.column(parent=home, title="区政府要闻", slug="news")
    article = factories.article(parent=news, title="关于开展营业执照网上办理的通知", slug="licence")
    policy = factories.policy_document(
        parent=factories.column(parent=home, column_type="policy", slug="docs")
    )
    return {"home": home, "news": news, "article": article, "policy": policy}


@pytest.fixture
def embedded_cache(settings):
    settings.PORTAL_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _assert_public(response):
    assert response.status_code == 200, response.status_code
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
    assert response["ETag"].startswith('"')
    assert response.has_header("Last-Modified")
    vary = [v.strip() for v in response["Vary"].split(",")]
    assert "Cookie" in vary and "Accept-Language" not in vary
    assert not response.cookies, "a public page must not set cookies"
    assert "csrfmiddlewaretoken" not in response.content.decode()


def _assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_public_pages_are_shared_cacheable(client, pages):
    factories.home_page("en", title="Shifan District", slug="en-home")
    urls = [
        pages["home"].url,
        pages["news"].url,
        pages["article"].url,
        pages["policy"].url,
        pages["news"].url + "feed/rss/",
        "/feed/atom/",
        "/sitemap.xml",
        "/sitemap/",
        "/en/",
    ]
    for url in urls:
        response = client.get(url)
        _assert_public(response)
        assert response["X-Portal-Variant"] == "std"


def test_not_found_and_query_strings_are_kept_briefly(client, pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert client.get(pages["news"].url, {"page": 2})["Cache-Control"] == "public, max-age=60, s-maxage=60"


def test_matching_conditional_request_gets_304(client, pages):
    url = pages["article"].url
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and not again.content
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200
    traditional = client.get(url, headers={"if-none-match": first["ETag"]}, HTTP_COOKIE="portal_pref=hant")
    assert traditional.status_code == 200, "another variant has another ETag"


def test_signed_in_staff_get_private_pages(client, pages):
    user = factories.staff_user(factories.district())
    client.force_login(user)
    for url in [pages["home"].url, pages["article"].url, "/sitemap.xml"]:
        _assert_private(client.get(url))


def test_previews_and_admin_are_private(client, pages):
    admin = get_user_model().objects.create_superuser("root", password="pass-Word-2026")
    client.force_login(admin)
    article = pages["article"]
    _assert_private(client.get(f"/admin/pages/{article.pk}/view_draft/"))
    _assert_private(client.get("/admin/"))


def test_form_posts_and_toggles_are_private(client, pages):
    _assert_private(client.post(pages["article"].url, {"x": "1"}))
    _assert_private(client.get("/display/traditional/", {"next": "/"}))


def test_search_is_rendered_per_request_and_sets_no_cookie(client, pages):
    response = client.get("/search/", {"q": "营业执照"})
    assert response.status_code == 200
    _assert_private(response)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    # the header's search form on every public page is a plain GET form
    assert re.search(
        r'<form class="site-search"[^>]* action="/search/" method="get"', client.get("/").content.decode()
    )


def test_view_restricted_page_is_private(client, pages):
    PageViewRestriction.objects.create(page=pages["article"], restriction_type="password", password="x")
    _assert_private(client.get(pages["article"].url))


def test_variant_follows_the_preference_cookie_only(client, pages):
    url = pages["article"].url
    for raw, variant in [
        ("hant", "hant"),
        ("elderly.hant", "hant.elderly"),
        ("a11y.elderly", "elderly.a11y"),
        ("bogus", "std"),
    ]:
        response = client.get(
            url, HTTP_COOKIE=f"portal_pref={raw}; csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF; _ga=1"
        )
        assert response["X-Portal-Variant"] == variant


def test_toggles_write_one_canonical_cookie(client, pages):
    client.get("/display/elderly/", {"next": "/"})
    response = client.get("/display/traditional/", {"next": "/"})
    assert response.cookies["portal_pref"].value == "hant.elderly"
    client.get("/display/elderly/", {"next": "/"})  # idempotent
    response = client.get("/display/standard/", {"next": "/"})
    assert response.cookies["portal_pref"].value == "hant"
    response = client.get("/display/simplified/", {"next": "/"})
    assert response.cookies["portal_pref"].value == ""  # deleted


def test_embedded_cache_serves_repeats_and_never_mixes_scripts(client, embedded_cache, pages):
    url = pages["article"].url
    first = client.get(url)
    assert first["X-Portal-Cache"] == "miss"
    assert "关于开展营业执照网上办理的通知" in first.content.decode()
    hit = client.get(url, HTTP_COOKIE="csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF; _ga=GA1.2")
    assert hit["X-Portal-Cache"] == "hit", "other cookies do not split the cache"
    assert hit.content == first.content
    _assert_public(hit)
    # a 繁體 reader gets a Traditional page, cached apart, never the simplified one — and back
    hant = client.get(url, HTTP_COOKIE="portal_pref=hant")
    assert hant["X-Portal-Cache"] == "miss"
    assert "關於開展營業執照網上辦理的通知" in hant.content.decode()
    hant_again = client.get(url, HTTP_COOKIE="portal_pref=hant")
    assert hant_again["X-Portal-Cache"] == "hit"
    assert "關於開展營業執照網上辦理的通知" in hant_again.content.decode()
    simplified = client.get(url, HTTP_COOKIE="portal_pref=elderly")
    assert "关于开展营业执照网上办理的通知" in simplified.content.decode()
    assert "elderly-mode" in simplified.content.decode()
    plain = client.get(url)
    assert plain["X-Portal-Cache"] == "hit" and "關於" not in plain.content.decode()
    # a conditional request is answered from the cache
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_embedded_cache_passes_sessions_and_private_responses(client, embedded_cache, pages):
    url = pages["article"].url
    client.get(url)
    user = factories.staff_user(factories.district())
    client.force_login(user)
    response = client.get(url)
    assert "X-Portal-Cache" not in response
    _assert_private(response)
    client.logout()
    client.cookies.clear()
    assert client.get(url)["X-Portal-Cache"] == "hit", "the staff view was not stored"
    client.get("/search/", {"q": "通知"})
    assert "X-Portal-Cache" not in client.get("/search/", {"q": "通知"})
    assert "X-Portal-Cache" not in client.get(url, {"utm": "x"}), "arbitrary query strings are not kept"


def test_publish_purges_the_embedded_cache(client, embedded_cache, pages, django_capture_on_commit_callbacks):
    article, news = pages["article"], pages["news"]
    other = factories.article(parent=factories.column(parent=pages["home"]), title="无关文章")
    for url in [article.url, news.url, other.url, "/"]:
        client.get(url)
    article.title = "关于开展营业执照全程网办的通知"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    fresh = client.get(article.url)
    assert fresh["X-Portal-Cache"] == "miss" and "全程网办" in fresh.content.decode()
    assert "全程网办" in client.get(news.url).content.decode()
    assert client.get(other.url)["X-Portal-Cache"] == "hit", "an unrelated page stays cached"


def test_site_wide_change_purges_every_page(
    client, embedded_cache, pages, django_capture_on_commit_callbacks
):
    client.get(pages["article"].url)
    with django_capture_on_commit_callbacks(execute=True):
        factories.site_identity(sponsor="新的主办单位")
    response = client.get(pages["article"].url)
    assert response["X-Portal-Cache"] == "miss" and "新的主办单位" in response.content.decode()


def test_purge_urls_covers_every_variant_and_host(embedded_cache, rf, pages):
    request = rf.get("/news/licence/", HTTP_HOST="127.0.0.1:8000", HTTP_COOKIE="portal_pref=hant.a11y")
    from django.http import HttpResponse

    response = HttpResponse("x")
    response["Cache-Control"] = "public, max-age=60, s-maxage=600"
    page_cache.keep(request, response)
    assert page_cache.fetch(request) is not None
    page_cache.purge_urls(["http://localhost/news/licence/"])
    assert page_cache.fetch(request) is None


def test_if_modified_since_gets_304_and_head_is_public(client, pages):
    url = pages["article"].url
    first = client.get(url)
    since = first["Last-Modified"]
    again = client.get(url, headers={"if-modified-since": since})
    assert again.status_code == 304 and not again.content
    assert client.get(url, headers={"if-modified-since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    head = client.head(url)
    assert head.status_code == 200 and head["Cache-Control"].startswith("public")


def test_embedded_cache_answers_validators_of_the_stored_copy(client, embedded_cache, pages):
    url = pages["news"].url
    first = client.get(url)
    hit = client.get(url)
    assert hit["X-Portal-Cache"] == "hit" and hit["ETag"] == first["ETag"]
    assert hit["Last-Modified"] == first["Last-Modified"]
    stale = client.get(url, headers={"if-none-match": '"not-this-one"'})
    assert stale.status_code == 200 and stale["X-Portal-Cache"] == "hit"
    fresh = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert fresh.status_code == 304


@pytest.mark.parametrize(
    "cookie, lang, css",
    [
        ("", 'lang="zh-Hans"', None),
        ("hant", 'lang="zh-Hant"', None),
        ("elderly", 'lang="zh-Hans"', "elderly-mode"),
        ("a11y", 'lang="zh-Hans"', "accessible-mode"),
        ("hant.elderly.a11y", 'lang="zh-Hant"', "elderly-mode accessible-mode"),
    ],
)
def test_each_preference_is_its_own_variant(client, embedded_cache, pages, cookie, lang, css):
    url = pages["article"].url
    # every other variant is stored first: none of them may answer this reader
    for other in ["", "hant", "elderly", "a11y", "hant.elderly.a11y", "hant.a11y"]:
        if other != cookie:
            client.get(url, HTTP_COOKIE=f"portal_pref={other}" if other else "")
    response = client.get(url, HTTP_COOKIE=f"portal_pref={cookie}" if cookie else "")
    assert response["X-Portal-Cache"] == "miss", "no other variant answered"
    html = response.content.decode()
    assert f"<html {lang}" in html
    html_class = html.split("<html ", 1)[1].split(">", 1)[0]
    assert set(html_class.split('class="', 1)[1].rstrip('"').split()) == set((css or "").split())
    again = client.get(url, HTTP_COOKIE=f"portal_pref={cookie}; csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF")
    assert again["X-Portal-Cache"] == "hit" and again.content == response.content


def test_simplified_reader_never_gets_the_traditional_copy(client, embedded_cache, pages):
    url = pages["article"].url
    hant = client.get(url, HTTP_COOKIE="portal_pref=hant")
    assert "關於開展營業執照網上辦理的通知" in hant.content.decode()
    plain = client.get(url)
    assert plain["X-Portal-Cache"] == "miss"
    assert "关于开展营业执照网上办理的通知" in plain.content.decode() and "關於" not in plain.content.decode()


def test_cached_pages_carry_no_per_user_token(client, embedded_cache, pages):
    for url in [pages["home"].url, pages["news"].url, pages["article"].url, pages["policy"].url]:
        client.get(url)
        hit = client.get(url, HTTP_COOKIE="csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF; _ga=GA1")
        html = hit.content.decode()
        assert "csrfmiddlewaretoken" not in html and "abcdefghijklmnopqrstuvwxyzABCDEF" not in html
        assert not hit.cookies
        # the header's search form works for everyone: a plain GET form
        assert 'action="/search/" method="get"' in html


def test_last_modified_is_stable_between_renders_and_moves_on_a_change(client, pages):
    url = pages["article"].url
    first = client.get(url)["Last-Modified"]
    time.sleep(1.1)  # a second render a second later claims no newer change
    assert client.get(url)["Last-Modified"] == first
    assert client.get(url, headers={"if-modified-since": first}).status_code == 304
    time.sleep(1.1)
    factories.article(parent=pages["news"], title="又一篇")
    assert client.get(url)["Last-Modified"] != first
