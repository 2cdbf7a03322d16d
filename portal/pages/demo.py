"""The pages app's part of the demo district: home pages and site, columns, articles, English site.

Discovered by ``portal.demo.registry``; imported only when the demo app is installed.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex, Site

from portal.core.models import SiteIdentity
from portal.demo import material
from portal.demo.media import content_file, image_file, video_webm, webvtt
from portal.demo.pictures import SCENE_NAMES, scene_jpeg
from portal.demo.registry import register_seed
from portal.demo.seed.articles import HEADLINES, column_specs
from portal.demo.seed.context import SeedContext
from portal.demo.seed.english import english_article
from portal.demo.seed.pages import ensure_child, links
from portal.demo.writer import html, plain

from .column_tree import install_columns, known_type
from .models import ArticlePage, ColumnPage, HomePage

CAPTION_SECONDS = 2.0

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


def _image(ctx: SeedContext, title: str, alt: str, data: bytes, filename: str):
    """The stored image called ``title``, created from ``data`` if it is missing."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, description=alt, file=image_file(data, filename))
        image._set_image_file_metadata()
        image.save()
        ctx.created["images"] += 1
    return image


def cover_image(ctx: SeedContext, number: int, scene: str):
    alt = f"示意插图：{SCENE_NAMES[scene]}"
    return _image(
        ctx,
        f"示范区新闻图片{number:02d}",
        alt,
        scene_jpeg(scene, f"cover-{number}"),
        f"cover-{number:02d}.jpg",
    )


def _document(ctx: SeedContext, title: str, data: bytes, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=content_file(data, filename))
        document._set_document_file_metadata()
        document.save()
        ctx.created["media files"] += 1
    return document


def _picture_block(ctx: SeedContext, spec: dict) -> tuple:
    picture = spec["picture"]
    image = _image(
        ctx, spec["title"].removeprefix("图说："), picture["alt"],
        scene_jpeg(picture["scene"], spec["slug"]), f"{spec['slug']}.jpg",
    )  # fmt: skip
    spec["cover"] = image
    return ("image", {"image": image, "alt_text": picture["alt"], "decorative": False})


def _video_block(ctx: SeedContext, spec: dict) -> tuple:
    """The clip, drawn from the scene and as long as its captions, with the caption track."""
    seconds = CAPTION_SECONDS * len(spec["captions"])
    title = spec["title"].removeprefix("【视频】")
    video = _document(
        ctx,
        f"{title}（视频）",
        video_webm(spec["picture"]["scene"], spec["slug"], seconds),
        f"{spec['slug']}.webm",
    )
    track = _document(
        ctx, f"{title}（字幕）", webvtt(spec["captions"], CAPTION_SECONDS), f"{spec['slug']}.vtt"
    )
    poster = _image(
        ctx, f"{title}（封面）", spec["picture"]["alt"],
        scene_jpeg(spec["picture"]["scene"], spec["slug"]), f"{spec['slug']}-poster.jpg",
    )  # fmt: skip
    spec["cover"] = poster
    value = {"video": video, "captions": track, "poster": poster, "caption": title}
    return ("video", value)


def _map_block(ctx: SeedContext) -> tuple:
    """The district's streets from the shipped GeoJSON, each linked to its page in 机构职能."""
    data = json.loads((material.DATA_DIR / "district-streets.geojson").read_text(encoding="utf-8"))
    directory = ctx.columns.get("jgzn")
    for feature in data["features"]:
        org = ctx.orgs.get(feature["properties"].get("slug", ""))
        if org is not None and directory is not None:
            feature["properties"]["url"] = directory.url_for(org)
    note = "图中各街道边界为示意，点击街道名称查看街道机构职能。"
    return (
        "area_map",
        {"title": "示范区行政区划示意图", "geojson": json.dumps(data, ensure_ascii=False), "note": note},
    )


def create_article(ctx: SeedContext, column, spec: dict, headline=False, cover=None) -> ArticlePage:
    paragraphs = spec["paragraphs"]
    body = html(paragraphs)
    if "captions" in spec:
        body.insert(0, _video_block(ctx, spec))
    elif "picture" in spec:
        body.insert(0, _picture_block(ctx, spec))
    if spec.get("map"):
        body.insert(1, _map_block(ctx))
    page = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        date=spec["date"],
        first_published_at=spec["date"],
        last_published_at=spec["date"],
        body=body,
        summary=plain(paragraphs[0])[:120],
        source=spec["source"],
        author=spec["author"],
        owner_organisation=spec["owner"],
        is_headline=headline,
        cover_image=cover or spec.get("cover"),
        live=True,
    )
    column.add_child(instance=page)
    if "captions" in spec:  # the clip and its captions are public once a live page is known to show them
        ReferenceIndex.create_or_update_for_object(page)
    ctx.created["articles"] += 1
    return page


def fill_column(ctx: SeedContext, column, kind: str, base_count: int) -> None:
    """Create the column's items that are missing; a few 要闻 are headlines with a cover picture."""
    existing = set(column.get_children().values_list("slug", flat=True))
    headlines = 0
    for index, spec in enumerate(column_specs(ctx, column, kind, ctx.count(base_count))):
        headline = kind == "district_news" and index % 5 == 1 and headlines < ctx.count(HEADLINES)
        headlines += headline
        if spec["slug"] in existing:
            continue
        spec["map"] = kind == "map"
        cover = cover_image(ctx, headlines, spec["scene"]) if headline else None
        create_article(ctx, column, spec, headline, cover)


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
