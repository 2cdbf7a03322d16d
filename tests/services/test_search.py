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
