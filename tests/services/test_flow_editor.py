"""The structured scenario-flow editor in the admin: create, refuse with errors where they are,
round-trip every demo flow unchanged."""

import html
import json
import re

import pytest
import yaml
from django.urls import reverse
from wagtail import blocks

from portal.services import flow_editor, flows, services
from portal.services.models import ScenarioFlow

from .conftest import RESTAURANT, guide

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_services_scenarioflow:add"
EDIT = "wagtailsnippets_services_scenarioflow:edit"


def block_data(prefix, block, value) -> dict:
    """What the block widgets post for ``value`` (as the browser would)."""
    data = {}
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            data.update(block_data(f"{prefix}-{name}", child, value[name]))
    elif isinstance(block, blocks.ListBlock):
        items = list(value)
        data[f"{prefix}-count"] = str(len(items))
        for i, item in enumerate(items):
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": ""})
            data.update(block_data(f"{prefix}-{i}-value", block.child_block, item))
    else:
        data[prefix] = "" if value is None else value
    return data


def form_data(definition, examples, **fields) -> dict:
    data = {"title": "我要开餐馆", "slug": "canguan", "description": "", "audience": "legal", "live": "on"}
    data.update({"sort_order": "100", "organisation": ""}, **fields)
    data.update(
        block_data("definition", flow_editor.DEFINITION_BLOCK, flow_editor.definition_to_value(definition))
    )
    data.update(block_data("examples", flow_editor.EXAMPLES_BLOCK, flow_editor.examples_to_value(examples)))
    return data


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.gov.cn", "x"))
    return client


EXAMPLES = [{"answers": {"area": "large", "alcohol": "yes"}, "items": ["SC-001", "XF-001", "SW-001"]}]


def test_edit_screen_is_structured_chinese_and_draws_the_flow(admin_client, hall):
    page = _text(admin_client.get(reverse(EDIT, args=[hall.flow.pk])))
    assert "问题标识" in page and "下一个问题" in page and "选中的事项" in page and "应选中的事项" in page
    assert "SC-001 营业执照办理" in page  # items are chosen from the guides, not typed
    assert "经营面积？" in page and "50平方米以下" in page  # the stored flow is in the editor
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram"' in page
    assert 'id="flow-question-keys"' in page and "services/admin/flow_editor.js" in page
    assert 'name="definition"' not in page  # no JSON textarea
    assert admin_client.get(reverse(ADD)).status_code == 200


def test_create_a_flow_through_the_structured_form(admin_client, hall):
    response = admin_client.post(reverse(ADD), form_data(RESTAURANT, EXAMPLES))
    assert response.status_code == 302, response.content.decode()[:3000]
    flow = ScenarioFlow.objects.get(slug="canguan")
    assert flow.definition == RESTAURANT
    assert flow.examples == EXAMPLES
    parsed = flows.validate(flow.definition, services.live_item_codes())
    assert flows.check_examples(parsed, flow.examples) == []


def _text(response) -> str:
    """The page with the block widgets' JSON (definitions, values, errors) decoded."""
    page = response.content.decode()
    decoded = [
        json.dumps(json.loads(html.unescape(raw)), ensure_ascii=False)
        for raw in re.findall(r'data-w-block-(?:data|arguments)-value="([^"]*)"', page)
    ]
    return page + "".join(decoded)


def test_dead_end_is_refused_at_the_question_and_what_was_typed_is_kept(admin_client, hall):
    definition = {
        **RESTAURANT,
        "questions": [
            RESTAURANT["questions"][0],
            {
                "key": "alcohol",
                "text": "是否销售酒类？",
                "options": [{"value": "maybe", "label": "再想想", "items": ["SW-001"]}],
            },
        ],
    }
    response = admin_client.post(reverse(ADD), form_data(definition, []))
    assert response.status_code == 200
    assert not ScenarioFlow.objects.filter(slug="canguan").exists()
    form = response.context["form"]
    error = form.errors.as_data()["definition"][0]
    # questions → 2nd question → its options: the dead end sits there
    question = error.block_errors["questions"].block_errors[1]
    assert "死胡同" in " ".join(question.block_errors["options"].non_block_errors.as_data()[0].messages)
    assert 0 not in error.block_errors["questions"].block_errors
    page = _text(response)
    assert "死胡同" in page and "再想想" in page  # typed text kept in the widgets' state
    assert "问题流程未通过校验" in page


def test_a_missing_next_question_and_a_wrong_example_point_at_the_option(admin_client, hall):
    definition = {
        **RESTAURANT,
        "questions": [
            {
                **RESTAURANT["questions"][0],
                "options": [
                    RESTAURANT["questions"][0]["options"][0],
                    {"value": "large", "label": "大", "next": "nowhere"},
                ],
            },
            RESTAURANT["questions"][1],
        ],
    }
    response = admin_client.post(reverse(ADD), form_data(definition, []))
    error = response.context["form"].errors.as_data()["definition"][0]
    option = error.block_errors["questions"].block_errors[0].block_errors["options"].block_errors[1]
    assert "不存在的问题“nowhere”" in option.block_errors["next"].messages[0]

    wrong = [{"answers": {"area": "small", "alcohol": "no"}, "items": ["SC-001", "XF-001"]}]
    response = admin_client.post(reverse(ADD), form_data(RESTAURANT, wrong))
    error = response.context["form"].errors.as_data()["examples"][0]
    assert "实际为 SC-001" in error.block_errors[0].block_errors["items"].non_block_errors[0]


def test_a_non_live_item_is_refused_where_it_is_chosen(admin_client, hall):
    hall.alcohol.unpublish()
    response = admin_client.post(reverse(ADD), form_data(RESTAURANT, []))
    error = response.context["form"].errors.as_data()["definition"][0]
    option = error.block_errors["questions"].block_errors[1].block_errors["options"].block_errors[0]
    assert "SW-001" in option.block_errors["items"].block_errors[0].messages[0]
    assert "SW-001 酒类商品零售许可（未发布）" in _text(response)


def test_a_cycle_and_a_yes_no_question_with_other_options(admin_client, hall):
    cyclic = {
        **RESTAURANT,
        "questions": [
            RESTAURANT["questions"][0],
            {
                **RESTAURANT["questions"][1],
                "options": [
                    RESTAURANT["questions"][1]["options"][0],
                    {"value": "no", "label": "否", "next": "area"},
                ],
            },
        ],
    }
    response = admin_client.post(reverse(ADD), form_data(cyclic, []))
    error = response.context["form"].errors.as_data()["definition"][0]
    option = error.block_errors["questions"].block_errors[1].block_errors["options"].block_errors[1]
    assert "循环" in option.block_errors["next"].messages[0]

    data = form_data(RESTAURANT, [])
    assert data["definition-questions-1-value-kind"] == "yesno"
    data["definition-questions-1-value-options-1-value-value"] = "maybe"
    response = admin_client.post(reverse(ADD), data)
    error = response.context["form"].errors.as_data()["definition"][0]
    assert (
        "是否题"
        in error.block_errors["questions"].block_errors[1].block_errors["options"].non_block_errors[0]
    )


def test_yes_no_question_without_options_gets_them():
    value = flow_editor.definition_to_value(RESTAURANT)
    value["questions"][1]["options"] = (
        flow_editor.DEFINITION_BLOCK.child_blocks["questions"]
        .child_block.child_blocks["options"]
        .to_python([])
    )
    definition = flow_editor.value_to_definition(value)
    assert [o["value"] for o in definition["questions"][1]["options"]] == ["yes", "no"]


def test_start_question_is_shown_first():
    moved = {**RESTAURANT, "start": "alcohol"}
    value = flow_editor.definition_to_value(moved)
    assert [q["key"] for q in value["questions"]] == ["alcohol", "area"]


def test_located_errors_without_a_place_go_to_the_top():
    error = flow_editor.located_error(
        flow_editor.DEFINITION_BLOCK, [(("start",), "起始问题不存在"), ((), "整体")]
    )
    assert [e.messages[0] for e in error.non_block_errors.as_data()] == ["整体", "起始问题不存在"]


def _demo_specs():
    with open("portal/services/data/flows.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_every_demo_flow_round_trips_through_the_editor_unchanged(admin_client, hall):
    specs = _demo_specs()
    assert len(specs) >= 8
    codes = set()
    for spec in specs:
        codes |= set(spec.get("always", []))
        for q in spec["questions"]:
            for o in q["options"]:
                codes |= set(o.get("items", []))
    existing = {"SC-001", "XF-001", "SW-001"}
    for code in sorted(codes - existing):
        guide(hall.column, f"事项{code}", code, hall.market, complete=False)
    for n, spec in enumerate(specs):
        flow = ScenarioFlow.objects.create(
            slug=spec["slug"],
            title=spec["title"],
            audience=spec["audience"],
            description=spec["description"],
            definition={
                "start": spec["questions"][0]["key"],
                "always": spec.get("always", []),
                "questions": spec["questions"],
            },
            examples=spec["examples"],
            sort_order=n,
        )
        live = services.live_item_codes()
        before = flows.validate(flow.definition, live)
        results_before = [flows.evaluate(before, e["answers"]).items for e in flow.examples]
        data = form_data(
            flow.definition, flow.examples, title=flow.title, slug=flow.slug, audience=flow.audience
        )
        data["description"] = flow.description
        data["sort_order"] = str(n)
        response = admin_client.post(reverse(EDIT, args=[flow.pk]), data)
        assert response.status_code == 302, (
            spec["slug"],
            re.findall(r"error-message[^<]*<[^>]*>([^<]*)", response.content.decode()),
        )
        stored = ScenarioFlow.objects.get(pk=flow.pk)
        assert stored.definition == flow.definition, spec["slug"]
        assert stored.examples == flow.examples, spec["slug"]
        after = flows.validate(stored.definition, live)
        assert [flows.evaluate(after, e["answers"]).items for e in stored.examples] == results_before
        assert flows.check_examples(after, stored.examples) == []


def test_item_choices_mark_unpublished_and_keep_codes_naming_no_guide(hall):
    hall.alcohol.unpublish()
    broken = {
        "questions": [
            {"key": "a", "text": "？", "options": [{"value": "x", "label": "x", "items": ["GONE-1"]}]}
        ]
    }
    ScenarioFlow.objects.create(
        slug="gone", title="旧流程", definition=broken, examples=[{"answers": {}, "items": ["GONE-2"]}]
    )
    ScenarioFlow.objects.create(slug="junk", title="坏数据", definition={"questions": "x"}, examples="x")
    choices = dict(
        (value, label) for _group, entries in flow_editor.item_choices() for value, label in entries
    )
    assert choices["SC-001"] == "SC-001 营业执照办理"
    assert choices["SW-001"] == "SW-001 酒类商品零售许可（未发布）"
    assert choices["GONE-1"] == "GONE-1（事项不存在）" and choices["GONE-2"] == "GONE-2（事项不存在）"


def test_unchanged_form_is_not_changed():
    field = flow_editor.FlowDefinitionField()
    assert not field.has_changed(RESTAURANT, flow_editor.definition_to_value(RESTAURANT))
    value = flow_editor.definition_to_value(RESTAURANT)
    value["questions"][0]["text"] = "面积？"
    assert field.has_changed(RESTAURANT, value)
    assert field.has_changed(RESTAURANT, None)
    examples = flow_editor.FlowExamplesField()
    assert not examples.has_changed(EXAMPLES, flow_editor.examples_to_value(EXAMPLES))


def test_malformed_stored_json_opens_without_crashing(admin_client, hall):
    cyclic = {
        "start": "a",
        "questions": [
            {"key": "a", "text": "甲", "options": [{"value": "x", "label": "x", "next": "a"}, 5]},
            1,
        ],
    }
    flow = ScenarioFlow.objects.create(
        slug="loop", title="循环", definition=cyclic, examples=[{"answers": 1}, 2]
    )
    page = _text(admin_client.get(reverse(EDIT, args=[flow.pk])))
    assert "当前保存的流程无法绘制" in page and "甲" in page
    assert "保存后在此显示流程图" in _text(admin_client.get(reverse(ADD)))
