from django.urls import reverse

from portal.core.models import StaffProfile
from tests import factories


def test_department_editor_edits_only_own_columns(client, home):
    education = factories.organisation(name="示范区教育局")
    health = factories.organisation(name="示范区卫生健康局")
    own = factories.column(parent=home, title="教育动态", owner_organisation=education)
    other = factories.column(parent=home, title="卫健动态", owner_organisation=health)
    editor = factories.staff_user(education, StaffProfile.Role.EDITOR)
    client.force_login(editor)

    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code == 403
    add_other = reverse("wagtailadmin_pages:add", args=["pages", "articlepage", other.pk])
    assert client.get(add_other).status_code == 403


def test_changing_owner_moves_permissions(client, home):
    education = factories.organisation()
    health = factories.organisation()
    column = factories.column(parent=home, owner_organisation=education)
    editor = factories.staff_user(education)
    column.owner_organisation = health
    column.save()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[column.pk])).status_code == 403


def test_staff_join_their_organisation_group(db):
    org = factories.organisation(name="示范区民政局")
    reviewer = factories.staff_user(org, StaffProfile.Role.REVIEWER)
    assert list(reviewer.groups.values_list("name", flat=True)) == ["示范区民政局·审核"]
