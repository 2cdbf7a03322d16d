"""A small interpretation column: a policy column with two documents, an interpretation column
and a package of the first document."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from portal.interpretation.models import (
    InterpretationPackagePage,
    InterpretationPage,
    InterpretedPolicy,
    QuestionAnswer,
)
from tests import factories
from tests.browser.conftest import browser  # noqa: F401  (the shared headless Chromium)


def interpretation(parent, policies, kind="text", live=True, questions=(), **fields) -> InterpretationPage:
    n = InterpretationPage.objects.count() + 1
    values = {
        "title": f"解读{n}",
        "slug": f"jd-{n}",
        "kind": kind,
        "body": "<p>解读正文。</p>",
        "live": live,
    }
    values.update(fields)
    page = parent.add_child(instance=InterpretationPage(**values))
    for order, policy in enumerate(policies):
        InterpretedPolicy.objects.create(interpretation=page, policy=policy, sort_order=order)
    for order, (q, a) in enumerate(questions):
        QuestionAnswer.objects.create(interpretation=page, question=q, answer=a, sort_order=order)
    if live:
        page.save_revision().publish()
    return InterpretationPage.objects.get(pk=page.pk)


@pytest.fixture
def site(home):
    district = factories.district()
    dept = factories.organisation(name="示范区人力资源和社会保障局", slug="rsj")
    policies = factories.column(
        home, title="政策文件", slug="zcwj", column_type="policy", owner_organisation=district
    )
    column = factories.column(
        home, title="政策解读", slug="zcjd", column_type="interpretation", owner_organisation=dept
    )
    week_ago = timezone.now() - timedelta(days=7)
    doc = factories.policy_document(
        policies,
        title="示范区就业创业补贴办法",
        is_normative=True,
        genre="办法",
        owner_organisation=dept,
        date=week_ago,
    )
    other = factories.policy_document(policies, title="示范区养老服务补贴通知", owner_organisation=dept)
    package = column.add_child(
        instance=InterpretationPackagePage(
            title="就业创业补贴政策解读专题", slug="jycy", policy=doc, owner_organisation=dept, live=False
        )
    )
    return SimpleNamespace(
        home=home,
        district=district,
        dept=dept,
        policies=policies,
        column=column,
        doc=doc,
        other=other,
        package=package,
    )
