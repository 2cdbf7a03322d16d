"""Scenario services: validation on save, evaluation, the combined plan and the public pages."""

import copy

import pytest
from django.core.exceptions import ValidationError

from portal.services import flows, services
from portal.services.models import ScenarioFlow

from .conftest import RESTAURANT

pytestmark = pytest.mark.django_db


def _flow(definition, examples=()):
    return ScenarioFlow(slug="t", title="测试", definition=definition, examples=list(examples))


def _messages(definition, live=None):
    with pytest.raises(flows.FlowError) as caught:
        flows.validate(definition, live)
    return " ".join(caught.value.messages)


def test_valid_flow_and_all_paths():
    flow = flows.validate(RESTAURANT, {"SC-001", "XF-001", "SW-001"})
    outcomes = {tuple(sorted(a.items())): o.items for a, o in flows.paths(flow)}
    assert len(outcomes) == 4
    assert outcomes[(("alcohol", "no"), ("area", "small"))] == ["SC-001"]
    assert outcomes[(("alcohol", "yes"), ("area", "large"))] == ["SC-001", "XF-001", "SW-001"]


def test_rejects_dead_end_question():
    definition = copy.deepcopy(RESTAURANT)
    definition["questions"][1]["options"] = [{"value": "yes", "label": "是", "items": ["SW-001"]}]
    assert "死胡同" in _messages(definition)


def test_rejects_cycles():
    definition = copy.deepcopy(RESTAURANT)
    definition["questions"][1]["options"][1]["next"] = "area"
    assert "循环" in _messages(definition) and "area → alcohol → area" in _messages(definition)


def test_rejects_missing_target_unreachable_question_and_empty_result():
    definition = copy.deepcopy(RESTAURANT)
    definition["questions"][0]["options"][0]["next"] = "nowhere"
    assert "不存在的问题“nowhere”" in _messages(definition)
    definition = copy.deepcopy(RESTAURANT)
    definition["questions"].append(
        {
            "key": "orphan",
            "text": "孤立？",
            "options": [{"value": "a", "items": ["SC-001"]}, {"value": "b", "items": ["SC-001"]}],
        }
    )
    assert "无法到达" in _messages(definition)
    definition = copy.deepcopy(RESTAURANT)
    definition["always"] = []
    assert "没有选中任何事项" in _messages(definition)


def test_rejects_items_that_do_not_exist_or_are_not_live(hall):
    assert "事项编码“SW-001”不存在或未发布" not in " ".join(_flow(RESTAURANT).clean() or [])
    hall.alcohol.unpublish()
    with pytest.raises(ValidationError) as caught:
        _flow(RESTAURANT).clean()
    assert "事项编码“SW-001”不存在或未发布" in str(caught.value)


def test_regression_examples_are_checked_on_save(hall):
    bad = [{"answers": {"area": "small", "alcohol": "no"}, "items": ["SC-001", "XF-001"]}]
    with pytest.raises(ValidationError) as caught:
        _flow(RESTAURANT, bad).clean()
    assert "examples" in caught.value.message_dict
    incomplete = [{"answers": {"area": "small"}, "items": ["SC-001"]}]
    with pytest.raises(ValidationError):
        _flow(RESTAURANT, incomplete).clean()
    _flow(RESTAURANT, hall.flow.examples).clean()


def test_malformed_definitions_are_errors_not_crashes():
    for definition in [[], {"questions": "x"}, {"questions": [{"text": "无标识"}]}, {"questions": [1]}]:
        with pytest.raises(flows.FlowError):
            flows.validate(definition)


def test_plan_orders_by_prerequisites_and_deduplicates_materials(hall):
    plan = services.build_plan(["SW-001", "XF-001", "SC-001"])
    assert [i.code for i in plan.items] == ["SW-001", "SC-001", "XF-001"]
    names = [m.name for m in plan.materials]
    # 居民身份证 is asked by all three, 营业执照 by two (one with a stray space): once each.
    assert names.count("居民身份证") == 1
    assert len([n for n in names if n.strip() == "营业执照"]) == 1
    licence = next(m for m in plan.materials if m.name.strip() == "营业执照")
    assert licence.items == ["酒类商品零售许可", "食品经营许可"]
    assert len(plan.materials) == 4
    assert plan.total_promised_days == 15
    assert plan.critical_path_days == 10  # 营业执照 then 食品经营许可; 酒类 in parallel
    assert plan.places == [hall.centre]


def test_step_by_step_without_javascript(client, hall):
    url = f"/banshi/yijianshi/{hall.flow.slug}/"
    first = client.get(url)
    html = first.content.decode()
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    assert "经营面积？" in html and "是否销售酒类？" not in html.split("flow-definition")[0]
    html = client.get(url, {"area": "large"}).content.decode()
    assert 'type="hidden" name="area" value="large"' in html and "是否销售酒类？" in html
    html = client.get(url, {"area": "large", "alcohol": "yes"}).content.decode()
    assert "您的办事清单" in html
    for title in [
        "营业执照办理",
        "食品经营许可",
        "酒类商品零售许可",
        "食品安全管理制度",
        "示范区政务服务中心",
    ]:
        assert title in html
    assert html.count("<td>居民身份证</td>") == 1
    html = client.get(url, {"area": "huge"}).content.decode()
    assert "回答无效" in html


def test_each_demo_flow_passes_its_regression_examples(hall):
    """Every stored flow (the demo's, when seeded) gives its examples' items."""
    for flow in ScenarioFlow.objects.all():
        parsed = flows.validate(flow.definition, services.live_item_codes())
        assert flow.examples, flow.slug
        assert flows.check_examples(parsed, flow.examples) == [], flow.slug


def test_problems_say_where_they_are():
    definition = copy.deepcopy(RESTAURANT)
    definition["questions"].append(copy.deepcopy(definition["questions"][1]))  # duplicate key
    definition["questions"][0]["options"][1]["items"] = "XF-001"  # not a list
    definition["questions"][1]["options"][1]["value"] = "yes"  # duplicate value
    definition["always"] = "SC-001"
    with pytest.raises(flows.FlowError) as caught:
        flows.validate(definition)
    where = {p.message: p.where for p in caught.value.problems}
    assert where["问题标识“alcohol”重复。"] == (("questions", 2, "key"),)
    assert where["问题“area”选项的 items 应为事项编码列表。"] == (("questions", 0, "options", 1, "items"),)
    assert where["问题“alcohol”的选项取值重复。"] == (("questions", 1, "options", 1, "value"),)
    assert where["always 应为事项编码列表。"] == (("always",),)
    with pytest.raises(flows.FlowError) as caught:
        flows.validate(RESTAURANT, {"XF-001"})
    where = {p.message: p.where for p in caught.value.problems}
    assert where["事项编码“SC-001”不存在或未发布。"] == (("always", 0),)
    assert flows.parse([]) is None
