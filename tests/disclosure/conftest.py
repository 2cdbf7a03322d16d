"""Shared data of the disclosure platform tests: a three-level organisation tree, its columns
and the generated pages of the platform and the catalogues."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from portal.core.models import Organisation
from portal.disclosure.models import ConcernCataloguePage, DisclosurePlatformPage, StandardCataloguePage
from tests import factories
from tests.browser.conftest import browser  # noqa: F401  (the shared headless Chromium)


@pytest.fixture
def tree(home):
    district = factories.district()
    dept = factories.organisation(
        name="区教育局",
        slug="edu",
        address="示范区学府路 8 号",
        phone="0755-2800 1234",
        office_hours="工作日 9:00-17:00",
    )
    street = factories.organisation(kind=Organisation.Kind.STREET, name="示范街道", slug="sfjd")
    community = factories.organisation(
        kind=Organisation.Kind.COMMUNITY,
        parent=street,
        name="示范街道桃园社区",
        short_name="桃园社区",
        slug="taoyuan",
    )
    zwgk = factories.column(
        home, title="政务公开", slug="zwgk", column_type="disclosure", owner_organisation=district
    )
    policies = factories.column(
        zwgk, title="政策文件", slug="zcwj", column_type="policy", owner_organisation=district
    )
    platform = zwgk.add_child(instance=DisclosurePlatformPage(title="信息公开平台", slug="xxgkpt"))
    return SimpleNamespace(
        home=home,
        district=district,
        dept=dept,
        street=street,
        community=community,
        zwgk=zwgk,
        policies=policies,
        platform=platform,
    )


def add_catalogue_page(parent):
    return parent.add_child(instance=StandardCataloguePage(title="公开事项标准目录", slug="mulu"))


def add_concern_page(parent):
    return parent.add_child(instance=ConcernCataloguePage(title="群众关切事项目录", slug="guanqie"))
