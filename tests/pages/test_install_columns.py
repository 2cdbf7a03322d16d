"""`install_columns`: the reference column tree, idempotent, with dry run and required apps."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from portal.pages.column_tree import ColumnSpec, install_columns, load_tree
from portal.pages.models import ColumnPage
from tests import factories


def install(*args) -> str:
    out = io.StringIO()
    call_command("install_columns", *args, stdout=out)
    return out.getvalue()


def slugs(items) -> set[str]:
    found = set()
    for spec in items:
        found.add(spec.slug)
        found |= slugs(spec.children)
    return found


def test_reference_tree_has_three_levels_and_marks_missing_features():
    tree = load_tree()
    assert [c.slug for c in tree][:3] == ["zjsf", "zwgk", "xwdt"]
    assert {"zwgk", "fdzdgknr", "zcwj", "gknb"} <= slugs(tree)

    def depth(items):
        return 1 + max((depth(c.children) for c in items), default=0) if items else 0

    assert depth(tree) <= 3
    required = {c.slug: c.requires_app for c in tree if c.requires_app}
    assert required == {"sjkf": "opendata"}
    assert "hdjl" not in slugs(tree), "互动交流 is the interaction app's own section"


@pytest.mark.django_db
def test_install_under_default_site_is_idempotent_and_skips_uninstalled_apps(home):
    district = factories.district()
    dept = factories.organisation(name="示范区教育局", short_name="区教育局", slug="edu")
    output = install()
    assert "跳过：数据开放（sjkf），需要安装应用 opendata" in output
    zjsf = ColumnPage.objects.get(slug="zjsf")
    assert zjsf.title == "走进示范区" and zjsf.get_parent().pk == home.pk and zjsf.live
    assert zjsf.description.startswith("示范区区情概况")
    assert not ColumnPage.objects.filter(slug__in=["hdjl", "ldxx", "sjkf", "sjml", "fwzr"]).exists()
    per_org = ColumnPage.objects.get(slug="edu")
    assert per_org.get_parent().slug == "bmxxgk" and per_org.owner_organisation == dept
    assert per_org.title == "区教育局" and per_org.description == "示范区教育局政府信息公开。"
    assert ColumnPage.objects.get(slug="zwgk").owner_organisation_id == home.owner_organisation_id
    assert all(c.level <= 3 for c in ColumnPage.objects.all())
    count = ColumnPage.objects.count()
    again = install()
    assert "已创建 0 个栏目" in again and ColumnPage.objects.count() == count
    assert district.name == "示范区人民政府"


@pytest.mark.django_db
def test_dry_run_lists_and_writes_nothing(home):
    output = install("--dry-run", "--district", "样板区")
    assert "将创建：走进样板区（zjsf）" in output
    assert "将创建：　区情概况（qqgk）" in output
    assert not ColumnPage.objects.exists()


@pytest.mark.django_db
def test_required_app_installed_creates_entry(home):
    tree = [
        ColumnSpec("a", "有", requires_app="pages"),
        ColumnSpec("b", "无", requires_app="opendata", children=(ColumnSpec("c", "下级"),)),
    ]
    owner = factories.organisation()
    result = install_columns(home, tree=tree, district="示范区", default_owner=owner)
    assert [c.slug for c in result.created] == ["a"]
    assert result.skipped == [("b", "无", "opendata")]
    assert ColumnPage.objects.get(slug="a").owner_organisation == owner


@pytest.mark.django_db
def test_unknown_home_or_owner_is_refused(home):
    with pytest.raises(CommandError, match="找不到 ID"):
        install("--home", "999999")
    with pytest.raises(CommandError, match="找不到网址标识"):
        install("--owner", "nobody")
