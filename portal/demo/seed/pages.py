"""Helpers for the steps that create pages: add a page once, and a home-page link block."""

from __future__ import annotations

from wagtail.models import Page

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


def link(title: str, icon: str, page=None, url: str = "", description: str = "") -> tuple:
    return ("link", {"title": title, "page": page, "url": url, "icon": icon, "description": description})


def links(ctx: SeedContext, items: list[dict]) -> list[tuple]:
    """Link blocks from data: to the column named ``column`` if the demo has it, else to ``url``.

    An item whose column is missing and which has no ``url`` is left out.
    """
    blocks = []
    for item in items:
        page = ctx.columns.get(item.get("column", ""))
        if page is None and not item.get("url"):
            continue
        url = "" if page is not None else item["url"]
        blocks.append(link(item["title"], item["icon"], page, url, item.get("description", "")))
    return blocks
