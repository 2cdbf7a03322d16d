"""A service query in /search/ shows the service answer card: 办理材料, 办理地点, 在线办理."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_service_answer_card(client, hall):
    call_command("rebuild_search_index")
    html = client.get("/search/", {"q": "营业执照办理需要什么材料"}).content.decode()
    assert "answer-card--service" in html
    start = html.index('<article class="answer-card answer-card--service"')
    card = html[start : html.index("</article>", start)]
    assert "办理材料" in card and "经营场所证明" in card
    assert "办理地点" in card and "/banshi/ditu/zwfwzx/" in card
    assert 'href="https://zwfw.example.gov.cn/yyzz"' in card and "在线办理" in card
    assert hall.licence.url in card


def test_guides_are_found_in_search_results(client, hall):
    call_command("rebuild_search_index")
    html = client.get("/search/", {"q": "食品经营许可"}).content.decode()
    assert "食品经营许可" in html and hall.food.url in html


def test_guides_contribute_handled_at_edges_to_places(client, hall):
    from portal.search import graph

    call_command("rebuild_search_index")
    triples = {
        (t["subject"]["name"], t["object"]["name"], t["object"]["kind"])
        for t in graph.query(predicate="handled_at")
    }
    assert triples == {("营业执照办理", "示范区政务服务中心", "service_place")}
    html = client.get(f"/search/entity/service_place:{hall.centre.pk}/").content.decode()
    assert "便民服务地点" in html and "营业执照办理" in html and "办理地点" in html


def test_a_place_is_found_with_its_card(client, hall):
    call_command("rebuild_search_index")
    html = client.get("/search/", {"q": "示范区政务服务中心"}).content.decode()
    start = html.index('<article class="answer-card answer-card--place"')
    card = html[start : html.index("</article>", start)]
    assert "/banshi/ditu/zwfwzx/" in card and "示范区政务大道1号" in card
    assert "政务服务中心" in card


def test_renaming_a_place_updates_the_guides_that_name_it(hall, django_capture_on_commit_callbacks):
    from portal.search.models import Entity

    call_command("rebuild_search_index")
    with django_capture_on_commit_callbacks(execute=True):
        hall.centre.name = "示范区市民中心"
        hall.centre.save()
    entity = Entity.objects.get(key=f"service_item:{hall.licence.pk}")
    assert entity.data["places"][0] == {"name": "示范区市民中心", "url": "/banshi/ditu/zwfwzx/"}
    assert Entity.objects.get(key=f"service_place:{hall.centre.pk}").name == "示范区市民中心"
