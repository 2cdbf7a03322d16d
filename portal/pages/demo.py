"""The pages app's part of the demo district: home pages and site, columns, articles, English site.

Discovered by ``portal.demo.registry``; imported only when the demo app is installed.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from portal.core.models import SiteIdentity
from portal.demo import material
from portal.demo.media import cover_jpeg, image_file
from portal.demo.registry import register_seed
from portal.demo.seed.articles import HEADLINES, item_spec
from portal.demo.seed.context import SeedContext
from portal.demo.seed.english import english_article
from portal.demo.seed.pages import ensure_child, links
from portal.demo.writer import html, plain

from .column_tree import install_columns, known_type
from .models import ArticlePage, ColumnPage, HomePage

COVER_POOL = 24

# ---------------------------------------------------------------- home pages and site


def _home(ctx: SeedContext, language: str, **fields) -> HomePage:
    locale = Locale.objects.get_or_create(language_code=language)[0]
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        return home
    site = material.load("site")
    data = site["zh" if language == "zh-hans" else "en"]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title=data["title"],
            slug=data["slug"],
            locale=locale,
            owner_organisation=ctx.orgs[site["owner"]],
            intro=data["intro"],
            date=ctx.now,
            first_published_at=ctx.now,
            last_published_at=ctx.now,
            **fields,
        )
    )
    ctx.created["pages"] += 1
    return home


def _point_site(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    values = {**material.load("site")["site"], "root_page_id": home.pk}
    if any(getattr(site, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(site, key, value)
        site.save()
    return site


def _delete_welcome(ctx: SeedContext) -> None:
    for page in Page.get_first_root_node().get_children():
        if (
            page.specific_class is Page
            and page.slug == "home"
            and not Site.objects.filter(root_page=page).exists()
        ):
            page.delete()
            ctx.created["welcome pages deleted"] += 1


def _identity(site: Site) -> None:
    values = material.load("site")["identity"]
    identity = SiteIdentity.for_site(site)
    if any(getattr(identity, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(identity, key, value)
        identity.full_clean()
        identity.save()


@register_seed("site", order=30, label="首页、站点与网站标识")
def seed_site(ctx: SeedContext) -> None:
    zh_home = _home(ctx, "zh-hans")
    site = _point_site(zh_home)
    _delete_welcome(ctx)
    _identity(site)
    ctx.homes = {"zh-hans": zh_home, "en": _home(ctx, "en", translation_key=zh_home.translation_key)}


@register_seed("home links", order=50, label="首页入口")
def seed_home_links(ctx: SeedContext) -> None:
    """The four entry points and the quick links, filled only while empty."""
    home = ctx.homes["zh-hans"]
    if len(home.entry_points) and len(home.quick_links):
        return
    site = material.load("site")
    home.entry_points = links(ctx, site["entry_points"])
    home.quick_links = links(ctx, site["quick_links"])
    home.save(update_fields=["entry_points", "quick_links"])


# ---------------------------------------------------------------- columns


def _topics(ctx: SeedContext, topics: dict) -> list[ColumnPage]:
    """The campaign topics (专题) of the demo, below the reference tree's topic column."""
    parent, today, pages = ctx.columns[topics["parent"]], ctx.now.date(), []
    for spec in topics["columns"]:
        page = ColumnPage(
            title=spec["title"],
            slug=spec["slug"],
            column_type=known_type(spec["type"]),
            update_frequency=spec["frequency"],
            owner_organisation=ctx.orgs[spec["owner"]],
            description=spec["description"],
            keywords=spec["title"],
            date=ctx.now,
            starts_on=today - timedelta(days=spec["starts_days_ago"]),
            ends_on=today + timedelta(days=spec["ends_days_ahead"]),
        )
        ctx.columns[spec["slug"]] = column = ensure_child(ctx, parent, page, "columns")
        pages.append(column)
    return pages


@register_seed("columns", order=40, label="栏目")
def seed_columns(ctx: SeedContext) -> None:
    """The reference column tree with the demo's owners, then the topics; note what gets items."""
    layer = material.load("columns")
    owners = {slug: ctx.orgs[c["owner"]] for slug, c in layer["columns"].items() if "owner" in c}
    result = install_columns(
        ctx.homes["zh-hans"],
        district=material.district()["name"],
        owners=owners,
        default_owner=ctx.orgs[layer["default_owner"]],
        now=ctx.now,
    )
    if result.created:
        ctx.created["columns"] += len(result.created)
    leaves = []
    for column in result.columns:
        ctx.columns[column.slug] = column.page
        fill = layer["per_organisation"].get(column.organisation_kind) or layer["columns"].get(
            column.slug, {}
        )
        if fill.get("content"):
            leaves.append((column.page, fill["content"], fill["count"]))
    topics = {t["slug"]: t for t in layer["topics"]["columns"]}
    leaves += [
        (page, topics[page.slug]["content"], topics[page.slug]["count"])
        for page in _topics(ctx, layer["topics"])
    ]
    ctx.leaves = sorted(leaves, key=lambda leaf: leaf[0].path)  # tree order, as the items are drawn


# ---------------------------------------------------------------- articles


def cover_image(ctx: SeedContext, number: int):
    Image = get_image_model()
    title = f"示范区新闻图片{number:02d}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=image_file(cover_jpeg(f"cover-{number}"), f"cover-{number:02d}.jpg"))
        image._set_image_file_metadata()
        image.save()
        ctx.created["images"] += 1
    return image


def _cover_for(ctx: SeedContext, kind: str, index: int) -> tuple[bool, int | None]:
    """(is_headline, cover number) for an item: a few headlines in 要闻, every photo news item."""
    if kind == "district_news" and index % 5 == 1 and index // 5 < ctx.count(HEADLINES):
        return True, index // 5 + 1
    if kind == "photo_news":
        return False, HEADLINES + 1 + index % max(1, ctx.count(COVER_POOL - HEADLINES))
    return False, None


def create_article(ctx: SeedContext, column, spec: dict, headline=False, cover=None) -> ArticlePage:
    paragraphs = spec["paragraphs"]
    page = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        date=spec["date"],
        first_published_at=spec["date"],
        last_published_at=spec["date"],
        body=html(paragraphs),
        summary=plain(paragraphs[0])[:120],
        source=spec["source"],
        author=spec["author"],
        owner_organisation=spec["owner"],
        is_headline=headline,
        cover_image=cover,
        live=True,
    )
    column.add_child(instance=page)
    ctx.created["articles"] += 1
    return page


def fill_column(ctx: SeedContext, column, kind: str, base_count: int) -> None:
    total = ctx.count(base_count)
    existing = set(column.get_children().values_list("slug", flat=True))
    for index in range(total):
        if f"{column.slug}-{index + 1:04d}" in existing:
            continue
        spec = item_spec(ctx, column, kind, index, total)
        headline, number = _cover_for(ctx, kind, index)
        create_article(ctx, column, spec, headline, cover_image(ctx, number) if number else None)


@register_seed("articles", order=60, label="文章", atomic=False)
def seed_articles(ctx: SeedContext) -> None:
    for column, kind, count in ctx.leaves:
        with transaction.atomic():
            fill_column(ctx, column, kind, count)


# ---------------------------------------------------------------- English site


def _english_articles(ctx: SeedContext, column: ColumnPage, slug: str, titles: list[str]) -> None:
    existing = set(column.get_children().values_list("slug", flat=True))
    total = ctx.count(len(titles))
    for index in range(total):
        page_slug = f"{slug}-{index + 1:03d}"
        if page_slug in existing:
            continue
        column.add_child(
            instance=ArticlePage(
                slug=page_slug, locale=column.locale, **english_article(ctx, slug, titles, index, total)
            )
        )
        ctx.created["english articles"] += 1


@register_seed("english", order=80, label="英文网站")
def seed_english(ctx: SeedContext) -> None:
    home, english = ctx.homes["en"], material.load("english")
    for spec in english["columns"]:
        column = ensure_child(
            ctx,
            home,
            ColumnPage(
                title=spec["title"],
                slug=spec["slug"],
                column_type=known_type(spec["type"]),
                update_frequency=spec["frequency"],
                description=spec["description"],
                keywords=f"Shifan,{spec['title']}",
                show_in_menus=True,
                owner_organisation=ctx.orgs["gov-office"],
                date=ctx.now,
                locale=home.locale,
            ),
            "columns",
        )
        _english_articles(ctx, column, spec["slug"], spec["titles"])
        ctx.columns[f"en-{spec['slug']}"] = column
    if not len(home.entry_points):
        home.entry_points = links(ctx, english["entry_points"])
        home.save(update_fields=["entry_points"])
