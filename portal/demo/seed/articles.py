"""The text of Chinese articles (文章) for every content column: news, notices, disclosure items, guides…

``item_spec`` drafts an item (title, paragraphs, date, owner, source, author); the pages app's
demo step creates the page.
"""

from __future__ import annotations

import random
from datetime import timedelta

from .. import material, writer
from .context import SeedContext

_TEXT = material.load("themes")
DEPARTMENT_THEMES, DISTRICT_THEMES = _TEXT["department_themes"], _TEXT["district_themes"]
STREET_THEMES, MEDIA_SOURCES, REPORTERS = _TEXT["street_themes"], _TEXT["media_sources"], _TEXT["reporters"]
KINDS = material.load("kinds")["kinds"]

NEWS_KINDS = {"district_news", "department_news", "street_news", "photo_news", "video"}
HEADLINES = 12
# kind → (span of days the items cover, age in days of the newest at most); news is fresh
SPANS = {kind: (730, 0.9) for kind in NEWS_KINDS} | {
    "notice": (700, 4),
    "photo_news": (730, 6),
    "video": (730, 20),
}


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
    v["subject"] = rng.choice(writer.THEMES[theme].subjects)
    title = writer.news_title(rng, theme, v)
    if kind == "video":
        title = f"【视频】{title}"
    return {"title": title, "paragraphs": writer.news_body(rng, theme, v), "owner": org, "source": source}


BODIES = {
    "profile": lambda rng, theme, v: writer.profile_body(rng, v),
    "notice": lambda rng, theme, v: writer.notice(rng, v, v["signer"], v["title"])[1],
    "guide": lambda rng, theme, v: writer.guide_body(rng, v),
    "report": writer.report_body,
    "interpretation": lambda rng, theme, v: writer.interpretation_body(rng, v),
}


def _kind_values(rng: random.Random, kind: str, theme: str, column, when) -> writer.Values:
    org = column.owner_organisation
    if kind == "stats":  # statistics describe the month before publication
        when = when - timedelta(days=25)
    v = writer.values(rng, when, org=org.short_name or org.name, actor=org.short_name, community="社区")
    v["subject"] = column.title if kind.startswith("topic_") else rng.choice(writer.THEMES[theme].subjects)
    v["signer"], v["kind"] = org.name, kind
    return v


def _kind_item(ctx: SeedContext, rng: random.Random, kind: str, index: int, column, when) -> dict:
    theme, style, titles = KINDS[kind]["theme"], KINDS[kind]["style"], KINDS[kind]["titles"]
    org = column.owner_organisation
    if kind == "department_disclosure":
        theme = DEPARTMENT_THEMES.get(org.slug, [theme])[0]
    v = _kind_values(rng, kind, theme, column, when)
    v["title"] = title = writer.fill(titles[index % len(titles)], v)
    paragraphs = BODIES.get(style, writer.news_body)(rng, theme, v)
    return {"title": title, "paragraphs": paragraphs, "owner": org, "source": org.name}


def _notice_item(ctx: SeedContext, rng: random.Random, when) -> dict:
    slug = rng.choice(["gov-office", "gov-office", *DEPARTMENT_THEMES])
    org = ctx.orgs[slug]
    v = writer.values(rng, when, org=org.short_name)
    title, paragraphs = writer.notice(rng, v, org.name)
    return {"title": title, "paragraphs": paragraphs, "owner": org, "source": org.name}


def _draft(ctx: SeedContext, column, kind: str, index: int, total: int, attempt: int) -> dict:
    rng = ctx.rng("article", column.slug, index, attempt)
    span, newest = SPANS.get(kind, (700, 75))
    promised = column.promised_days()  # keep every column within its promised update frequency
    when = ctx.spread(rng, index, total, span, min(newest, promised * 0.6) if promised else newest)
    if kind in NEWS_KINDS:
        spec = _news_item(ctx, rng, kind, when)
    elif kind == "notice":
        spec = _notice_item(ctx, rng, when)
    else:
        spec = _kind_item(ctx, rng, kind, index + attempt, column, when)
    spec.update(date=when, slug=f"{column.slug}-{index + 1:04d}", author=rng.choice(REPORTERS))
    return spec


def item_spec(ctx: SeedContext, column, kind: str, index: int, total: int) -> dict:
    """An item whose title is not used yet in this run (a few attempts, then accept a repeat)."""
    for attempt in range(8):
        spec = _draft(ctx, column, kind, index, total, attempt)
        if spec["title"] not in ctx.titles:
            break
    ctx.titles.add(spec["title"])
    return spec
