"""Knowledge graph: relations built from content, kept current on publish, pages, JSON-LD, API."""

import json

import pytest

from portal.core.models import Leader
from portal.search import graph
from portal.search.models import Entity, Relation
from tests import factories

pytestmark = pytest.mark.django_db


def _triples():
    return {
        (r.subject.key.split(":")[0] + ":" + r.subject.name, r.predicate, r.object.name)
        for r in Relation.objects.select_related("subject", "object")
    }


@pytest.fixture
def graph_content(home, publish, on_commit):
    org = on_commit(factories.organisation, name="示范区住房和城乡建设局", short_name="区住建局")
    on_commit(Leader.objects.create, organisation=org, name="王建华", slug="wang", title="局长")
    col = publish(factories.column(title="住房保障", keywords="住房,保障房", owner_organisation=org))
    new = publish(
        factories.policy_document(
            parent=col, title="公租房管理办法", owner_organisation=org, topic="城乡建设、环境保护"
        )
    )
    old = factories.policy_document(
        parent=col, title="公租房管理暂行办法", owner_organisation=org, validity="repealed"
    )
    old.replaced_by = new
    publish(old)
    return org, col, new, old


def test_relations_are_built(graph_content):
    triples = _triples()
    assert ("policy:公租房管理办法", "issued_by", "示范区住房和城乡建设局") in triples
    assert ("policy:公租房管理办法", "replaces", "公租房管理暂行办法") in triples
    assert ("organisation:示范区住房和城乡建设局", "responsible_for", "住房保障") in triples
    assert ("leader:王建华", "belongs_to", "示范区住房和城乡建设局") in triples
    assert ("organisation:示范区住房和城乡建设局", "belongs_to", "示范区人民政府") in triples
    assert ("column:住房保障", "concerns_topic", "保障房") in triples
    assert ("policy:公租房管理办法", "concerns_topic", "城乡建设、环境保护") in triples


def test_graph_updates_on_publish_and_unpublish(graph_content, publish, unpublish):
    org, col, new, old = graph_content
    newer = publish(
        factories.policy_document(parent=col, title="公租房管理办法（修订）", owner_organisation=org)
    )
    old.replaced_by = newer
    publish(old)
    triples = _triples()
    assert ("policy:公租房管理办法（修订）", "replaces", "公租房管理暂行办法") in triples
    assert ("policy:公租房管理办法", "replaces", "公租房管理暂行办法") not in triples
    unpublish(new)
    assert not Entity.objects.filter(key=f"policy:{new.pk}").exists()
    assert not any(t[0] == "policy:公租房管理办法" for t in _triples())


def test_entity_page_shows_neighbourhood_and_jsonld(client, graph_content):
    org = graph_content[0]
    response = client.get(f"/search/entity/organisation:{org.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "负责" in html and "住房保障" in html and "王建华" in html and "隶属于" in html
    assert '<script type="application/ld+json">' in html and "GovernmentOrganization" in html


def test_jsonld_export(client, graph_content):
    data = json.loads(client.get("/search/graph.jsonld").content)
    assert data["@context"] == "https://schema.org"
    policy = next(n for n in data["@graph"] if n["name"] == "公租房管理办法")
    assert policy["@type"] == "Legislation"
    assert policy["publisher"][0]["name"] == "示范区住房和城乡建设局"
    assert policy["replaces"][0]["name"] == "公租房管理暂行办法"


def test_query_api(client, graph_content):
    org = graph_content[0]
    data = client.get(
        "/search/api/graph/", {"object": f"organisation:{org.pk}", "predicate": "issued_by"}
    ).json()
    assert {t["subject"]["name"] for t in data["triples"]} == {"公租房管理办法", "公租房管理暂行办法"}
    assert client.get("/search/api/graph/", {"predicate": "nonsense"}).status_code == 400
    found = client.get("/search/api/graph/", {"q": "住房和城乡"}).json()["entities"]
    assert found[0]["key"] == f"organisation:{org.pk}"
    assert (
        graph.query(subject=f"organisation:{org.pk}", predicate="responsible_for")[0]["object"]["name"]
        == "住房保障"
    )


def test_answer_card_lists_related_entities_from_the_graph(client, graph_content):
    html = client.get("/search/", {"q": "区住建局"}).content.decode()
    assert "answer-related" in html and "负责 · 住房保障" in html and "王建华" in html


def test_answer_automaton_is_rebuilt_after_the_cache_was_cleared():
    """The graph version is a fresh token: after a cache reset, as many graph changes as before
    must not repeat a version a process still holds an automaton for (ids differ on PostgreSQL)."""
    from django.core.cache import cache

    from portal.search import answers
    from portal.search.registry import EntityData

    graph.upsert(EntityData(key="service_item:901", kind="service_item", name="食品经营许可"))
    assert [e.key for e, _ in answers.recognise("食品经营许可")] == ["service_item:901"]
    cache.clear()
    Entity.objects.all().delete()
    graph.upsert(EntityData(key="service_item:902", kind="service_item", name="食品经营许可"))
    assert [e.key for e, _ in answers.recognise("食品经营许可")] == ["service_item:902"]
    assert graph.graph_version() == graph.graph_version()
