"""The eligibility rule language: a JSON syntax tree, a textual mini-syntax parsed into it, a
check against the datasets' schemas, a Chinese rendering and a per-person evaluator (the
reference the vectorised matcher in :mod:`.matching` is tested against). Nothing is ``eval``-ed.

Conditions (JSON, ``op`` key)::

    {"op": "and" | "or", "args": [cond, ...]}
    {"op": "not", "arg": cond}
    {"op": "cmp", "cmp": ">=" | ">" | "<=" | "<" | "=" | "!=", "left": value, "right": value}
    {"op": "in", "value": value, "codes": ["01", ...]}
    {"op": "missing", "value": value}

Values: ``{"attr": "dataset.attribute"}``, ``{"const": 80}`` (number, text, ``true``/``false``),
``{"date": "2026-01-01"}``, ``{"ref": "run_date" | "first_of_month"}`` and
``{"fn": "age_on" | "days_between", "args": [value, value]}``.

Text syntax: ``age_on(huji.birth_date, first_of_month) >= 80 and huji.resident = true and
not missing(canlian.grade) and canlian.grade in ("1", "2")`` — ``and``/``且``, ``or``/``或``,
``not``/``非``, parentheses, dates as ``2026-01-01``.

Readings (STANDARDS.md §7: where a rule admits two readings, choose one and show it):

- **Age.** Someone is N 周岁 from their Nth birthday on. A person born on 29 February has, in a
  year without one, their birthday on **28 February** — 民法典 Art. 202: a period in years ends on
  the corresponding day, or that month's last day where it has none.
- **Missing values.** A comparison or code-list test on a missing value is *not met* (never
  unknown); ``not`` turns it into met. Use ``missing(x)`` to ask for absence explicitly.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

TYPES = ("text", "integer", "decimal", "date", "boolean", "code")
NUMERIC = ("integer", "decimal")
COMPARISONS = (">=", "<=", "!=", ">", "<", "=")
REFS = ("run_date", "first_of_month")
FUNCTIONS = ("age_on", "days_between")


class RuleError(ValueError):
    """A rule that does not parse or does not fit the schemas; the message is in Chinese."""


@dataclass(frozen=True)
class AttrSpec:
    key: str  # "dataset.attribute"
    type: str
    label: str  # "户籍·出生日期"
    codes: dict = field(default_factory=dict)  # code → name


Schema = dict  # "dataset.attribute" → AttrSpec


# ---------------------------------------------------------------- parsing the text syntax

_TOKEN = re.compile(
    r"\s*(?:(?P<date>\d{4}-\d{2}-\d{2})|(?P<num>-?\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\"|'[^']*'|“[^”]*”)"
    r"|(?P<op>>=|<=|!=|==|>|<|=|≥|≤|≠)|(?P<punct>[(),，（）])|(?P<name>[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*"
    r"(?:\.[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)?))"
)
_WORDS = {
    "and": "and",
    "且": "and",
    "并且": "and",
    "or": "or",
    "或": "or",
    "或者": "or",
    "not": "not",
    "非": "not",
}
_OPS = {"==": "=", "≥": ">=", "≤": "<=", "≠": "!="}
_PUNCT = {"，": ",", "（": "(", "）": ")"}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos, text = [], 0, text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise RuleError(
                _("第 %(pos)d 个字符处无法识别：“%(text)s”。")
                % {"pos": pos + 1, "text": text[pos : pos + 10].strip()}
            )
        kind = match.lastgroup
        start = match.start(kind) + 1
        value = match.group(kind)
        if kind == "op":
            value = _OPS.get(value, value)
        elif kind == "punct":
            value = _PUNCT.get(value, value)
        elif kind == "name" and value.lower() in _WORDS:
            kind, value = "word", _WORDS[value.lower()]
        out.append((kind, value, start))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None, -1)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value and tok[1] != value):
            expected = value or {"name": _("属性名"), "punct": _("括号或逗号")}.get(kind, _("内容"))
            where = (
                _("末尾")
                if tok[0] is None
                else _("第 %(pos)d 个字符“%(tok)s”处") % {"pos": tok[2], "tok": tok[1]}
            )
            raise RuleError(_("%(where)s应为%(expected)s。") % {"where": where, "expected": expected})
        self.i += 1
        return tok

    def parse(self) -> dict:
        if not self.tokens:
            raise RuleError(_("规则为空。"))
        node = self.or_()
        if self.peek()[0] is not None:
            tok = self.peek()
            raise RuleError(_("第 %(pos)d 个字符“%(tok)s”处多余。") % {"pos": tok[2], "tok": tok[1]})
        return node

    def _chain(self, word, sub):
        args = [sub()]
        while self.peek()[:2] == ("word", word):
            self.take()
            args.append(sub())
        return args[0] if len(args) == 1 else {"op": word, "args": args}

    def or_(self):
        return self._chain("or", self.and_)

    def and_(self):
        return self._chain("and", self.not_)

    def not_(self):
        if self.peek()[:2] == ("word", "not"):
            self.take()
            return {"op": "not", "arg": self.not_()}
        return self.atom()

    def atom(self):
        kind, value, _pos = self.peek()
        if (kind, value) == ("punct", "("):
            self.take()
            node = self.or_()
            self.take("punct", ")")
            return node
        if kind == "name" and value == "missing":
            self.take()
            self.take("punct", "(")
            operand = self.value()
            self.take("punct", ")")
            return {"op": "missing", "value": operand}
        left = self.value()
        kind, value, _pos = self.peek()
        if (kind, value) == ("name", "in"):
            self.take()
            self.take("punct", "(")
            codes = [self._code()]
            while self.peek()[:2] == ("punct", ","):
                self.take()
                codes.append(self._code())
            self.take("punct", ")")
            return {"op": "in", "value": left, "codes": codes}
        op = self.take("op", None)[1] if kind == "op" else self.take("op", _("比较符（>=、=、< 等）"))[1]
        return {"op": "cmp", "cmp": op, "left": left, "right": self.value()}

    def _code(self) -> str:
        kind, value, _pos = self.take()
        if kind == "str":
            return value[1:-1]
        if kind in ("num", "name"):
            return value
        raise RuleError(_("代码表中应为代码，而不是“%(v)s”。") % {"v": value})

    def value(self) -> dict:
        kind, value, pos = self.take()
        if kind == "num":
            return {"const": int(value) if re.fullmatch(r"-?\d+", value) else float(value)}
        if kind == "str":
            return {"const": value[1:-1]}
        if kind == "date":
            return {"date": value}
        if kind == "name":
            if value in ("true", "是"):
                return {"const": True}
            if value in ("false", "否"):
                return {"const": False}
            if value in REFS:
                return {"ref": value}
            if value in FUNCTIONS:
                self.take("punct", "(")
                args = [self.value()]
                while self.peek()[:2] == ("punct", ","):
                    self.take()
                    args.append(self.value())
                self.take("punct", ")")
                return {"fn": value, "args": args}
            if "." in value:
                return {"attr": value}
            raise RuleError(_("第 %(pos)d 个字符处“%(v)s”不是“数据集.属性”形式。") % {"pos": pos, "v": value})
        raise RuleError(_("第 %(pos)d 个字符“%(v)s”处应为一个值。") % {"pos": pos, "v": value})


def parse(text: str) -> dict:
    """The syntax tree of a rule written in the text syntax (``RuleError`` in Chinese if not)."""
    return _Parser(text or "").parse()


def to_text(node: dict) -> str:
    """The text syntax of a tree (what the admin's rule field shows)."""
    op = node.get("op")
    if op in ("and", "or"):
        return f" {op} ".join(
            f"({to_text(a)})" if a.get("op") in ("and", "or") and a.get("op") != op else to_text(a)
            for a in node["args"]
        )
    if op == "not":
        inner = to_text(node["arg"])
        return f"not ({inner})" if node["arg"].get("op") in ("and", "or") else f"not {inner}"
    if op == "cmp":
        return f"{_value_text(node['left'])} {node['cmp']} {_value_text(node['right'])}"
    if op == "in":
        return f"{_value_text(node['value'])} in ({', '.join(_quote(c) for c in node['codes'])})"
    if op == "missing":
        return f"missing({_value_text(node['value'])})"
    raise RuleError(_("未知的条件类型。"))


def _quote(text) -> str:
    return '"' + str(text) + '"'


def _value_text(value: dict) -> str:
    if "attr" in value:
        return value["attr"]
    if "ref" in value:
        return value["ref"]
    if "date" in value:
        return value["date"]
    if "fn" in value:
        return f"{value['fn']}({', '.join(_value_text(a) for a in value['args'])})"
    const = value.get("const")
    if isinstance(const, bool):
        return "true" if const else "false"
    return str(const) if isinstance(const, int | float) else _quote(const)


# ---------------------------------------------------------------- checking against the schemas


def attributes(node: dict) -> set[str]:
    """Every ``dataset.attribute`` the tree refers to."""
    found = set()

    def walk(n):
        if isinstance(n, dict):
            if "attr" in n:
                found.add(n["attr"])
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return found


def value_type(value: dict, schema: Schema) -> str:
    if "attr" in value:
        spec = schema.get(value["attr"])
        if spec is None:
            raise RuleError(_("属性“%(a)s”不存在（应为已声明数据集的属性）。") % {"a": value["attr"]})
        return spec.type
    if "ref" in value:
        if value["ref"] not in REFS:
            raise RuleError(_("未知的日期“%(r)s”。") % {"r": value["ref"]})
        return "date"
    if "date" in value:
        try:
            date.fromisoformat(value["date"])
        except (TypeError, ValueError):
            raise RuleError(_("“%(d)s”不是有效日期。") % {"d": value["date"]}) from None
        return "date"
    if "fn" in value:
        args = value.get("args") or []
        if value["fn"] not in FUNCTIONS or len(args) != 2:
            raise RuleError(_("函数“%(f)s”不存在或参数个数不对（应为两个日期）。") % {"f": value["fn"]})
        for arg in args:
            if value_type(arg, schema) != "date":
                raise RuleError(_("函数“%(f)s”的参数应为日期。") % {"f": value["fn"]})
        return "integer"
    if "const" in value:
        const = value["const"]
        if isinstance(const, bool):
            return "boolean"
        if isinstance(const, int):
            return "integer"
        if isinstance(const, float):
            return "decimal"
        return "text"
    raise RuleError(_("无法识别的值。"))


def _compatible(a: str, b: str) -> bool:
    if a in NUMERIC and b in NUMERIC:
        return True
    if {a, b} <= {"text", "code"}:
        return True
    return a == b


def check(node: dict, schema: Schema) -> None:
    """Raise ``RuleError`` (Chinese) unless every condition fits the schemas."""
    op = node.get("op") if isinstance(node, dict) else None
    if op in ("and", "or"):
        if not node.get("args"):
            raise RuleError(_("“且/或”至少需要一个条件。"))
        for arg in node["args"]:
            check(arg, schema)
    elif op == "not":
        check(node["arg"], schema)
    elif op == "cmp":
        if node.get("cmp") not in COMPARISONS:
            raise RuleError(_("未知的比较符。"))
        left, right = value_type(node["left"], schema), value_type(node["right"], schema)
        if not _compatible(left, right):
            raise RuleError(
                _("“%(l)s”（%(lt)s）不能与“%(r)s”（%(rt)s）比较。")
                % {
                    "l": render_value(node["left"], schema),
                    "lt": type_label(left),
                    "r": render_value(node["right"], schema),
                    "rt": type_label(right),
                }
            )
        if node["cmp"] not in ("=", "!=") and left in ("boolean", "code", "text"):
            raise RuleError(_("“%(l)s”只能比较相等或不等。") % {"l": render_value(node["left"], schema)})
        for side, other in ((node["left"], node["right"]), (node["right"], node["left"])):
            if "attr" in side and schema[side["attr"]].type == "code" and "const" in other:
                _check_codes(schema[side["attr"]], [other["const"]])
    elif op == "in":
        kind = value_type(node["value"], schema)
        if kind not in ("code", "text"):
            raise RuleError(
                _("“%(v)s”不是代码或文本，不能用“属于”。") % {"v": render_value(node["value"], schema)}
            )
        if not node.get("codes"):
            raise RuleError(_("代码表不能为空。"))
        if "attr" in node["value"] and kind == "code":
            _check_codes(schema[node["value"]["attr"]], node["codes"])
    elif op == "missing":
        if "attr" not in node.get("value", {}):
            raise RuleError(_("“缺失”只能用于属性。"))
        value_type(node["value"], schema)
    else:
        raise RuleError(_("未知的条件类型。"))


def _check_codes(spec: AttrSpec, codes) -> None:
    unknown = [str(c) for c in codes if str(c) not in spec.codes]
    if unknown:
        raise RuleError(
            _("“%(a)s”的代码表中没有：%(codes)s。") % {"a": spec.label, "codes": "、".join(unknown)}
        )


def type_label(kind: str) -> str:
    return {
        "text": _("文本"),
        "integer": _("整数"),
        "decimal": _("小数"),
        "date": _("日期"),
        "boolean": _("是否"),
        "code": _("代码"),
    }.get(kind, kind)


# ---------------------------------------------------------------- Chinese rendering

_CMP_WORDS = {">=": "不小于", ">": "大于", "<=": "不大于", "<": "小于", "=": "为", "!=": "不为"}
_REF_WORDS = {"run_date": "匹配当日", "first_of_month": "当月1日"}


def render_value(value: dict, schema: Schema) -> str:
    if "attr" in value:
        spec = schema.get(value["attr"])
        return spec.label if spec else value["attr"]
    if "ref" in value:
        return _REF_WORDS.get(value["ref"], value["ref"])
    if "date" in value:
        d = date.fromisoformat(value["date"])
        return f"{d.year}年{d.month}月{d.day}日"
    if "fn" in value:
        a, b = (render_value(x, schema) for x in value["args"])
        if value["fn"] == "age_on":
            return f"{a}至{b}的周岁"
        return f"{a}至{b}的天数"
    const = value.get("const")
    if isinstance(const, bool):
        return "是" if const else "否"
    return str(const)


def render(node: dict, schema: Schema) -> str:
    """A readable Chinese sentence: “年满80周岁（按当月1日计算）且户籍·户籍在本区为是”."""
    op = node["op"]
    if op in ("and", "or"):
        word = "且" if op == "and" else "或"
        parts = [
            f"（{render(a, schema)}）" if a["op"] in ("and", "or") else render(a, schema)
            for a in node["args"]
        ]
        return word.join(parts)
    if op == "not":
        return (
            f"并非{render(node['arg'], schema)}"
            if node["arg"]["op"] not in ("and", "or")
            else f"并非（{render(node['arg'], schema)}）"
        )
    if op == "missing":
        return f"{render_value(node['value'], schema)}缺失"
    if op == "in":
        spec = schema.get(node["value"].get("attr", ""))
        names = [spec.codes.get(str(c), str(c)) if spec else str(c) for c in node["codes"]]
        return f"{render_value(node['value'], schema)}属于{'、'.join(names)}"
    left, right, cmp = node["left"], node["right"], node["cmp"]
    if left.get("fn") == "age_on" and "const" in right and cmp in (">=", ">", "<", "<="):
        on = render_value(left["args"][1], schema)
        words = {">=": "年满{n}周岁", ">": "超过{n}周岁", "<": "不满{n}周岁", "<=": "不超过{n}周岁"}
        return words[cmp].format(n=right["const"]) + f"（按{on}计算）"
    if "attr" in left and isinstance(right.get("const"), bool) and cmp in ("=", "!="):
        positive = right["const"] == (cmp == "=")
        label = render_value(left, schema)
        return label if positive else f"并非{label}"
    if "attr" in left and "const" in right:
        spec = schema.get(left["attr"])
        if spec and spec.type == "code":
            name = spec.codes.get(str(right["const"]), str(right["const"]))
            return f"{spec.label}{_CMP_WORDS[cmp]}{name}"
    return f"{render_value(left, schema)}{_CMP_WORDS[cmp]}{render_value(right, schema)}"


# ---------------------------------------------------------------- per-person evaluation


def birthday_in(born: date, year: int) -> date:
    """The birthday in ``year``: 29 February is 28 February in a year without it (民法典 Art. 202)."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return born.replace(year=year)


def age_on(born: date, on: date) -> int:
    """Completed years (周岁) on ``on``: one more from the birthday on."""
    return on.year - born.year - (1 if on < birthday_in(born, on.year) else 0)


def reference_dates(run_date: date) -> dict[str, date]:
    return {"run_date": run_date, "first_of_month": run_date.replace(day=1)}


def _number(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def eval_value(value: dict, person: dict, schema: Schema, refs: dict):
    """The value for one person (``person`` maps ``dataset.attribute`` to typed Python values)."""
    if "attr" in value:
        return person.get(value["attr"])
    if "ref" in value:
        return refs[value["ref"]]
    if "date" in value:
        return date.fromisoformat(value["date"])
    if "fn" in value:
        a, b = (eval_value(x, person, schema, refs) for x in value["args"])
        if a is None or b is None:
            return None
        return age_on(a, b) if value["fn"] == "age_on" else (b - a).days
    return value["const"]


def _compare(cmp: str, a, b) -> bool:
    if a is None or b is None:
        return False
    if isinstance(a, int | float | Decimal) and not isinstance(a, bool):
        a, b = _number(a), _number(b)
    elif isinstance(a, str) or isinstance(b, str):
        a, b = str(a), str(b)
    return {
        ">=": a >= b,
        ">": a > b,
        "<=": a <= b,
        "<": a < b,
        "=": a == b,
        "!=": a != b,
    }[cmp]


def evaluate(node: dict, person: dict, schema: Schema, refs: dict) -> bool:
    """Whether one person meets the condition (the reading of missing values above)."""
    op = node["op"]
    if op == "and":
        return all(evaluate(a, person, schema, refs) for a in node["args"])
    if op == "or":
        return any(evaluate(a, person, schema, refs) for a in node["args"])
    if op == "not":
        return not evaluate(node["arg"], person, schema, refs)
    if op == "missing":
        return eval_value(node["value"], person, schema, refs) is None
    if op == "in":
        value = eval_value(node["value"], person, schema, refs)
        return value is not None and str(value) in {str(c) for c in node["codes"]}
    return _compare(
        node["cmp"],
        eval_value(node["left"], person, schema, refs),
        eval_value(node["right"], person, schema, refs),
    )


@dataclass
class Step:
    text: str  # the condition in Chinese
    met: bool
    detail: str  # the person's values
    depth: int


def explain(node: dict, person: dict, schema: Schema, refs: dict, depth: int = 0) -> list[Step]:
    """Each condition, met or not, with the person's values — for staff and for the person."""
    met = evaluate(node, person, schema, refs)
    steps = [Step(render(node, schema), met, _detail(node, person, schema, refs), depth)]
    if node["op"] in ("and", "or"):
        for arg in node["args"]:
            steps += explain(arg, person, schema, refs, depth + 1)
    elif node["op"] == "not":
        steps += explain(node["arg"], person, schema, refs, depth + 1)
    return steps


def _detail(node: dict, person: dict, schema: Schema, refs: dict) -> str:
    values = []
    for key in sorted(attributes(node)) if node["op"] not in ("and", "or", "not") else []:
        spec = schema.get(key)
        value = person.get(key)
        if value is None:
            shown = _("缺失")
        elif spec and spec.type == "code":
            shown = f"{value}（{spec.codes.get(str(value), '')}）"
        elif isinstance(value, bool):
            shown = "是" if value else "否"
        else:
            shown = str(value)
        values.append(f"{spec.label if spec else key}：{shown}")
    if node["op"] == "cmp" and "fn" in node["left"]:
        computed = eval_value(node["left"], person, schema, refs)
        if computed is not None:
            values.append(_("计算值：%(v)s") % {"v": computed})
    return "；".join(values)
