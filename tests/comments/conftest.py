"""A news column that allows comments, with one article; lexicons with a held and a denylisted word."""

from types import SimpleNamespace

import pytest

from portal.comments.models import CommentColumn
from portal.core.models import StaffProfile
from portal.editorial.models.checks import Lexicon
from tests import factories
from tests.browser.conftest import browser  # noqa: F401  (the shared headless Chromium)

HELD = "内部消息"
DENIED = "违禁广告词"


@pytest.fixture
def board(home, settings):
    settings.PORTAL_SUBMISSION_POW_BITS = 0
    settings.PORTAL_SUBMISSION_MIN_SECONDS = 0
    dept = factories.organisation(name="示范区人力资源和社会保障局", slug="rsj")
    other = factories.organisation(name="示范区民政局", slug="mzj")
    column = factories.column(home, title="工作动态", slug="gzdt", owner_organisation=dept)
    closed = factories.column(home, title="通知公告", slug="tzgg", owner_organisation=dept)
    CommentColumn.objects.create(column=column)
    article = factories.article(column, title="就业补贴申领开始")
    article.save_revision().publish()
    quiet = factories.article(closed, title="无评论的通知")
    Lexicon.objects.create(name="评论提示词", category="sensitive", severity="warn", terms=HELD)
    Lexicon.objects.create(name="评论禁用词", category="sensitive", severity="block", terms=DENIED)
    editor = factories.staff_user(dept, role=StaffProfile.Role.EDITOR)
    outsider = factories.staff_user(other, role=StaffProfile.Role.EDITOR)
    return SimpleNamespace(
        home=home, dept=dept, column=column, article=article, quiet=quiet, editor=editor, outsider=outsider
    )


def post(client, page, body, **extra):
    from portal.core.submissions import issue_form_token

    data = {"body": body, "form_token": issue_form_token(), "website": "", "pow_solution": "", **extra}
    return client.post(f"/pinglun/{page.pk}/", data)
