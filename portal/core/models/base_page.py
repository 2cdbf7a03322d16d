"""The page every portal page type inherits: owner organisation, publish time, listing rules."""

from __future__ import annotations

from html import unescape

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models
from wagtail.search import index


class BasePage(Page):
    """Carries what accountability and staleness need on every page.

    ``owner_organisation`` is the organisation answerable for the page (谁发布谁负责); pages
    created without one inherit their parent's. ``date`` is the publish time shown to the
    public and used to order listings.
    """

    owner_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateTimeField(_("发布时间"), default=timezone.now, db_index=True)

    # Container pages (home, columns, directories) are left out of item listings and feeds.
    is_container = False
    is_column = False

    search_fields = Page.search_fields + [
        index.FilterField("owner_organisation"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("门户页面")

    def save(self, *args, **kwargs):
        if self.owner_organisation_id is None and self.depth and self.depth > 1:
            parent = self.get_parent()
            if parent is not None:
                self.owner_organisation_id = accountable_organisation_id(parent)
        return super().save(*args, **kwargs)

    def accountable_organisation(self):
        """The organisation answerable for this page (谁发布谁负责): its owner, else the
        nearest ancestor page's owner."""
        from .organisations import Organisation

        org_id = accountable_organisation_id(self)
        return Organisation.objects.filter(pk=org_id).first() if org_id else None

    @classmethod
    def page_models(cls) -> list[type[BasePage]]:
        """Every portal page type."""
        return [
            m
            for m in get_page_models()
            if issubclass(m, BasePage) and m is not BasePage and not m._meta.abstract
        ]

    @classmethod
    def item_models(cls) -> list[type[BasePage]]:
        """Page types that appear in column listings and feeds."""
        return [m for m in cls.page_models() if not m.is_container]

    @classmethod
    def items(cls):
        """Live item pages (articles, documents, …), newest first."""
        from portal.core.visibility import public

        return public(BasePage.objects.live().type(*cls.item_models())).order_by("-date", "-pk")

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page and its ancestors; no query for the (usual) page
        outside every restricted subtree."""
        from wagtail.models import PageViewRestriction

        from portal.core.visibility import is_restricted

        if self.alias_of_id is None and not is_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def column(self):
        """The nearest column this page belongs to (itself for a column)."""
        from portal.core.routing import chain_of

        if self.is_column:
            return self
        for ancestor in reversed(chain_of(self)):
            if getattr(ancestor, "is_column", False):
                return ancestor
        return None

    def get_meta_tags(self) -> dict[str, str]:
        """The government page `<meta>` names (STANDARDS.md §1) this page emits."""
        tags: dict[str, str] = {}
        column = self.column()
        if column is not None:
            tags.update(column.column_meta_tags())
        if not self.is_container:
            tags["ArticleTitle"] = self.title
            tags["PubDate"] = timezone.localtime(self.date).strftime("%Y-%m-%d %H:%M")
            source = getattr(self, "source_name", lambda: "")()
            if source:
                tags["ContentSource"] = source
        return tags

    def meta_description(self) -> str:
        """The page's own description for `<meta name="description">`: the promote tab's search
        description, else its summary, description or introduction, else the opening of its text."""
        for name in ("search_description", "summary", "description", "intro"):
            value = getattr(self, name, "")
            if isinstance(value, str) and value.strip():
                return _excerpt(value)
        return _excerpt(_body_text(getattr(self, "body", None)))

    def source_name(self) -> str:
        return self.owner_organisation.name if self.owner_organisation_id else ""


DESCRIPTION_LENGTH = 120


def _body_text(body) -> str:
    if body is None:
        return ""
    if isinstance(body, str):
        return strip_tags(body)
    # A StreamField: the text of its rich-text and plain-text blocks, in order.
    parts = []
    for block in body:
        value = block.value
        source = getattr(value, "source", value)
        if isinstance(source, str):
            parts.append(strip_tags(source))
        if sum(len(p) for p in parts) > DESCRIPTION_LENGTH:
            break
    return " ".join(parts)


def _excerpt(text: str) -> str:
    text = " ".join(unescape(strip_tags(text)).split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1] + "…"


def accountable_organisation_id(page: Page) -> int | None:
    """The owner organisation id of ``page`` or of its nearest ancestor page that has one."""
    own = getattr(page.specific_deferred if type(page) is Page else page, "owner_organisation_id", None)
    if own or not page.depth:
        return own
    owners = dict(
        BasePage.objects.filter(pk__in=page.get_ancestors().values("pk"))
        .exclude(owner_organisation=None)
        .values_list("depth", "owner_organisation_id")
    )
    return owners[max(owners)] if owners else None
