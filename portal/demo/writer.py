"""Turns the text material into news titles and bodies (lists of HTML paragraphs), and fills
placeholders for the other kinds of item."""

from __future__ import annotations

import random
from datetime import datetime

from . import material

_TEXT = material.load("themes")
THEMES = material.themes()
BACKGROUND, CLOSINGS, GENERIC, LEADS = (_TEXT[k] for k in ("background", "closings", "generic", "leads"))
PLACES, PROFILES, REPORTERS = _TEXT["places"], _TEXT["profiles"], _TEXT["reporters"]

MIN_CHARS, MAX_CHARS = 250, 1500
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
        self.target = rng.choice([MIN_CHARS, 300, 360, 450]) if long else MIN_CHARS

    def take(self, k: int, pool: int = 0) -> str:
        """``k`` unused sentences of the pool; at most one of them looks ahead (下一步…)."""
        ahead = any(s.startswith("下一步") for s in self.used)
        fresh = [s for s in self.pools[pool] if s not in self.used and not (ahead and s.startswith("下一步"))]
        chosen = self.rng.sample(fresh, min(k, len(fresh)))
        self.used.update(chosen)
        return "".join(fill(s, self.v) for s in chosen)

    def extra(self) -> str:
        """The subject's facts first, then the theme's, the general sentences, the background."""
        order = [0, 1, 2, -1]
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
    """The lead names the subject; then the subject's own facts, then what is true of its theme."""
    theme = THEMES[theme_name]
    draw = Draw(rng, v, theme.subjects[v["subject"]], theme.sentences, GENERIC)
    paragraphs = [fill(rng.choice(LEADS), v) + draw.take(1)]
    paragraphs.append(draw.take(2) or draw.take(2, 1))
    for _ in range(rng.randint(1, 3)):
        paragraphs.append(draw.take(2, 1) or draw.take(2, 2))
    paragraphs.append(fill(rng.choice(CLOSINGS), v))
    return _fit([p for p in paragraphs if p], draw)


def news_title(rng: random.Random, theme_name: str, v: Values, local: bool = False) -> str:
    """A title of the theme; a street's own news (``local``) names the street or community."""
    titles = THEMES[theme_name].titles
    if local:
        titles = [t for t in titles if "{actor}" in t or "{community}" in t] or titles
    return fill(rng.choice(titles), v)


def _divisions() -> list[str]:
    lines = ["示范区行政区划：全区辖7个街道、29个社区。各街道及所辖社区如下："]
    for street in material.district()["streets"]:
        names = "、".join(c["name"] for c in street["communities"])
        lines.append(f"<strong>{street['short_name']}</strong>　{street['profile']}下辖{names}。")
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
