"""Issue 8 for search: withdrawn pages leave the index in the withdrawing transaction, and no
public search parameter can cause a 500 or be reflected unescaped."""

import html as html_lib

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from portal.search.models import Entity, SearchDocument
from portal.search.query import SearchParams, search
from tests import factories
from tests.security.corpus import PAYLOADS, assert_safe, query_string

pytestmark = pytest.mark.django_db


def _found(q: str) -> list[str]:
    return [i.doc.title for i in search(SearchParams(q=q)).items]


def test_unpublish_removes_the_page_inside_the_same_transaction(
    home, publish, django_capture_on_commit_callbacks
):
    page = publish(factories.article(title="内部整改通知草稿"))
    assert _found("整改通知")
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        page.unpublish()
        # before commit, and without any task having run
        assert not SearchDocument.objects.filter(key=f"article:{page.pk}").exists()
        assert _found("整改通知") == []


def test_a_page_saved_as_not_live_leaves_at_once(home, publish, django_capture_on_commit_callbacks):
    page = publish(factories.article(title="临时停水通知"))
    with django_capture_on_commit_callbacks(execute=False):
        page.live = False
        page.save()
    assert _found("停水通知") == []


def test_a_view_restriction_removes_the_section_and_its_graph_entities_at_once(
    home, publish, django_capture_on_commit_callbacks, on_commit
):
    col = publish(factories.column(title="内部资料专栏", column_type="topic"))
    inner = publish(factories.article(parent=col, title="内部资料汇编说明"))
    other = publish(factories.article(title="公开资料汇编说明"))
    assert Entity.objects.filter(key=f"column:{col.pk}").exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        PageViewRestriction.objects.create(page=col, restriction_type=PageViewRestriction.LOGIN)
        assert not SearchDocument.objects.filter(key__in=[f"column:{col.pk}", f"article:{inner.pk}"]).exists()
        assert not Entity.objects.filter(key=f"column:{col.pk}").exists()
    # nothing left for a worker to do (the caches forget the pages when the transaction commits)
    cache_work = ("portal.core.purge", "portal.core.tree_cache")
    assert not [c for c in callbacks if getattr(c, "__module__", "") not in cache_work]
    assert _found("资料汇编") == [other.title]
    # lifting the restriction brings the pages back (through the usual tasks)
    on_commit(lambda: PageViewRestriction.objects.filter(page=col).delete())
    # graded matching also lists the column itself (it shares 资料 with the query), after them
    assert _found("资料汇编")[:2] == [inner.title, other.title] or _found("资料汇编")[:2] == [
        other.title,
        inner.title,
    ]


def test_moving_a_page_under_a_restricted_section_removes_it_at_once(
    home, publish, django_capture_on_commit_callbacks
):
    private = publish(factories.column(title="内部栏目"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page = publish(factories.article(title="待移动的会议纪要"))
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        page.move(private, pos="last-child")
        assert _found("会议纪要") == []


PARAMETERS = ["q", "page", "org", "from", "to", "type", "sort", "validity"]
ENDPOINTS = ["/search/", "/en/search/"]


@pytest.fixture
def indexed(home, publish):
    publish(factories.article(title="社保卡申领 <b>说明</b>"))
    publish(factories.policy_document(title="养老服务补贴办法"))


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: repr(p[:20]))
def test_search_page_never_500s_nor_reflects(client, indexed, payload):
    for parameter in PARAMETERS:
        params = {"q": "社保", parameter: payload} if parameter != "q" else {"q": payload}
        for endpoint in ENDPOINTS:
            assert_safe(client.get(f"{endpoint}?{query_string(params)}"), payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: repr(p[:20]))
def test_other_search_endpoints_never_500(client, indexed, payload):
    qs = query_string
    for url in (
        f"/search/autocomplete/?{qs({'q': payload})}",
        f"/search/hot/?{qs({'q': payload})}",
        f"/search/click/?{qs({'u': payload, 'l': payload, 'p': payload})}",
        f"/search/click/?{qs({'u': '/ok/', 'l': payload, 'p': payload})}",
        f"/search/api/graph/?{qs({'q': payload})}",
        f"/search/api/graph/?{qs({'subject': payload, 'object': payload})}",
        f"/search/api/graph/?{qs({'predicate': payload})}",
        f"/search/graph.jsonld?{qs({'kind': payload})}",
    ):
        response = client.get(url)
        assert_safe(response, payload)
        if url.startswith("/search/autocomplete/"):
            assert response["Content-Type"] == "application/json"
    from urllib.parse import quote

    key = quote(payload.encode("utf-8", "surrogatepass"), safe="")
    assert_safe(client.get(f"/search/entity/{key}/"), payload)


def test_huge_page_numbers_are_bounded(client, indexed):
    for page in ("99999999999999999999", "-1", "0", "abc", "100000"):
        response = client.get("/search/", {"q": "社保", "page": page})
        assert response.status_code == 200


def test_admin_search_bounds_its_parameters(admin_client, indexed):
    query = query_string({"q": "社保\x00", "page": "9" * 30})
    response = admin_client.get(f"/admin/search-chinese/?{query}")
    assert response.status_code == 200


def test_the_query_is_escaped_where_it_is_echoed(client, indexed):
    payload = '"><script>alert(1)</script>'
    body = client.get("/search/", {"q": payload}).content.decode()
    assert payload not in body and html_lib.escape(payload, quote=True)[:20] in body
