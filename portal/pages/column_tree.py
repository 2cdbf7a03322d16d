"""The reference column tree (栏目) of a district portal, as product data, and its installer.

``data/columns.yaml`` holds the standard structure of a district portal (DESIGN.md, "Reference
site map"). :func:`install_columns` creates what is missing of it under a home page and leaves
existing columns as they are, so it can be run again after an upgrade adds columns. Entries that
need an app (``requires_app``) are skipped while that app is not installed; entries with
``per_organisation`` get one column per organisation of that kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from portal.core.models import Organisation

from .column_types import is_registered
from .models import ColumnPage

DEFAULT_TREE = Path(__file__).with_name("data") / "columns.yaml"


@dataclass(frozen=True)
class PerOrganisation:
    """One column per organisation of ``kind``, titled with its short name."""

    kind: str
    type: str = "disclosure"
    frequency: str = "monthly"
    description: str = "{name}。"
    keywords: str = "{short_name}"


@dataclass(frozen=True)
class ColumnSpec:
    slug: str
    title: str
    type: str = "general"
    frequency: str = "as_needed"
    description: str = ""
    keywords: str = ""
    menu: bool = False
    requires_app: str = ""
    per_organisation: PerOrganisation | None = None
    children: tuple[ColumnSpec, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping) -> ColumnSpec:
        values = dict(data)
        children = tuple(cls.from_data(child) for child in values.pop("children", ()))
        per = values.pop("per_organisation", None)
        return cls(**values, children=children, per_organisation=PerOrganisation(**per) if per else None)


@dataclass
class InstalledColumn:
    """A column of the tree as it stands after installing: the page, and whether it is new."""

    page: ColumnPage
    slug: str
    created: bool
    organisation_kind: str = ""  # set on the columns made per organisation
    level: int = 1


@dataclass
class Installation:
    columns: list[InstalledColumn] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, title, required app)

    @property
    def created(self) -> list[InstalledColumn]:
        return [c for c in self.columns if c.created]


def load_tree(path: Path | str = DEFAULT_TREE) -> list[ColumnSpec]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return [ColumnSpec.from_data(item) for item in data.get("columns", [])]


def known_type(key: str) -> str:
    """The column's type if an installed app declares it, else 综合 (until that app arrives)."""
    return key if is_registered(key) else "general"


def app_installed(name: str) -> bool:
    """``name`` is an app label (``interaction``) or a dotted app name (``portal.interaction``)."""
    return any(name in (config.label, config.name) for config in apps.get_app_configs())


def district_name() -> str:
    """The district's name for ``{district}``: the top organisation's name without 人民政府."""
    top = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).order_by("sort_order", "pk").first()
    return top.name.removesuffix("人民政府") if top else "本区"


class _Installer:
    def __init__(self, *, district, owners, default_owner, now, dry_run):
        self.district = district
        self.owners = owners
        self.default_owner = default_owner
        self.now = now
        self.dry_run = dry_run
        self.level = 1
        self.result = Installation()

    def fill(self, text: str, **values) -> str:
        return text.format(district=self.district, **values)

    def install(self, parent: Page, specs) -> None:
        for spec in specs:
            if spec.requires_app and not app_installed(spec.requires_app):
                self.result.skipped.append((spec.slug, self.fill(spec.title), spec.requires_app))
                continue
            title = self.fill(spec.title)
            column = self.ensure(
                parent,
                spec.slug,
                title=title,
                column_type=known_type(spec.type),
                update_frequency=spec.frequency,
                owner_organisation=self.owners.get(spec.slug, self.default_owner),
                description=self.fill(spec.description) if spec.description else f"{self.district}{title}。",
                keywords=spec.keywords or title,
                show_in_menus=spec.menu,
            )
            self.level += 1
            if spec.per_organisation:
                self.per_organisation(column.page, spec.per_organisation)
            self.install(column.page, spec.children)
            self.level -= 1

    def per_organisation(self, parent: Page, per: PerOrganisation) -> None:
        for org in Organisation.objects.filter(kind=per.kind).order_by("sort_order", "pk"):
            names = {"name": org.name, "short_name": org.short_name or org.name}
            column = self.ensure(
                parent,
                org.slug,
                title=org.short_name or org.name,
                column_type=known_type(per.type),
                update_frequency=per.frequency,
                owner_organisation=org,
                description=self.fill(per.description, **names),
                keywords=self.fill(per.keywords, **names),
            )
            column.organisation_kind = per.kind

    def ensure(self, parent: Page, slug: str, **fields) -> InstalledColumn:
        """The column ``slug`` below ``parent``, created unless it exists (or only described, in a dry run)."""
        existing = parent.get_children().filter(slug=slug).first() if parent.pk else None
        if existing:
            column = InstalledColumn(existing.specific, slug, created=False)
        else:
            page = ColumnPage(
                slug=slug,
                date=self.now,
                first_published_at=self.now,
                last_published_at=self.now,
                live=True,
                **fields,
            )
            if not self.dry_run:
                parent.add_child(instance=page)
                log(instance=page, action="wagtail.create")
            column = InstalledColumn(page, slug, created=True)
        column.level = self.level
        self.result.columns.append(column)
        return column


def install_columns(
    home: Page,
    *,
    tree: list[ColumnSpec] | None = None,
    district: str | None = None,
    owners: Mapping[str, Organisation] | None = None,
    default_owner: Organisation | None = None,
    now=None,
    dry_run: bool = False,
) -> Installation:
    """Create the missing columns of ``tree`` (the reference tree by default) below ``home``.

    ``owners`` maps column slugs to their owning organisation; other columns get
    ``default_owner``, or inherit their parent's owner when that is ``None``. With ``dry_run``
    nothing is written and the result lists the columns that would be created.
    """
    installer = _Installer(
        district=district if district is not None else district_name(),
        owners=owners or {},
        default_owner=default_owner,
        now=now or timezone.now(),
        dry_run=dry_run,
    )
    installer.install(home, load_tree() if tree is None else tree)
    return installer.result
