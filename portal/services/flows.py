"""Scenario flows (一件事): validating a question flow and evaluating answers (no database here).

A flow definition is JSON::

    {"start": "area",
     "always": ["SC-0001"],                  # item codes every plan includes (optional)
     "questions": [
       {"key": "area", "text": "经营面积？",
        "options": [
          {"value": "small", "label": "50平方米以下", "items": ["SC-0002"], "next": "alcohol"},
          {"value": "large", "label": "50平方米及以上", "items": ["SC-0003"], "next": "alcohol"}]},
       {"key": "alcohol", "text": "是否销售酒类？",
        "options": [{"value": "yes", "label": "是", "items": ["SW-0001"]},
                    {"value": "no", "label": "否"}]}]}

An option without ``next`` ends the flow (a result). A flow is valid when the start question
exists, every question has at least two options with distinct values, every ``next`` names a
question, no path loops back (no cycles), every question is reachable, every path reaches a
result that selects at least one item, and every item code names a live service item.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

__all__ = [
    "Flow",
    "FlowError",
    "Outcome",
    "Problem",
    "check_examples",
    "evaluate",
    "example_problems",
    "parse",
    "paths",
    "validate",
]

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One problem and where it is in the JSON: ``("questions", 1, "options", 0, "next")``;
    ``()`` is the flow as a whole. A problem may sit in several places (one item code used twice)."""

    message: str
    where: tuple[Where, ...] = ((),)


class FlowError(Exception):
    def __init__(self, problems: list[Problem | str]):
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        self.messages = [p.message for p in self.problems]
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    items: tuple[str, ...]
    next: str | None
    pos: int = field(default=0, compare=False)  # index in the JSON list of options


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help: str
    options: tuple[Option, ...]
    pos: int = field(default=0, compare=False)  # index in the JSON list of questions

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Flow:
    start: str
    questions: dict[str, Question]
    always: tuple[str, ...] = ()

    def item_codes(self) -> set[str]:
        codes = set(self.always)
        for q in self.questions.values():
            for o in q.options:
                codes.update(o.items)
        return codes


@dataclass
class Outcome:
    """Where a set of answers leads: the questions answered, the next one, the items selected."""

    answered: list[tuple[Question, Option]] = field(default_factory=list)
    next_question: Question | None = None
    items: list[str] = field(default_factory=list)
    invalid: str = ""

    @property
    def complete(self) -> bool:
        return self.next_question is None and not self.invalid


def _parse(definition) -> tuple[Flow | None, list[Problem]]:
    errors: list[Problem] = []
    if not isinstance(definition, dict):
        return None, [Problem(_("问题流程应为一个 JSON 对象。"))]
    raw_questions = definition.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        return None, [Problem(_("问题流程至少需要一个问题（questions）。"), (("questions",),))]
    questions: dict[str, Question] = {}
    for n, raw in enumerate(raw_questions, 1):
        at = ("questions", n - 1)
        if not isinstance(raw, dict) or not str(raw.get("key", "")).strip():
            errors.append(Problem(_("第 %(n)s 个问题缺少标识（key）。") % {"n": n}, ((*at, "key"),)))
            continue
        key = str(raw["key"]).strip()
        if key in questions:
            errors.append(Problem(_("问题标识“%(key)s”重复。") % {"key": key}, ((*at, "key"),)))
            continue
        options = []
        raw_options = raw.get("options") or []
        for m, opt in enumerate(raw_options if isinstance(raw_options, list) else [], 1):
            where = (*at, "options", m - 1)
            if not isinstance(opt, dict) or not str(opt.get("value", "")).strip():
                errors.append(
                    Problem(
                        _("问题“%(key)s”的第 %(m)s 个选项缺少取值（value）。") % {"key": key, "m": m},
                        ((*where, "value"),),
                    )
                )
                continue
            items = opt.get("items") or []
            if not isinstance(items, list):
                errors.append(
                    Problem(
                        _("问题“%(key)s”选项的 items 应为事项编码列表。") % {"key": key}, ((*where, "items"),)
                    )
                )
                items = []
            nxt = opt.get("next") or None
            options.append(
                Option(
                    str(opt["value"]).strip(),
                    str(opt.get("label") or opt["value"]),
                    tuple(str(i) for i in items),
                    str(nxt) if nxt else None,
                    m - 1,
                )
            )
        questions[key] = Question(
            key, str(raw.get("text") or key), str(raw.get("help") or ""), tuple(options), n - 1
        )
    always = definition.get("always") or []
    if not isinstance(always, list):
        errors.append(Problem(_("always 应为事项编码列表。"), (("always",),)))
        always = []
    first = raw_questions[0] if isinstance(raw_questions[0], dict) else {}
    start = str(definition.get("start") or first.get("key", ""))
    return Flow(start, questions, tuple(str(i) for i in always)), errors


def parse(definition) -> Flow | None:
    """What can be read of a definition, valid or not (``None`` when nothing can)."""
    return _parse(definition)[0]


def validate(definition, live_codes: set[str] | None = None) -> Flow:
    """The parsed flow, or :class:`FlowError` listing every problem found (with where it is)."""
    flow, errors = _parse(definition)
    if flow is None:
        raise FlowError(errors)
    if flow.start not in flow.questions:
        errors.append(Problem(_("起始问题“%(key)s”不存在。") % {"key": flow.start}, (("start",),)))
    for q in flow.questions.values():
        at = ("questions", q.pos)
        if len(q.options) < 2:
            errors.append(
                Problem(
                    _("问题“%(key)s”至少需要两个选项，否则是死胡同。") % {"key": q.key}, ((*at, "options"),)
                )
            )
        seen: set[str] = set()
        for o in q.options:
            if o.value in seen:
                errors.append(
                    Problem(
                        _("问题“%(key)s”的选项取值重复。") % {"key": q.key},
                        ((*at, "options", o.pos, "value"),),
                    )
                )
            seen.add(o.value)
        for o in q.options:
            if o.next and o.next not in flow.questions:
                errors.append(
                    Problem(
                        _("问题“%(key)s”的选项“%(label)s”指向不存在的问题“%(next)s”。")
                        % {"key": q.key, "label": o.label, "next": o.next},
                        ((*at, "options", o.pos, "next"),),
                    )
                )
    if errors:
        raise FlowError(errors)
    cycle = _find_cycle(flow)
    if cycle:
        closing = flow.questions[cycle[-2]]
        option = next(o for o in closing.options if o.next == cycle[-1])
        raise FlowError(
            [
                Problem(
                    _("问题流程存在循环：%(path)s。") % {"path": " → ".join(cycle)},
                    (("questions", closing.pos, "options", option.pos, "next"),),
                )
            ]
        )
    reachable = _reachable(flow)
    for key, q in flow.questions.items():
        if key not in reachable:
            errors.append(
                Problem(_("问题“%(key)s”从起始问题无法到达。") % {"key": key}, (("questions", q.pos, "key"),))
            )
    for _answers, outcome in paths(flow):
        if not outcome.items:
            route = "，".join(f"{q.text}{o.label}" for q, o in outcome.answered)
            q, o = outcome.answered[-1]
            errors.append(
                Problem(
                    _("路径“%(route)s”没有选中任何事项。") % {"route": route},
                    (("questions", q.pos, "options", o.pos, "items"),),
                )
            )
    if live_codes is not None:
        for code in sorted(flow.item_codes() - live_codes):
            errors.append(
                Problem(_("事项编码“%(code)s”不存在或未发布。") % {"code": code}, tuple(_uses(flow, code)))
            )
    if errors:
        raise FlowError(errors)
    return flow


def _uses(flow: Flow, code: str) -> Iterator[Where]:
    for k, c in enumerate(flow.always):
        if c == code:
            yield ("always", k)
    for q in flow.questions.values():
        for o in q.options:
            for k, c in enumerate(o.items):
                if c == code:
                    yield ("questions", q.pos, "options", o.pos, "items", k)


def _find_cycle(flow: Flow) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        stack.append(key)
        for o in flow.questions[key].options:
            if not o.next:
                continue
            if state.get(o.next) == 1:
                return stack[stack.index(o.next) :] + [o.next]
            if o.next not in state:
                found = visit(o.next)
                if found:
                    return found
        stack.pop()
        state[key] = 2
        return []

    for key in flow.questions:
        if key not in state:
            found = visit(key)
            if found:
                return found
    return []


def _reachable(flow: Flow) -> set[str]:
    seen, todo = set(), [flow.start]
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        todo.extend(o.next for o in flow.questions[key].options if o.next)
    return seen


def evaluate(flow: Flow, answers: dict[str, str]) -> Outcome:
    """Follow ``answers`` from the start; stop at the first unanswered question."""
    outcome = Outcome()
    selected = list(dict.fromkeys(flow.always))
    key: str | None = flow.start
    while key is not None:
        question = flow.questions[key]
        value = answers.get(key)
        if value in (None, ""):
            outcome.next_question = question
            break
        option = question.option(str(value))
        if option is None:
            outcome.next_question = question
            outcome.invalid = _("“%(text)s”的回答无效，请重新选择。") % {"text": question.text}
            break
        outcome.answered.append((question, option))
        for code in option.items:
            if code not in selected:
                selected.append(code)
        key = option.next
    outcome.items = selected
    return outcome


def paths(flow: Flow) -> Iterator[tuple[dict[str, str], Outcome]]:
    """Every complete path through the flow (the flow must have no cycles)."""

    def walk(key: str, answers: dict[str, str]) -> Iterator[dict[str, str]]:
        for option in flow.questions[key].options:
            chosen = {**answers, key: option.value}
            if option.next:
                yield from walk(option.next, chosen)
            else:
                yield chosen

    for answers in walk(flow.start, {}):
        yield answers, evaluate(flow, answers)


def combinations(flow: Flow) -> Iterable[dict[str, str]]:
    """Every combination of one answer per question (most are partly off-path)."""
    keys = list(flow.questions)
    for values in itertools.product(*[[o.value for o in flow.questions[k].options] for k in keys]):
        yield dict(zip(keys, values, strict=True))


def check_examples(flow: Flow, examples: list) -> list[str]:
    """Problems with the regression examples: each must be a complete path giving its items."""
    return [p.message for p in example_problems(flow, examples)]


def example_problems(flow: Flow, examples: list) -> list[Problem]:
    """As :func:`check_examples`, saying which example (its index) and which part is at fault."""
    problems = []
    if not isinstance(examples, list):
        return [Problem(_("回归样例应为列表。"))]
    for n, example in enumerate(examples, 1):
        if not isinstance(example, dict) or not isinstance(example.get("answers"), dict):
            problems.append(Problem(_("第 %(n)s 个样例应包含 answers 和 items。") % {"n": n}, ((n - 1,),)))
            continue
        outcome = evaluate(flow, {str(k): str(v) for k, v in example["answers"].items()})
        expected = sorted(str(c) for c in example.get("items") or [])
        if not outcome.complete:
            problems.append(
                Problem(_("第 %(n)s 个样例的回答不完整或无效。") % {"n": n}, ((n - 1, "answers"),))
            )
        elif sorted(outcome.items) != expected:
            problems.append(
                Problem(
                    _("第 %(n)s 个样例应选中 %(expected)s，实际为 %(actual)s。")
                    % {"n": n, "expected": "、".join(expected), "actual": "、".join(sorted(outcome.items))},
                    ((n - 1, "items"),),
                )
            )
    return problems
