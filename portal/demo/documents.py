"""The text of policy documents (政策文件), built to the structure of each kind of document.

A 办法, 规定 or 细则 is written in articles (第一条, 第二条 …) and closes with its period of
validity; a 行动计划 has targets, tasks and safeguards for its years; a 实施方案 and a 实施意见 have
their own headings; a notice, a bulletin (通报) and a report (报告) read as such.
"""

from __future__ import annotations

import random
from datetime import date

from . import material

TEXT = material.load("policies")
NUMERALS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五."""
    tens, ones = divmod(n, 10)
    if n <= 10:
        return NUMERALS[n - 1]
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _section(number: int, head: str, text: str | list[str]) -> list[str]:
    lines = text if isinstance(text, list) else [text]
    return [_p(f"<strong>{NUMERALS[number]}、{head}</strong>")] + [_p(line) for line in lines]


def _articles(rng: random.Random, v: dict, kind: str) -> list[str]:
    """第X条 articles: opening, three to five of the subject kind's own, closing."""
    a = TEXT["articles"]
    own = a[kind]
    texts = a["opening"] + rng.sample(own, min(len(own), rng.randint(4, 5))) + a["closing"]
    return [
        _p(f"<strong>第{cn_number(i)}条</strong>　{t.format_map(v)}") for i, t in enumerate(texts, start=1)
    ]


def _headed(part: dict, v: dict) -> list[str]:
    out: list[str] = []
    for i, head in enumerate(part["heads"]):
        body = part[head]
        out += _section(
            i, head, [t.format_map(v) for t in body] if isinstance(body, list) else body.format_map(v)
        )
    return out


def _measures(rng: random.Random, v: dict, spec: dict) -> list[str]:
    part = TEXT["measures"]
    items = part["items"][:2] + rng.sample(part["items"][2:], 2)
    spec["measures"] = len(items)
    lines = [_p(f"{NUMERALS[i]}、{t.format_map(v)}") for i, t in enumerate(items)]
    return lines + [_p(part["closing"].format_map(v))]


def _listed(part: dict, v: dict, audience: str = "") -> list[str]:
    head = [_p(audience)] if audience else []
    return head + [_p(part["intro"].format_map(v))] + [_p(t.format_map(v)) for t in part["items"]]


def body(spec: dict, v: dict) -> list[str]:
    """The body paragraphs (HTML) of a policy document; ``v`` holds the placeholder values."""
    rng, structure = spec["rng"], spec["structure"]
    parts: list[str] = []
    if spec["inner_title"]:  # a notice issuing a document: the covering text, then the document
        parts += [
            _p("各街道办事处，区政府各部门，各有关单位："),
            _p(f"现将《{spec['inner_title']}》印发给你们，请结合实际认真贯彻执行。"),
            _p(f"<strong>{spec['inner_title']}</strong>"),
        ]
    if structure == "articles":
        parts += _articles(rng, v, spec["kind"])
    elif structure in ("scheme", "opinion", "action"):
        parts += _headed(TEXT[structure], v)
    elif structure == "measures":
        parts += _measures(rng, v, spec)
    elif structure == "notice":
        parts += _listed(TEXT["notice"], v, TEXT["notice"]["audience"])
    else:  # bulletin, report
        parts += _listed(TEXT[structure], v)
    parts.append(f'<p class="doc-signature">{spec["org"].name}<br/>{cn_date(spec["written"])}</p>')
    return parts
