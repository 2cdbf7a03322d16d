"""The English site: a handful of columns and plausible articles under the English home."""

from __future__ import annotations

from django.db import transaction

from portal.pages.models import ArticlePage, ColumnPage

from ..content_en import EN_COLUMNS, EN_SENTENCES
from ..writer import values
from .columns import ensure_child
from .context import SeedContext
from .site import link


def _body(rng, v, when) -> list[tuple[str, str]]:
    """3–5 paragraphs of three sentences each, no sentence repeated, opening with a dateline."""
    count = rng.randint(3, 4)
    sentences = [s.format_map(v) for s in rng.sample(EN_SENTENCES, 3 * count)]
    paragraphs = [" ".join(sentences[i * 3 : i * 3 + 3]) for i in range(count)]
    paragraphs[0] = f"SHIFAN, {when:%B} {when.day}, {when.year} — {paragraphs[0]}"
    return [("paragraph", f"<p>{p}</p>") for p in paragraphs]


def _articles(ctx: SeedContext, column: ColumnPage, slug: str, titles: tuple[str, ...]) -> None:
    existing = set(column.get_children().values_list("slug", flat=True))
    total = ctx.count(len(titles))
    for index in range(total):
        page_slug = f"{slug}-{index + 1:03d}"
        if page_slug in existing:
            continue
        rng = ctx.rng("en", slug, index)
        fresh = slug in ("news", "notices")
        when = ctx.spread(rng, index, total, 540 if fresh else 700, 3 if fresh else 60)
        v = values(rng, when)
        body = _body(rng, v, when)
        column.add_child(
            instance=ArticlePage(
                title=titles[index].format_map(v),
                slug=page_slug,
                date=when,
                first_published_at=when,
                last_published_at=when,
                body=body,
                summary=body[0][1][3:-4][:160],
                source="Shifan District Government Office",
                author="Shifan Information Office",
                owner_organisation=ctx.orgs["gov-office"],
                live=True,
                locale=column.locale,
            )
        )
        ctx.created["english articles"] += 1


def seed_english(ctx: SeedContext, home) -> None:
    with transaction.atomic():
        for slug, title, column_type, frequency, description, titles in EN_COLUMNS:
            column = ensure_child(
                ctx,
                home,
                ColumnPage(
                    title=title,
                    slug=slug,
                    column_type=column_type,
                    update_frequency=frequency,
                    description=description,
                    keywords=f"Shifan,{title}",
                    show_in_menus=True,
                    owner_organisation=ctx.orgs["gov-office"],
                    date=ctx.now,
                    locale=home.locale,
                ),
                "columns",
            )
            _articles(ctx, column, slug, titles)
            ctx.columns[f"en-{slug}"] = column
        _home_links(ctx, home)


def _home_links(ctx: SeedContext, home) -> None:
    if len(home.entry_points):
        return
    c = ctx.columns
    home.entry_points = [
        link("News", "news", c["en-news"], description="Latest news from Shifan"),
        link("Invest in Shifan", "topic", c["en-invest"], description="Industries, parks and support"),
        link("Living in Shifan", "service", c["en-living"], description="Practical information"),
        link("Government", "disclosure", c["en-government"], description="Leaders and departments"),
    ]
    home.save(update_fields=["entry_points"])
