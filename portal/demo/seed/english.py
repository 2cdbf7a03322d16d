"""The text of the English site's articles; the pages app's demo step creates the pages."""

from __future__ import annotations

from .. import material
from ..writer import values
from .context import SeedContext


def _body(rng, v, when) -> list[tuple[str, str]]:
    """3–5 paragraphs of three sentences each, no sentence repeated, opening with a dateline."""
    count = rng.randint(3, 4)
    sentences = [s.format_map(v) for s in rng.sample(material.load("english")["sentences"], 3 * count)]
    paragraphs = [" ".join(sentences[i * 3 : i * 3 + 3]) for i in range(count)]
    paragraphs[0] = f"SHIFAN, {when:%B} {when.day}, {when.year} — {paragraphs[0]}"
    return [("paragraph", f"<p>{p}</p>") for p in paragraphs]


def english_article(ctx: SeedContext, slug: str, titles: list[str], index: int, total: int) -> dict:
    """The fields of the ``index``-th of ``total`` articles of the English column ``slug``."""
    rng = ctx.rng("en", slug, index)
    fresh = slug in ("news", "notices")
    when = ctx.spread(rng, index, total, 540 if fresh else 700, 3 if fresh else 60)
    v = values(rng, when)
    body = _body(rng, v, when)
    return {
        "title": titles[index].format_map(v),
        "date": when,
        "first_published_at": when,
        "last_published_at": when,
        "body": body,
        "summary": body[0][1][3:-4][:160],
        "source": "Shifan District Government Office",
        "author": "Shifan Information Office",
        "owner_organisation": ctx.orgs["gov-office"],
        "live": True,
    }
