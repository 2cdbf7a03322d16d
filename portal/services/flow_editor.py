"""The structured editor of a scenario flow (一件事) in the admin.

Storage stays JSON (``ScenarioFlow.definition`` and ``examples``, see :mod:`.flows`); the edit
form shows it with Wagtail's block widgets (the same as a StreamField) — questions with their
options, the items each option selects chosen from the service guides, regression examples — and
turns what was posted back into the same JSON. Problems found by :func:`flows.validate` carry
where they are, so each error is shown at the question, option or item at fault; what was typed
stays in the form.

The first question is where the flow starts (a stored flow starting elsewhere is shown with its
start question first). ``kind`` (单选题 / 是否题) is an editing aid only and is not stored: a
question whose options are ``yes`` and ``no`` is shown as 是否题.
"""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel
from wagtail.blocks.list_block import ListBlockValidationError, ListValue
from wagtail.blocks.struct_block import StructBlockValidationError, StructValue

from . import diagram, flows, services
from .models import ScenarioFlow, ServiceItemPage

KEYS_LIST = "flow-question-keys"
VALUES_LIST = "flow-option-values"
KEY_PATTERN = r"^[\w-]+$"


def item_choices() -> list:
    """Every service guide with a code, grouped by organisation; codes used by a stored flow but
    naming no guide are kept (marked) so that opening such a flow loses nothing."""
    groups: dict[str, list] = defaultdict(list)
    known = set()
    rows = (
        ServiceItemPage.objects.exclude(code="")
        .select_related("owner_organisation")
        .order_by("code", "pk")
        .only("code", "title", "live", "owner_organisation__name")
    )
    for page in rows:
        if page.code in known:
            continue
        known.add(page.code)
        label = f"{page.code} {page.title}"
        if not page.live:
            label += _("（未发布）")
        org = page.owner_organisation.name if page.owner_organisation else _("未指定机构")
        groups[org].append((page.code, label))
    missing = sorted(_stored_codes() - known)
    choices = [(org, groups[org]) for org in sorted(groups)]
    if missing:
        choices.append(
            (_("找不到的事项"), [(code, _("%(code)s（事项不存在）") % {"code": code}) for code in missing])
        )
    return choices


def _stored_codes() -> set[str]:
    codes: set[str] = set()
    for definition, examples in ScenarioFlow.objects.values_list("definition", "examples"):
        flow = flows.parse(definition)
        if flow is not None:
            codes |= flow.item_codes()
        for example in examples if isinstance(examples, list) else []:
            if isinstance(example, dict) and isinstance(example.get("items"), list):
                codes.update(str(c) for c in example["items"])
    return codes


class ItemField(forms.ChoiceField):
    def valid_value(self, value):
        return True  # whether the code names a live guide is the flow check's (at its place)


class ItemChoiceBlock(blocks.ChoiceBlock):
    """A service item chosen from the guides (stored as its 事项编码)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("事项"))
        super().__init__(choices=item_choices, **kwargs)

    def get_field(self, **kwargs):
        return ItemField(**kwargs)

    def to_python(self, value):
        return "" if value is None else str(value)  # no query per value

    class Meta:
        icon = "doc-full"


class ListInputBlock(blocks.FieldBlock):
    """A text input offering a browser-side list (问题标识 or 选项取值) as suggestions."""

    def __init__(self, list_id: str, required=True, help_text=None, **kwargs):
        validators = [_key_validator()]
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=60,
            validators=validators,
            widget=forms.TextInput(attrs={"list": list_id, "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        return []


def _key_validator():
    from django.core.validators import RegexValidator

    return RegexValidator(KEY_PATTERN, gettext_lazy("只能使用字母、数字、汉字、下划线或连字符，不含空格。"))


class OptionBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=gettext_lazy("取值"),
        max_length=60,
        validators=[_key_validator()],
        help_text=gettext_lazy("用于网址和回归样例，如 yes、small；同一问题内不可重复。"),
    )
    label = blocks.CharBlock(label=gettext_lazy("选项文字"), max_length=100)
    next = ListInputBlock(
        KEYS_LIST,
        required=False,
        label=gettext_lazy("下一个问题"),
        help_text=gettext_lazy("填写后续问题的标识；留空表示选择此项后流程结束、生成办理方案。"),
    )
    items = blocks.ListBlock(
        ItemChoiceBlock(),
        default=[],
        label=gettext_lazy("选中的事项"),
        help_text=gettext_lazy("选择此项时加入办理方案的事项。"),
    )

    class Meta:
        label = gettext_lazy("选项")
        icon = "radio-full"


YES_NO = [{"value": "yes", "label": "是"}, {"value": "no", "label": "否"}]


class QuestionBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        label=gettext_lazy("问题标识"),
        max_length=60,
        validators=[_key_validator()],
        help_text=gettext_lazy("英文或拼音，如 area、alcohol；选项的“下一个问题”和回归样例用它指称本问题。"),
    )
    kind = blocks.ChoiceBlock(
        label=gettext_lazy("题型"),
        choices=[("choice", gettext_lazy("单选题")), ("yesno", gettext_lazy("是否题"))],
        default="yesno",
        help_text=gettext_lazy("是否题的选项取值为 yes（是）和 no（否）；选项留空时自动生成。"),
    )
    text = blocks.CharBlock(label=gettext_lazy("问题"), max_length=200)
    help = blocks.CharBlock(label=gettext_lazy("帮助说明"), max_length=300, required=False)
    options = blocks.ListBlock(OptionBlock(), default=YES_NO, label=gettext_lazy("选项"))

    class Meta:
        label = gettext_lazy("问题")
        icon = "help"


class FlowBlock(blocks.StructBlock):
    always = blocks.ListBlock(
        ItemChoiceBlock(),
        default=[],
        label=gettext_lazy("必办事项"),
        help_text=gettext_lazy("无论如何回答，办理方案都包含的事项。"),
    )
    questions = blocks.ListBlock(
        QuestionBlock(),
        min_num=1,
        label=gettext_lazy("问题"),
        help_text=gettext_lazy("第一个问题为起始问题；可拖动调整顺序。"),
    )


class AnswerBlock(blocks.StructBlock):
    question = ListInputBlock(KEYS_LIST, label=gettext_lazy("问题标识"))
    answer = ListInputBlock(VALUES_LIST, label=gettext_lazy("选项取值"))

    class Meta:
        label = gettext_lazy("回答")


class ExampleBlock(blocks.StructBlock):
    answers = blocks.ListBlock(AnswerBlock(), label=gettext_lazy("回答"))
    items = blocks.ListBlock(ItemChoiceBlock(), default=[], label=gettext_lazy("应选中的事项"))

    class Meta:
        label = gettext_lazy("回归样例")
        icon = "tick"


DEFINITION_BLOCK = FlowBlock()
DEFINITION_BLOCK.set_name("definition")
EXAMPLES_BLOCK = blocks.ListBlock(ExampleBlock(), default=[])
EXAMPLES_BLOCK.set_name("examples")


# JSON <-> block values -----------------------------------------------------------------------


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _codes(value) -> list[str]:
    return [str(c) for c in _list(value)]


def definition_to_value(definition) -> StructValue:
    """The stored JSON as the editor's value (start question first, 题型 inferred)."""
    definition = definition if isinstance(definition, dict) else {}
    questions = [q for q in _list(definition.get("questions")) if isinstance(q, dict)]
    start = definition.get("start")
    questions.sort(key=lambda q: q.get("key") != start)  # stable: only the start moves
    raw = {
        "always": _codes(definition.get("always")),
        "questions": [
            {
                "key": str(q.get("key", "")),
                "kind": "yesno" if [str(o.get("value")) for o in _options(q)] == ["yes", "no"] else "choice",
                "text": str(q.get("text", "")),
                "help": str(q.get("help", "")),
                "options": [
                    {
                        "value": str(o.get("value", "")),
                        "label": str(o.get("label", "")),
                        "next": str(o.get("next") or ""),
                        "items": _codes(o.get("items")),
                    }
                    for o in _options(q)
                ],
            }
            for q in questions
        ],
    }
    return DEFINITION_BLOCK.to_python(raw)


def _options(question: dict) -> list[dict]:
    return [o for o in _list(question.get("options")) if isinstance(o, dict)]


def value_to_definition(value) -> dict:
    """The editor's value as the stored JSON (keys left out when empty, as the demo writes them)."""
    questions = []
    for q in value["questions"]:
        options = []
        for o in q["options"]:
            option = {"value": o["value"].strip(), "label": o["label"].strip()}
            if list(o["items"]):
                option["items"] = list(dict.fromkeys(o["items"]))
            if (o["next"] or "").strip():
                option["next"] = o["next"].strip()
            options.append(option)
        question = {"key": q["key"].strip(), "text": q["text"].strip()}
        if (q["help"] or "").strip():
            question["help"] = q["help"].strip()
        if q["kind"] == "yesno" and not options:
            options = [dict(o) for o in YES_NO]
        question["options"] = options
        questions.append(question)
    return {
        "start": questions[0]["key"] if questions else "",
        "always": list(dict.fromkeys(value["always"])),
        "questions": questions,
    }


def examples_to_value(examples) -> ListValue:
    raw = [
        {
            "answers": [
                {"question": str(k), "answer": str(v)}
                for k, v in (e.get("answers") if isinstance(e.get("answers"), dict) else {}).items()
            ],
            "items": _codes(e.get("items")),
        }
        for e in _list(examples)
        if isinstance(e, dict)
    ]
    return EXAMPLES_BLOCK.to_python(raw)


def value_to_examples(value) -> list[dict]:
    return [
        {
            "answers": {a["question"].strip(): a["answer"].strip() for a in e["answers"]},
            "items": list(e["items"]),
        }
        for e in value
    ]


# Errors at the place they belong ---------------------------------------------------------------


def located_error(block, problems: list[tuple[tuple, str]]) -> ValidationError:
    """Nest ``(where, message)`` pairs into the block errors Wagtail shows at each field."""
    own = [message for where, message in problems if not where]
    below: dict = defaultdict(list)
    for where, message in problems:
        if where:
            below[where[0]].append((where[1:], message))
    if isinstance(block, blocks.StructBlock):
        errors = {
            k: located_error(block.child_blocks[k], v) for k, v in below.items() if k in block.child_blocks
        }
        own += [m for k, v in below.items() if k not in block.child_blocks for _w, m in v]
        return StructBlockValidationError(block_errors=errors, non_block_errors=own)
    if isinstance(block, blocks.ListBlock):
        errors = {k: located_error(block.child_block, v) for k, v in below.items() if isinstance(k, int)}
        own += [m for k, v in below.items() if not isinstance(k, int) for _w, m in v]
        return ListBlockValidationError(block_errors=errors, non_block_errors=own)
    return ValidationError(own + [m for v in below.values() for _w, m in v])


def _pairs(problems: list[flows.Problem]) -> list[tuple[tuple, str]]:
    return [(where, p.message) for p in problems for where in p.where]


class FlowDefinitionField(forms.Field):
    """The questions as block widgets; cleans to the stored JSON."""

    block = DEFINITION_BLOCK

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", blocks.BlockWidget(self.block))
        super().__init__(**kwargs)
        self.kinds: list[str] = []

    def to_value(self, value):
        return definition_to_value(value)

    def to_json(self, value):
        return value_to_definition(value)

    def prepare_value(self, value):
        if isinstance(value, StructValue | ListValue):
            return value
        return self.to_value(value)

    def clean(self, value):
        cleaned = self.block.clean(value)
        self.kinds = [q["kind"] for q in cleaned["questions"]] if isinstance(cleaned, StructValue) else []
        return self.to_json(cleaned)

    def has_changed(self, initial, data):
        try:
            return self.to_json(self.prepare_value(initial)) != self.to_json(data)
        except (KeyError, TypeError, AttributeError):
            return True


class FlowExamplesField(FlowDefinitionField):
    block = EXAMPLES_BLOCK

    def to_value(self, value):
        return examples_to_value(value)

    def to_json(self, value):
        return value_to_examples(value)


class FlowAdminForm(WagtailAdminModelForm):
    """The flow's edit form: validated as a whole on save, errors shown where they are."""

    definition = FlowDefinitionField(label=gettext_lazy("问题流程"))
    examples = FlowExamplesField(
        label=gettext_lazy("回归样例"),
        required=False,
        help_text=gettext_lazy("每个样例给出一组完整的回答和应选中的事项（含必办事项），保存时逐一核对。"),
    )

    class Media:
        js = ["services/admin/flow_editor.js"]

    def clean(self):
        cleaned = super().clean()
        definition = cleaned.get("definition")
        if definition is None:
            return cleaned
        problems = _kind_problems(definition, self.fields["definition"].kinds)
        flow = None
        try:
            flow = flows.validate(definition, services.live_item_codes())
        except flows.FlowError as error:
            problems += _pairs(error.problems)
        if problems:
            summary = [
                _("问题流程未通过校验：%(message)s") % {"message": m}
                for m in dict.fromkeys(m for _w, m in problems)
            ]
            self.add_error("definition", located_error(DEFINITION_BLOCK, problems))
            self.add_error(None, summary)
            return cleaned
        self.flow = flow
        self.flow_definition = definition
        examples = cleaned.get("examples")
        if examples is not None:
            example_problems = _pairs(flows.example_problems(flow, examples))
            if example_problems:
                self.add_error("examples", located_error(EXAMPLES_BLOCK, example_problems))
                self.add_error(
                    None, [_("回归样例未通过：%(message)s") % {"message": m} for _w, m in example_problems]
                )
        return cleaned

    def _update_errors(self, errors):
        """``ScenarioFlow.clean`` checks again what was saved before when the posted flow is
        already refused here; those messages would only confuse."""
        if hasattr(errors, "error_dict"):
            for name in ("definition", "examples"):
                if self.has_error(name) or self.has_error(None):
                    errors.error_dict.pop(name, None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)


def _kind_problems(definition: dict, kinds: list[str]) -> list[tuple[tuple, str]]:
    problems = []
    for n, (question, kind) in enumerate(zip(definition["questions"], kinds, strict=False)):
        if kind == "yesno" and sorted(o["value"] for o in question["options"]) != ["no", "yes"]:
            problems.append(
                (
                    ("questions", n, "options"),
                    _(
                        "问题“%(key)s”是是否题，选项取值应为 yes（是）和 no（否）各一个；其他选项请改为单选题。"
                    )
                    % {"key": question["key"]},
                )
            )
    return problems


class FlowDiagramPanel(Panel):
    """The flow drawn as on the diagram page, above the editor (the last saved or the valid
    posted flow), with the question keys and option values the editor's inputs suggest."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "services/admin/flow_diagram_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            definition = getattr(self.form, "flow_definition", None) or self.instance.definition
            svg, flow = "", None
            try:
                flow = flows.validate(definition)
                svg = diagram.flow_svg(flow)
            except flows.FlowError:
                pass
            context.update(
                {
                    "svg": svg,
                    "flow": flow,
                    "keys_list": KEYS_LIST,
                    "values_list": VALUES_LIST,
                    "keys": list(flow.questions.values()) if flow else [],
                }
            )
            return context
