"""Two departments with their own columns and staff, and the default workflows installed."""

from types import SimpleNamespace

import pytest

from portal.core.models import StaffProfile
from portal.editorial.services import install_default_workflows
from tests import factories


@pytest.fixture
def district(home):
    education = factories.organisation(name="示范区教育局")
    health = factories.organisation(name="示范区卫生健康局")
    install_default_workflows([home])
    ns = SimpleNamespace(home=home, education=education, health=health)
    ns.edu_column = factories.column(parent=home, title="教育动态", owner_organisation=education)
    ns.health_column = factories.column(parent=home, title="卫健动态", owner_organisation=health)
    ns.editor = factories.staff_user(education, StaffProfile.Role.EDITOR, username="edu_editor")
    ns.reviewer = factories.staff_user(education, StaffProfile.Role.REVIEWER, username="edu_reviewer")
    ns.lead = factories.staff_user(education, StaffProfile.Role.LEAD, username="edu_lead")
    ns.other_reviewer = factories.staff_user(health, StaffProfile.Role.REVIEWER, username="health_reviewer")
    for user in (ns.editor, ns.reviewer, ns.lead, ns.other_reviewer):
        user.email = f"{user.username}@example.gov.cn"
        user.save(update_fields=["email"])
    return ns


def draft_article(column, **fields):
    """An unpublished article below ``column``, with one saved revision."""
    page = factories.article(parent=column, live=False, **fields)
    page.save_revision()
    return page
