"""What no cache may keep: restricted pages and documents are never answered from the embedded
page cache, whoever fetched them first, and are sent ``Cache-Control: private, no-store``."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from portal.core.cache_rules import is_never_cached_path
from tests import factories

SECRET = "内部通报：仅限登录用户阅读"


@pytest.fixture
def embedded_cache(settings):
    settings.PORTAL_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user("citizen", password="pass-Word-2026")


def _assert_private(response):
    assert response["Cache-Control"] == "private, no-store", response.get("Cache-Control")
    assert "X-Portal-Cache" not in response
    assert not response.has_header("ETag")


def _anonymous(client):
    client.logout()
    client.cookies.clear()


def test_login_restricted_page_is_never_served_from_cache(client, embedded_cache, home, citizen):
    article = factories.article(title=SECRET, body=[("paragraph", f"<p>{SECRET}</p>")])
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    client.force_login(citizen)
    signed_in = client.get(article.url)
    assert signed_in.status_code == 200 and SECRET in signed_in.content.decode()
    _assert_private(signed_in)

    _anonymous(client)
    for _ in range(2):
        anonymous = client.get(article.url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(settings.LOGIN_URL)
        assert SECRET not in anonymous.content.decode()
        _assert_private(anonymous)
    # a session cookie alone (no signed-in user) is no key to a stored copy either
    client.cookies["sessionid"] = "not-a-session"
    _assert_private(client.get(article.url))


def test_page_below_a_restricted_column_is_private(client, embedded_cache, home, citizen):
    column = factories.column(parent=home, slug="internal")
    article = factories.article(parent=column, title=SECRET)
    PageViewRestriction.objects.create(page=column, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(citizen)
    _assert_private(client.get(article.url))
    _anonymous(client)
    _assert_private(client.get(article.url))


def test_password_form_is_private(client, embedded_cache, home):
    article = factories.article(title=SECRET)
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    client.cookies["csrftoken"] = "abcdefghijklmnopqrstuvwxyzABCDEF"  # no new CSRF cookie is set
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 200 and SECRET not in response.content.decode()
        _assert_private(response)


def test_restricting_a_cached_page_purges_it(
    client, embedded_cache, home, django_capture_on_commit_callbacks
):
    article = factories.article(title=SECRET)
    client.get(article.url)
    assert client.get(article.url)["X-Portal-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article.get_parent(), restriction_type="login")
    response = client.get(article.url)
    assert response.status_code == 302
    _assert_private(response)


def test_restricted_document_is_never_served_from_cache(client, embedded_cache, home, citizen):
    doc = factories.document("内部通报.pdf")
    page = factories.attached_article(doc)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    client.force_login(citizen)
    signed_in = client.get(doc.url)
    assert signed_in.status_code == 200 and signed_in.getvalue().startswith(b"%PDF")
    _assert_private(signed_in)

    _anonymous(client)
    for _ in range(2):
        anonymous = client.get(doc.url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(settings.LOGIN_URL)
        _assert_private(anonymous)


def test_document_of_a_private_collection_is_never_served_from_cache(client, embedded_cache, home):
    private = Collection.get_first_root_node().add_child(name="内部")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    doc = factories.document(collection=private)
    factories.attached_article(doc)
    editor = factories.staff_user(factories.district())
    client.force_login(editor)
    _assert_private(client.get(doc.url))
    _anonymous(client)
    response = client.get(doc.url)
    assert response.status_code == 302
    _assert_private(response)


def test_public_document_is_not_kept_either(client, embedded_cache, home):
    doc = factories.document()
    factories.attached_article(doc)
    for _ in range(2):
        response = client.get(doc.url)
        assert response.status_code == 200
        _assert_private(response)


@pytest.mark.parametrize(
    "path, never",
    [
        ("/documents/1/a.pdf", True),
        ("/admin/pages/", True),
        ("/api/editorial/documents/", True),
        ("/_util/login/", True),
        ("/en/_util/login/", True),
        ("/display/traditional/", True),
        ("/en/documents/1/a.pdf", True),
        ("/news/documents-of-2026/", False),
        ("/", False),
        ("/en/", False),
    ],
)
def test_never_cached_paths(path, never):
    assert is_never_cached_path(path) is never


def test_intake_api_is_private(client, db):
    response = client.post("/api/editorial/documents/", {}, content_type="application/json")
    assert response["Cache-Control"] == "private, no-store"
    response = client.get("/api/editorial/documents/x/")
    assert response["Cache-Control"] == "private, no-store"
