"""Query budgets per page type, on the demo district at a small scale (``seed_demo``).

Each page is rendered in full — the embedded page cache is off and nothing of the page itself is
kept — after one earlier request has filled what every page shares (site, home page, navigation,
restricted subtrees, site identity; :mod:`portal.core.tree_cache`)."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

BUDGETS = {
    "home": 15,
    "column": 10,
    "article": 10,
    "policy": 12,
    "search": 10,
    "english_home": 15,
}


@pytest.fixture(scope="module")
def demo_urls(django_db_setup, django_db_blocker):
    """The demo district, seeded once for the module and rolled back after it."""
    from portal.disclosure.models import PolicyDocumentPage
    from portal.pages.models import ArticlePage, ColumnPage, HomePage

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", scale=0.05, no_index=True, stdout=io.StringIO())
            zh = HomePage.objects.get(locale__language_code="zh-hans")
            en = HomePage.objects.get(locale__language_code="en")
            column = ColumnPage.objects.live().descendant_of(zh).filter(column_type="news").last()
            article = ArticlePage.objects.live().descendant_of(zh).order_by("-date").first()
            policies = PolicyDocumentPage.objects.live().descendant_of(zh).order_by("-date")
            policy = policies.filter(attachments__isnull=False).first() or policies.first()
            yield {
                "home": zh.url,
                "column": column.url,
                "article": article.url,
                "policy": policy.url,
                "search": "/search/?q=通知",
                "english_home": en.url,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def uncached(settings):
    settings.PORTAL_PAGE_CACHE = False


@pytest.mark.parametrize("kind", BUDGETS)
def test_query_budget(kind, demo_urls, db, client, uncached, django_assert_max_num_queries):
    url = demo_urls[kind]
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGETS[kind]):
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Portal-Cache" not in response, "rendered, not answered from the page cache"


def test_a_traditional_render_costs_no_more(demo_urls, db, client, uncached):
    client.cookies["portal_pref"] = "hant"
    url = demo_urls["article"]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert '<html lang="zh-Hant"' in response.content.decode()
    assert len(queries) <= BUDGETS["article"]
