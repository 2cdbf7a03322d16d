"""The text of Chinese articles (文章) for every content column: news, notices, disclosure items, guides…

``column_specs`` drafts a column's items (title, paragraphs, date, owner, source, author, and a
picture or a video where the column shows one); the pages app's demo step creates the pages.
"""

from __future__ import annotations

import random

from .. import material, reports, writer
from ..documents import cn_number
from ..pictures import SCENE_NAMES
from . import items
from .context import SeedContext

_TEXT = material.load("themes")
DEPARTMENT_THEMES, DISTRICT_THEMES = _TEXT["department_themes"], _TEXT["district_themes"]
STREET_THEMES, MEDIA_SOURCES, REPORTERS = _TEXT["street_themes"], _TEXT["media_sources"], _TEXT["reporters"]

CONGRESS_ELECTED = 2021  # the year the district's 18th people's congress was elected
NEWS_KINDS = {"district_news", "department_news", "street_news"}
# the drawn scene that goes with a news theme, for headlines with a cover picture
THEME_SCENES = {
    "meeting": "office", "inspection": "construction", "economy": "logistics", "service": "office",
    "construction": "construction", "education": "school", "health": "office", "elderly": "park",
    "safety": "construction", "environment": "wetland", "culture": "sports", "community": "housing",
    "employment": "office", "transport": "night", "water": "wetland", "data": "office",
}  # fmt: skip
HEADLINES = 12
# kind → (span of days the items cover, age in days of the newest at most); news is fresh
SPANS = {kind: (730, 0.9) for kind in NEWS_KINDS}


def _district_actor(ctx: SeedContext, rng: random.Random) -> str:
    leaders = ctx.people.get("district") or [("区长", "")]
    title, name = rng.choice(leaders)
    return rng.choice(
        [f"{title.removesuffix('（兼）')}{name}", "区政府", f"{title.removesuffix('（兼）')}{name}"]
    )


def _news_source(ctx: SeedContext, rng: random.Random, kind: str) -> tuple:
    """(organisation, theme, actor, source, community) of a news item."""
    if kind == "department_news":
        slug = rng.choice(list(DEPARTMENT_THEMES))
        org = ctx.orgs[slug]
        return org, rng.choice(DEPARTMENT_THEMES[slug]), org.short_name, org.name, "社区"
    if kind == "street_news":
        street = rng.choice(material.district()["streets"])
        org = ctx.orgs[street["slug"]]
        return (
            org,
            rng.choice(STREET_THEMES),
            street["short_name"],
            org.name,
            rng.choice(street["communities"])["name"],
        )
    theme, actor = rng.choice(DISTRICT_THEMES), _district_actor(ctx, rng)
    return ctx.orgs["gov-office"], theme, actor, rng.choice(MEDIA_SOURCES), "社区"


def _news_item(ctx: SeedContext, rng: random.Random, kind: str, when) -> dict:
    org, theme, actor, source, community = _news_source(ctx, rng, kind)
    v = writer.values(rng, when, actor=actor, community=community, street=actor, org=org.short_name)
    v["subject"] = rng.choice(list(writer.THEMES[theme].subjects))
    title = writer.news_title(rng, theme, v, local=kind == "street_news")
    paragraphs = writer.news_body(rng, theme, v)
    scene = THEME_SCENES.get(theme, "housing")
    return {"title": title, "paragraphs": paragraphs, "owner": org, "source": source, "scene": scene}


def _kind_values(rng: random.Random, slot: items.Slot, org) -> writer.Values:
    v = writer.values(rng, slot.when, org=org.name, short=org.short_name or org.name)
    v.update({f"g{i}": round(rng.uniform(1.5, 9.9), 1) for i in range(1, 5)})
    v.update(a1=rng.randint(100, 900), a2=rng.randint(20, 300), a3=rng.randint(50, 800))
    v.update(
        a4=rng.randint(1000, 9000), b1=rng.randint(20, 99), b2=rng.randint(20, 99), pmonth=slot.when.month
    )
    v.update(part=round(v["a1"] * rng.uniform(0.55, 0.9)), sub=round(v["a3"] * rng.uniform(0.1, 0.4)))
    d1 = min(slot.when.day + rng.randint(2, 5), 20)  # an application period opens after the notice
    v.update(d1=d1, d2=d1 + rng.randint(5, 8))
    v.update(slot.values)
    v["session"] = cn_number(max(1, v["year"] - CONGRESS_ELECTED))  # one full session each January
    return v


def _department(org) -> dict:
    return next(d for d in material.district()["departments"] if d["name"] == org.name)


def _notice(paragraphs: list[str], template: dict, org, when) -> list[str]:
    kind = template["kind"]
    sign = f"{org.name}<br/>{when.year}年{when.month}月{when.day}日"
    return paragraphs + [sign if kind == "倡议书" else f"特此{kind}。<br/>{sign}"]


def _body(rng: random.Random, kind: str, slot: items.Slot, org, v: writer.Values) -> list[str]:
    style = items.kind_style(kind, slot.template)
    if style == "profile":
        v["kind"] = kind
        return writer.profile_body(rng, v)
    if style == "annual_report":
        return reports.annual_report(rng, v, org.name, small=org.slug != "gov-office")
    if style == "budget":
        return reports.budget(rng, v, _department(org))
    if style == "monthly_work":
        return reports.monthly_work(rng, v, org, street=org.kind == "street")
    if style == "street_plan":
        return reports.street_plan(rng, v, org.name)
    if style == "street_guide":
        return reports.street_guide(rng, v, org)
    paragraphs = [writer.fill(p, v) for p in slot.template.get("body", [])]
    return _notice(paragraphs, slot.template, org, slot.when) if style == "notice" else paragraphs


def kind_item(ctx: SeedContext, column, kind: str, slot: items.Slot, index: int) -> dict:
    """The fields of the ``index``-th item of a column filled from ``kinds.yaml``."""
    template = slot.template
    rng = ctx.rng("item", column.slug, index)
    org = ctx.orgs[template["org"]] if "org" in template else column.owner_organisation
    v = _kind_values(rng, slot, org)
    spec = {
        "title": writer.fill(template["title"], v),
        "paragraphs": _body(rng, kind, slot, org, v),
        "owner": org,
        "source": org.name,
        "date": slot.when,
        "slug": f"{column.slug}-{index + 1:04d}",
        "author": rng.choice(REPORTERS),
    }
    if "scene" in template:
        alt = writer.fill(template.get("alt") or f"示意插图：{SCENE_NAMES[template['scene']]}", v)
        spec["picture"] = {"scene": template["scene"], "alt": alt}
    if "captions" in template:
        spec["captions"] = template["captions"]
    return spec


def _draft(ctx: SeedContext, column, kind: str, index: int, total: int, attempt: int) -> dict:
    rng = ctx.rng("article", column.slug, index, attempt)
    span, newest = SPANS.get(kind, (700, 75))
    promised = column.promised_days()  # keep every column within its promised update frequency
    when = ctx.spread(rng, index, total, span, min(newest, promised * 0.6) if promised else newest)
    spec = _news_item(ctx, rng, kind, when)
    spec.update(date=when, slug=f"{column.slug}-{index + 1:04d}", author=rng.choice(REPORTERS))
    return spec


def news_spec(ctx: SeedContext, column, kind: str, index: int, total: int) -> dict:
    """A news item whose title is not used yet in this run (a few attempts, then accept a repeat)."""
    for attempt in range(12):
        spec = _draft(ctx, column, kind, index, total, attempt)
        if spec["title"] not in ctx.titles:
            break
    ctx.titles.add(spec["title"])
    return spec


def column_specs(ctx: SeedContext, column, kind: str, total: int) -> list[dict]:
    """Every item of the column, in a fixed order (their slugs end in 0001, 0002 …)."""
    if kind in NEWS_KINDS:
        return [news_spec(ctx, column, kind, index, total) for index in range(total)]
    return [
        kind_item(ctx, column, kind, slot, i) for i, slot in enumerate(items.plan(ctx, column, kind, total))
    ]
