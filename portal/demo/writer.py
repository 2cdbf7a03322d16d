"""Turns the text material into titles and article bodies (lists of HTML paragraphs)."""

from __future__ import annotations

import random
from datetime import datetime

from . import material

_TEXT = material.load("themes")
_KINDS = material.load("kinds")
THEMES = material.themes()
BACKGROUND, CLOSINGS, GENERIC, LEADS = (_TEXT[k] for k in ("background", "closings", "generic", "leads"))
PLACES, PROFILES, REPORTERS = _TEXT["places"], _TEXT["profiles"], _TEXT["reporters"]
NOTICE_ITEMS, NOTICE_SUBJECTS, NOTICE_TITLES = (
    _KINDS[k] for k in ("notice_items", "notice_subjects", "notice_titles")
)

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


class Draw:
    """Draws sentences without repeating any within one article; pads to a target length."""

    def __init__(self, rng: random.Random, v: Values, *pools, long: bool = True):
        self.rng, self.v, self.used = rng, v, set()
        self.pools = [list(p) for p in pools] + [list(BACKGROUND)]
        self.target = rng.choice([MIN_CHARS, MIN_CHARS, 600, 800, 1000, 1300]) if long else MIN_CHARS

    def take(self, k: int, pool: int = 0) -> str:
        fresh = [s for s in self.pools[pool] if s not in self.used]
        chosen = self.rng.sample(fresh, min(k, len(fresh)))
        self.used.update(chosen)
        return "".join(fill(s, self.v) for s in chosen)

    def extra(self) -> str:
        """Background first for long articles, then whatever pool still has sentences."""
        order = [-1, 0, 1] if self.target > 600 else [0, 1, -1]
        for pool in order:
            text = self.take(1 if pool == -1 else 2, pool)
            if text:
                return text
        return ""


def _fit(paragraphs: list[str], draw: Draw) -> list[str]:
    """Pad towards the draw's target length, then keep within MAX_CHARS and 8 paragraphs."""
    for _ in range(12):
        if sum(map(len, paragraphs)) >= draw.target:
            break
        extra = draw.extra()
        if not extra:
            break
        if len(paragraphs) < 8:
            paragraphs.insert(-1, extra)
        elif len(paragraphs[-2]) < 300:
            paragraphs[-2] += extra
        else:
            break
    while len(paragraphs) > 3 and (sum(map(len, paragraphs)) > MAX_CHARS or len(paragraphs) > 8):
        paragraphs.pop(-2)
    return paragraphs


def news_body(rng: random.Random, theme_name: str, v: Values) -> list[str]:
    draw = Draw(rng, v, THEMES[theme_name].sentences, GENERIC)
    paragraphs = [fill(rng.choice(LEADS), v) + draw.take(1, 1)]
    for _ in range(rng.randint(2, 5)):
        paragraphs.append(draw.take(2) or draw.take(2, 1))
    paragraphs.append(fill(rng.choice(CLOSINGS), v))
    return _fit([p for p in paragraphs if p], draw)


def news_title(rng: random.Random, theme_name: str, v: Values) -> str:
    return fill(rng.choice(THEMES[theme_name].titles), v)


def notice(rng: random.Random, v: Values, signer: str, title: str = "") -> tuple[str, list[str]]:
    v.setdefault("subject", rng.choice(NOTICE_SUBJECTS))
    title = title or fill(rng.choice(NOTICE_TITLES), v)
    kind = "公告" if "公告" in title else "通告" if "通告" in title else "通知"
    audience = "各街道办事处，区政府各部门，各有关单位：" if kind == "通知" else "广大市民朋友："
    draw = Draw(rng, v, GENERIC, THEMES["service"].sentences, long=False)
    intro = f"为做好{v['subject']}相关工作，根据上级有关工作部署，结合本区实际，现将有关事项{kind}如下："
    body = [audience, draw.take(1) + intro]
    for i, item in enumerate(rng.sample(NOTICE_ITEMS, 4)):
        body.append(f"{NUMERALS[i]}、{fill(item, v)}" + (draw.take(1) if i < 2 else ""))
    body.append(f"特此{kind}。<br/>{signer}<br/>{v['year']}年{v['month']}月{v['date'].split('月')[1]}")
    return title, _fit(body, draw)


REPORT_HEADS = {
    "预算": (
        "finance",
        ["部门主要职责及机构设置", "收支预算总体情况", "“三公”经费和机关运行经费", "政府采购和绩效目标"],
    ),
    "决算": (
        "finance",
        ["部门基本情况", "收入支出决算总体情况", "“三公”经费支出决算情况", "其他重要事项说明"],
    ),
    "年度报告": (
        "data",
        ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "存在的主要问题及改进情况"],
    ),
}
DEFAULT_HEADS = ["总体情况", "主要工作及成效", "存在的问题", "下一步工作安排"]


def _report_heads(title: str, theme_name: str) -> tuple[str, list[str]]:
    for word, (theme, heads) in REPORT_HEADS.items():
        if word in title:
            return theme, heads
    return theme_name, DEFAULT_HEADS


def report_body(rng: random.Random, theme_name: str, v: Values) -> list[str]:
    theme_name, heads = _report_heads(v.get("title", ""), theme_name)
    draw = Draw(rng, v, THEMES[theme_name].sentences, GENERIC)
    body = [f"<strong>一、{heads[0]}</strong>" + draw.take(1, 1) + draw.take(1)]
    for i, head in enumerate(heads[1:], start=1):
        body.append(f"<strong>{NUMERALS[i]}、{head}</strong>" + (draw.take(2) or draw.take(2, 1)))
    return _fit(body, draw)


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
    draw = Draw(rng, v, THEMES["service"].sentences, GENERIC, long=False)
    body.append("温馨提示：" + draw.take(3))
    return _fit(body, draw)


def interpretation_body(rng: random.Random, v: Values) -> list[str]:
    draw = Draw(rng, v, THEMES["service"].sentences + GENERIC, GENERIC)
    heads = ["制定背景", "主要内容", "适用对象", "创新举措", "解读机关及联系方式"]
    body = [f"<strong>{NUMERALS[i]}、{h}</strong>" + draw.take(2) for i, h in enumerate(heads[:-1])]
    contact = f"解读机关：{v['org']}；联系电话：099-8620{v['n']}{v['m']}00。"
    body.append(f"<strong>五、{heads[-1]}</strong>{contact}")
    return _fit(body, draw)


def _divisions() -> list[str]:
    lines = ["示范区辖7个街道、29个社区。各街道及所辖社区如下："]
    for street in material.district()["streets"]:
        names = "、".join(c["name"] for c in street["communities"])
        lines.append(f"<strong>{street['short_name']}</strong>（{street['name']}办事处）：{names}。")
    return lines


def profile_body(rng: random.Random, v: Values) -> list[str]:
    """The district's fixed profile texts (概况, 历史沿革, 行政区划, 地图)."""
    if v["kind"] == "divisions":
        return _divisions()
    return [fill(p, v) for p in PROFILES[v["kind"]]]


def html(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{p}</p>") for p in paragraphs]


def plain(paragraph: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", paragraph)
