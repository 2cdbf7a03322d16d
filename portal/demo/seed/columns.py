"""The column tree (栏目) and the two directory pages below 法定主动公开内容."""

from __future__ import annotations

from datetime import timedelta

from wagtail.models import Page

from portal.core.models import Organisation
from portal.disclosure.models import LeaderDirectoryPage, OrganisationDirectoryPage
from portal.pages.models import ColumnPage

from ..sitemap import Col, column_tree
from .context import SeedContext


def ensure_child(ctx: SeedContext, parent: Page, page: Page, counter: str = "pages") -> Page:
    """Add ``page`` under ``parent`` unless a child with its slug exists; return the stored page."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    for field in ("first_published_at", "last_published_at"):
        if getattr(page, field, None) is None:
            setattr(page, field, page.date)
    page.live = True
    parent.add_child(instance=page)
    ctx.created[counter] += 1
    return page


def _per_org_columns(ctx: SeedContext, spec: Col) -> list[Col]:
    kind = spec.extra.get("per")
    if not kind:
        return spec.children
    orgs = Organisation.objects.filter(kind=kind).order_by("sort_order")
    content = f"{kind}_disclosure"
    return [
        Col(
            org.slug,
            org.short_name or org.name,
            "disclosure",
            "monthly",
            org.slug,
            content=content,
            count=2 if kind == "department" else 3,
            description=f"{org.name}政府信息公开。",
            keywords=f"{org.short_name},信息公开",
        )
        for org in orgs
    ]


def _column(ctx: SeedContext, parent: Page, spec: Col) -> ColumnPage:
    today = ctx.now.date()
    page = ColumnPage(
        title=spec.title,
        slug=spec.slug,
        column_type=spec.type,
        update_frequency=spec.freq,
        owner_organisation=ctx.orgs[spec.owner],
        description=spec.description or f"示范区{spec.title}。",
        keywords=spec.keywords or spec.title,
        show_in_menus=spec.menu,
        date=ctx.now,
        starts_on=today - timedelta(days=spec.topic_days[0]) if spec.topic_days else None,
        ends_on=today + timedelta(days=spec.topic_days[1]) if spec.topic_days else None,
    )
    return ensure_child(ctx, parent, page, "columns")


def _build(ctx: SeedContext, parent: Page, spec: Col, leaves: list) -> None:
    column = _column(ctx, parent, spec)
    ctx.columns[spec.slug] = column
    if spec.content:
        leaves.append((column, spec))
    for child in _per_org_columns(ctx, spec):
        _build(ctx, column, child, leaves)


def _directories(ctx: SeedContext) -> None:
    parent = ctx.columns["fdzdgknr"]
    owner = ctx.orgs["gov-office"]
    ctx.columns["jgzn"] = ensure_child(
        ctx,
        parent,
        OrganisationDirectoryPage(
            title="机构职能",
            slug="jgzn",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>示范区人民政府、区政府工作部门和街道办事处的机构职能、办公地址、办公时间和联系方式。</p>",
        ),
    )
    ctx.columns["ldxx-dir"] = ensure_child(
        ctx,
        parent,
        LeaderDirectoryPage(
            title="领导信息",
            slug="ldxx",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>示范区人民政府及区政府工作部门、街道办事处领导姓名、照片、简历和工作分工。</p>",
        ),
    )


def seed_columns(ctx: SeedContext, home: Page) -> list[tuple[ColumnPage, Col]]:
    """Create the tree; return the columns that get generated items, with their specs."""
    leaves: list[tuple[ColumnPage, Col]] = []
    for spec in column_tree():
        _build(ctx, home, spec, leaves)
    _directories(ctx)
    return leaves
