"""The rule language: parsing, checking against the schemas, the Chinese rendering and the
per-person evaluation on the edge cases (boundary birthday, leap day, missing values)."""

from datetime import date

import pytest

from portal.proactive import rules
from portal.proactive.rules import RuleError, age_on, evaluate, explain, parse, render, to_text

from .helpers import SCHEMA

REFS = rules.reference_dates(date(2026, 3, 15))
OLD = "age_on(huji.birth_date, first_of_month) >= 80 and huji.local = true"


def test_parse_round_trips_through_text():
    text = 'age_on(huji.birth_date, first_of_month) >= 80 and (canlian.grade in ("1", "2") or not missing(huji.income))'
    tree = parse(text)
    assert tree["op"] == "and" and tree["args"][0]["left"]["fn"] == "age_on"
    assert parse(to_text(tree)) == tree


def test_chinese_words_and_symbols_parse():
    assert parse("huji.children ≥ 2 且 非 huji.local = false") == parse(
        "huji.children >= 2 and not huji.local = false"
    )
    assert parse("huji.children = 1 或 huji.children = 2")["op"] == "or"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "规则为空"),
        ("huji.children >=", "末尾"),
        ("huji.children >= 2 )", "多余"),
        ("children >= 2", "数据集.属性"),
        ("huji.children # 2", "无法识别"),
        ("huji.children 2", "比较符"),
    ],
)
def test_parse_errors_are_chinese(text, message):
    with pytest.raises(RuleError, match=message):
        parse(text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("huji.unknown = 1", "不存在"),
        ("huji.local >= 3", "不能与"),
        ('huji.birth_date = "x"', "不能与"),
        ('canlian.grade in ("9")', "代码表中没有"),
        ('canlian.grade = "7"', "代码表中没有"),
        ("age_on(huji.children, run_date) > 3", "应为日期"),
        ("huji.children in (1)", "不是代码或文本"),
        ('huji.street > "a"', "只能比较相等"),
        ("huji.birth_date > 2026-02-30", "不是有效日期"),
    ],
)
def test_check_against_schema(text, message):
    with pytest.raises(RuleError, match=message):
        rules.check(parse(text), SCHEMA)


def test_render_reads_as_chinese():
    text = render(parse(OLD + ' and canlian.grade in ("1", "2")'), SCHEMA)
    assert text == "年满80周岁（按当月1日计算）且户籍·户籍在本区且残联·残疾等级属于一级、二级"
    assert (
        render(parse("not missing(huji.income) or huji.local = false"), SCHEMA)
        == "并非户籍·月收入缺失或并非户籍·户籍在本区"
    )


def test_age_on_the_boundary_day():
    assert age_on(date(1946, 3, 1), date(2026, 3, 1)) == 80
    assert age_on(date(1946, 3, 2), date(2026, 3, 1)) == 79


def test_leap_day_birthday_is_28_february_in_other_years():
    born = date(1944, 2, 29)
    assert age_on(born, date(2025, 2, 28)) == 81
    assert age_on(born, date(2025, 2, 27)) == 80
    assert age_on(born, date(2024, 2, 28)) == 79  # 2024 has its own 29 February
    assert age_on(born, date(2024, 2, 29)) == 80


def test_evaluate_on_edge_cases():
    tree = parse(OLD)
    on_boundary = {"huji.birth_date": date(1946, 3, 1), "huji.local": True}
    assert evaluate(tree, on_boundary, SCHEMA, REFS)
    assert not evaluate(tree, {**on_boundary, "huji.birth_date": date(1946, 3, 2)}, SCHEMA, REFS)
    assert not evaluate(tree, {"huji.local": True}, SCHEMA, REFS)  # birth date missing: not met
    assert evaluate(parse("not huji.children >= 2"), {}, SCHEMA, REFS)  # not of not-met
    assert evaluate(parse("missing(huji.children)"), {}, SCHEMA, REFS)
    assert not evaluate(parse('canlian.grade in ("1")'), {}, SCHEMA, REFS)
    assert evaluate(parse("huji.income < 1500.5"), {"huji.income": 1500.25}, SCHEMA, REFS)
    assert evaluate(
        parse("days_between(huji.birth_date, 2026-03-15) = 14"),
        {"huji.birth_date": date(2026, 3, 1)},
        SCHEMA,
        REFS,
    )


def test_explanation_names_the_failing_condition():
    steps = explain(parse(OLD), {"huji.birth_date": date(1950, 5, 1), "huji.local": True}, SCHEMA, REFS)
    assert [s.met for s in steps] == [False, False, True]
    assert steps[1].text.startswith("年满80周岁") and "计算值：75" in steps[1].detail
    assert "户籍·出生日期：1950-05-01" in steps[1].detail
    missing = explain(parse('canlian.grade = "1"'), {}, SCHEMA, REFS)
    assert missing[0].detail == "残联·残疾等级：缺失"
