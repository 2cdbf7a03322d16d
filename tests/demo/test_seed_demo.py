"""`manage.py seed_demo` at a reduced scale: counts, idempotency and pages that render."""

from __future__ import annotations

import io
import runpy

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from portal.core.models import Leader, Organisation, SiteIdentity, StaffProfile
from portal.demo import registry
from portal.disclosure.models import LeaderDirectoryPage, OrganisationDirectoryPage, PolicyDocumentPage
from portal.pages.models import ArticlePage, ColumnPage, HomePage


def seed(scale: float = 0.1) -> str:
    out = io.StringIO()
    call_command("seed_demo", scale=scale, no_index=True, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "organisations": Organisation.objects.count(),
        "leaders": Leader.objects.count(),
        "users": get_user_model().objects.count(),
        "articles": ArticlePage.objects.count(),
        "policies": PolicyDocumentPage.objects.count(),
    }


def check_structure() -> None:
    zh = HomePage.objects.get(locale__language_code="zh-hans")
    en = HomePage.objects.get(locale__language_code="en")
    assert zh.translation_key == en.translation_key
    assert Site.objects.get(is_default_site=True).root_page_id == zh.pk
    assert not Page.objects.filter(depth=2).exclude(pk__in=[zh.pk, en.pk]).exists()  # welcome page gone
    assert [b.value["icon"] for b in zh.entry_points] == ["disclosure", "service", "interaction", "data"]
    assert SiteIdentity.for_site(Site.objects.get()).site_id_code == "9999000001"
    assert Organisation.objects.filter(kind="department").count() >= 18
    assert Organisation.objects.filter(kind="street").count() >= 6
    assert Organisation.objects.filter(kind="community").count() >= 24
    assert ColumnPage.objects.filter(locale=zh.locale).count() >= 45
    assert all(c.level <= 3 for c in ColumnPage.objects.all())
    assert StaffProfile.objects.get(user__username="edu_editor").organisation.slug == "edu"
    # every page goes through review: both trees have a workflow, the English one with three steps
    zh_steps = [t.name for t in zh.get_workflow().tasks]
    en_steps = [t.name for t in en.get_workflow().tasks]
    assert len(zh_steps) >= 3 and len(en_steps) >= 4 and zh_steps != en_steps
    check_routing()


def check_routing() -> None:
    """A column of an organisation with nobody to review (区政务服务数据管理局) goes to the office."""
    from portal.editorial import routing
    from portal.editorial.models import ReviewRouting

    assert ReviewRouting.load().fallback_organisation.slug == "gov-office"
    data_bureau = Organisation.objects.get(slug="sjj")
    column = ColumnPage.objects.filter(owner_organisation=data_bureau).first()
    if column is not None and not data_bureau.staff_users(routing.REVIEW_ROLES["reviewers"]):
        step = routing.route(column, "reviewers")
        assert step.organisation is not None and step.organisation.slug in {"gov-office", "district"}


def check_scaled(c: dict[str, int]) -> None:
    assert 40 <= c["articles"] < 120  # about a tenth of the full 580
    assert 10 <= c["policies"] < 30  # about a tenth of the full 138
    assert ArticlePage.objects.filter(is_headline=True, cover_image__isnull=False).exists()
    assert PolicyDocumentPage.objects.exclude(index_number=None).count() == c["policies"]


def check_renders(client) -> None:
    article = ArticlePage.objects.live().filter(locale__language_code="zh-hans").first()
    policy = PolicyDocumentPage.objects.live().first()
    orgs = OrganisationDirectoryPage.objects.get()
    leaders = LeaderDirectoryPage.objects.get()
    urls = [
        "/",
        "/en/",
        article.url,
        policy.url,
        orgs.url,
        orgs.url_for(Organisation.objects.get(slug="edu")),
        leaders.url_for(Leader.objects.filter(organisation__slug="district").first()),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "示范区人民政府门户网站" in client.get("/").content.decode()


def check_staff_login(client) -> None:
    assert client.login(username="edu_editor", password="Demo-Staff-2026")
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert client.login(username="admin", password="Demo-Admin-2026")


@pytest.fixture
def queued_tasks(settings):
    """Leave search and reference indexing queued instead of running it inline, which keeps this test fast."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db
def test_seed_demo_scaled_idempotent_and_renders(client, queued_tasks):
    output = seed()
    assert "office_editor" in output
    first = counts()
    check_structure()
    check_scaled(first)
    assert "无（数据已存在）" in seed()
    assert counts() == first
    check_renders(client)
    check_staff_login(client)


@pytest.mark.django_db
def test_seed_demo_refuses_outside_dev_and_test_settings(settings):
    settings.PORTAL_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="PORTAL_DEMO_ALLOWED"):
        seed()
    assert not get_user_model().objects.exists()
    del settings.PORTAL_DEMO_ALLOWED
    with pytest.raises(CommandError, match="只能在开发或测试环境运行"):
        seed()


def test_production_settings_neither_install_nor_allow_the_demo(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "www.example.gov.cn")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://www.example.gov.cn")
    production = runpy.run_module("portal.settings.production")
    assert "portal.demo" not in production["INSTALLED_APPS"]
    assert production["PORTAL_DEMO_ALLOWED"] is False


def test_apps_contribute_their_seed_steps():
    names = [step.name for step in registry.steps()]
    assert names.index("organisations") < names.index("site") < names.index("columns")
    assert names.index("columns") < names.index("directories") < names.index("articles")
    assert registry.steps()[0].func.__module__ == "portal.demo.seed.orgs"
    modules = {step.name: step.func.__module__ for step in registry.steps()}
    assert modules["policies"] == "portal.disclosure.demo" and modules["columns"] == "portal.pages.demo"
