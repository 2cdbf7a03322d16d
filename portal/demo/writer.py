"""Turns the text material into titles and article bodies (lists of HTML paragraphs)."""

from __future__ import annotations

import random
from datetime import datetime

from .content import CLOSINGS, GENERIC, LEADS, PLACES, REPORTERS, THEMES
from .kinds import NOTICE_ITEMS, NOTICE_SUBJECTS, NOTICE_TITLES

MIN_CHARS, MAX_CHARS = 400, 1500
NUMERALS = "一二三四五六七八九十"


class Values(dict):
    """Placeholder values; unknown placeholders are left as they are."""

    def __missing__(self, key):
        return "{" + key + "}"


def values(rng: random.Random, when: datetime, **extra) -> Values:
    v = Values(
        n=rng.randint(2, 9),
        m=rng.randint(2, 9),
        pct=rng.randint(86, 99),
        g=round(rng.uniform(1.5, 9.9), 1),
        h=rng.randint(30, 65),
        year=when.year,
        prev=when.year - 1,
        next=when.year + 1,
        month=when.month,
        place=rng.choice(PLACES),
        date=f"{when.month}月{when.day}日",
        person=rng.choice(REPORTERS),
    )
    v.update(extra)
    return v


def fill(template: str, v: Values) -> str:
    return template.format_map(v)


def _fit(paragraphs: list[str], extra: list[str]) -> list[str]:
    """Pad with ``extra`` to at least MIN_CHARS and trim to MAX_CHARS and 8 paragraphs."""
    while sum(map(len, paragraphs)) < MIN_CHARS and extra:
        paragraphs.insert(-1, extra.pop())
    while len(paragraphs) > 3 and (sum(map(len, paragraphs)) > MAX_CHARS or len(paragraphs) > 8):
        paragraphs.pop(-2)
    return paragraphs


def _sentences(rng: random.Random, pool, v: Values, k: int) -> str:
    return "".join(fill(s, v) for s in rng.sample(list(pool), min(k, len(pool))))


def _padding(rng: random.Random, v: Values, theme) -> list[str]:
    return [
        _sentences(rng, GENERIC, v, 2),
        _sentences(rng, theme.sentences, v, 2),
        _sentences(rng, GENERIC, v, 3),
    ]


def news_body(rng: random.Random, theme_name: str, v: Values) -> list[str]:
    theme = THEMES[theme_name]
    paragraphs = [fill(rng.choice(LEADS), v) + _sentences(rng, GENERIC, v, 1)]
    pool = list(theme.sentences)
    rng.shuffle(pool)
    for i in range(rng.randint(2, 5)):
        chunk = pool[i * 2 : i * 2 + 2] or [rng.choice(GENERIC)]
        paragraphs.append("".join(fill(s, v) for s in chunk))
    paragraphs.append(fill(rng.choice(CLOSINGS), v))
    return _fit(paragraphs, _padding(rng, v, theme))


def news_title(rng: random.Random, theme_name: str, v: Values) -> str:
    return fill(rng.choice(THEMES[theme_name].titles), v)


def notice(rng: random.Random, v: Values, signer: str, title: str = "") -> tuple[str, list[str]]:
    v.setdefault("subject", rng.choice(NOTICE_SUBJECTS))
    title = title or fill(rng.choice(NOTICE_TITLES), v)
    kind = "公告" if "公告" in title else "通告" if "通告" in title else "通知"
    audience = "各街道办事处，区政府各部门，各有关单位：" if kind == "通知" else "广大市民朋友："
    body = [
        audience,
        f"为做好{v['subject']}相关工作，根据上级有关工作部署，结合本区实际，现将有关事项{kind}如下：",
    ]
    for i, item in enumerate(rng.sample(NOTICE_ITEMS, 4)):
        body.append(f"{NUMERALS[i]}、{fill(item, v)}")
    body += [f"特此{kind}。", f"{signer}<br/>{v['year']}年{v['month']}月{v['date'].split('月')[1]}"]
    return title, _fit(body, _padding(rng, v, THEMES["service"]))


def report_body(rng: random.Random, theme_name: str, v: Values) -> list[str]:
    theme = THEMES[theme_name]
    heads = ["总体情况", "主要工作及成效", "存在的问题", "下一步工作安排"]
    body = [f"<strong>一、{heads[0]}</strong>" + _sentences(rng, GENERIC, v, 2)]
    for i, head in enumerate(heads[1:], start=1):
        body.append(f"<strong>{NUMERALS[i]}、{head}</strong>" + _sentences(rng, theme.sentences, v, 2))
    return _fit(body, _padding(rng, v, theme))


GUIDE_FIELDS = [
    ("事项名称", "{title}"),
    ("设定依据", "《中华人民共和国行政许可法》及相关法律法规"),
    ("申请条件", "符合法定条件的自然人、法人或者其他组织"),
    ("办理材料", "申请表、身份证明材料及相关证明材料（原件及复印件各1份）"),
    ("办理地点", "示范区政务服务中心综合受理窗口（示范区政务大道88号）"),
    ("办理机构", "{org}"),
    ("收费标准", "不收费"),
    ("办理时间", "周一至周五 8:30—17:30，周六 9:00—12:00（法定节假日除外）"),
    ("联系电话", "099-8620{n}{m}{n}{m}"),
    ("办理流程", "申请—受理—审查—决定—送达，承诺时限{n}个工作日"),
]


def guide_body(rng: random.Random, v: Values) -> list[str]:
    lines = [f"<strong>{k}：</strong>{fill(t, v)}" for k, t in GUIDE_FIELDS]
    body = ["<br/>".join(lines[i : i + 2]) for i in range(0, len(lines), 2)]
    body.append("温馨提示：" + _sentences(rng, THEMES["service"].sentences, v, 3))
    return _fit(body, _padding(rng, v, THEMES["service"]))


def interpretation_body(rng: random.Random, v: Values) -> list[str]:
    theme = THEMES["service"]
    heads = ["制定背景", "主要内容", "适用对象", "创新举措", "解读机关及联系方式"]
    body = [
        f"<strong>{NUMERALS[i]}、{h}</strong>" + _sentences(rng, theme.sentences + GENERIC, v, 2)
        for i, h in enumerate(heads[:-1])
    ]
    body.append(
        f"<strong>五、{heads[-1]}</strong>解读机关：{v['org']}；联系电话：099-8620{v['n']}{v['m']}00。"
    )
    return _fit(body, _padding(rng, v, theme))


def interview_body(rng: random.Random, v: Values) -> list[str]:
    body = [
        f"访谈时间：{v['year']}年{v['date']} 10:00　访谈嘉宾：{v['org']}主要负责同志　主持人：{v['person']}"
    ]
    for q in ["今年在民生实事方面有哪些安排？", "群众关心的问题如何落实？", "下一步有什么打算？"]:
        body.append(
            f"<strong>主持人：</strong>{q}<br/><strong>嘉宾：</strong>"
            + _sentences(rng, THEMES[rng.choice(list(THEMES))].sentences, v, 2)
        )
    return _fit(body, _padding(rng, v, THEMES["service"]))


def reply_body(rng: random.Random, v: Values, title: str) -> list[str]:
    topic = title.removeprefix("关于").removesuffix("的回复")
    body = [
        f"<strong>来信内容：</strong>您好，我想反映{topic}，希望有关部门尽快研究解决。",
        f"<strong>答复内容：</strong>您好！感谢您对示范区工作的关心和支持。关于您反映的{topic}，经{v['org']}调查核实，"
        + _sentences(rng, GENERIC, v, 2),
        "我们已将相关问题纳入工作计划，将加强跟踪督办，确保问题得到妥善解决。如有疑问，欢迎来电咨询。",
        f"<strong>答复单位：</strong>{v['org']}　<strong>受理日期：</strong>{v['year']}年{v['date']}",
    ]
    return _fit(body, _padding(rng, v, THEMES["service"]))


def html(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{p}</p>") for p in paragraphs]


def plain(paragraph: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", paragraph)
