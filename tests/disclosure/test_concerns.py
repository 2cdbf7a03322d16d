"""The public-concern catalogue: topics ordered by weight plus search demand, linking indexed
content (pinned and found through the search index), with a page and a home-page block."""

import io

from django.core.management import call_command

from portal.disclosure.models import ConcernLink, ConcernTopic
from portal.disclosure.services import ranked_topics
from portal.search.models import QueryLog, SearchDocument
from tests import factories

from .conftest import add_concern_page


def _searched(text, times):
    for i in range(times):
        QueryLog.objects.create(query=text, normalised=text, result_count=3, visitor=f"v{i}")


def test_topics_are_ordered_by_weight_plus_search_demand(db):
    quiet = ConcernTopic.objects.create(title="学前教育入园", slug="youer", keywords="学前教育", weight=10)
    asked = ConcernTopic.objects.create(
        title="养老服务补贴", slug="yanglao", keywords="养老服务,高龄津贴", weight=5
    )
    ConcernTopic.objects.create(title="未公开", slug="hidden", keywords="x", weight=99, live=False)
    assert [t for t, _ in ranked_topics()] == [quiet, asked]
    _searched("养老服务补贴怎么申请", 4)
    _searched("高龄津贴", 3)
    assert [(t, d) for t, d in ranked_topics()] == [(asked, 7), (quiet, 0)]
    quiet.weight = 20
    quiet.save()
    assert ranked_topics()[0][0] == quiet


def test_a_topic_links_pinned_and_found_content_through_the_index(client, tree):
    page = add_concern_page(tree.zwgk)
    pinned = factories.policy_document(
        tree.policies, title="关于调整城乡居民最低生活保障标准的通知", owner_organisation=tree.dept
    )
    found = factories.policy_document(
        tree.policies, title="养老服务补贴发放办法", owner_organisation=tree.dept
    )
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert SearchDocument.objects.filter(key=f"policy:{pinned.pk}").exists()
    topic = ConcernTopic.objects.create(title="养老与救助", slug="yanglao", keywords="养老服务", weight=5)
    ConcernLink.objects.create(topic=topic, key=f"policy:{pinned.pk}")
    ConcernLink.objects.create(topic=topic, key="policy:999999")  # gone from the index: skipped
    keys = [item["key"] for item in topic.linked_items()]
    assert keys[0] == f"policy:{pinned.pk}" and f"policy:{found.pk}" in keys
    html = client.get(f"{page.url}yanglao/").content.decode()
    assert pinned.title in html and found.title in html and "政策文件" in html
    index = client.get(page.url).content.decode()
    assert "养老与救助" in index
    assert client.get(f"{page.url}nothing/").status_code == 404


def test_the_home_page_shows_the_top_topics(client, tree):
    add_concern_page(tree.zwgk)
    ConcernTopic.objects.create(title="老旧小区改造", slug="laojiu", keywords="老旧小区", weight=5)
    html = client.get(tree.home.url).content.decode()
    assert "群众关切" in html and "老旧小区改造" in html
