"""三员分立: the system, security and audit administrators, none able to act as another."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from portal.accounts import roles
from tests import factories

from .conftest import PASSWORD


def _status(user, url, method="get", data=None) -> int:
    client = Client()
    client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


@pytest.fixture
def world(admins, editor, home):
    site = Site.objects.get(is_default_site=True)
    column = factories.column(parent=home, owner_organisation=editor.staff_profile.organisation)
    return {
        "audit": "/admin/audit/",
        "audit_export": "/admin/audit/?format=csv",
        "site_history": "/admin/reports/site-history/",
        "security": reverse("accounts_security"),
        "users": reverse("wagtailusers_users:index"),
        "edit_editor": reverse("wagtailusers_users:edit", args=[editor.pk]),
        "groups": reverse("wagtailusers_groups:index"),
        "page_edit": reverse("wagtailadmin_pages:edit", args=[column.pk]),
        "sites": reverse("wagtailsites:index"),
        "site_identity": reverse("wagtailsettings:edit", args=["core", "siteidentity", site.pk]),
        "organisations": "/admin/snippets/core/organisation/",
        "documents": reverse("wagtaildocs:index"),
    }


# What each role may open (200); everything else in ``world`` must not answer 200.
ALLOWED = {
    "audit": {"audit", "audit_export", "site_history"},
    "security": {"security", "users", "edit_editor"},
    "system": {"sites", "site_identity", "organisations"},
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_role_separation_matrix(world, admins, role):
    user = getattr(admins, role)
    answers = {name: _status(user, url) for name, url in world.items()}
    assert {name for name, code in answers.items() if code == 200} == ALLOWED[role]


@pytest.mark.parametrize("role", ["system", "security"])
def test_roles_denied_the_audit_trail_get_403_even_with_the_permission(admins, role, db):
    group = Group.objects.get(name=getattr(roles, role.upper()).name)
    group.permissions.add(Permission.objects.get(codename="view_audit_log"))
    assert _status(getattr(admins, role), "/admin/audit/") == 403


def test_the_audit_administrator_cannot_unlock_even_with_the_permission(admins):
    Group.objects.get(name=roles.AUDIT.name).permissions.add(
        Permission.objects.get(codename="unlock_account")
    )
    assert _status(admins.audit, reverse("accounts_unlock"), "post", {"username": "x"}) == 403


def test_the_audit_administrator_reads_every_organisation(admins, editor):
    client = Client()
    client.force_login(admins.audit)
    page = client.get("/admin/audit/").content.decode()
    assert editor.staff_profile.organisation.name in page  # offered as a filter


def test_install_admin_roles_is_idempotent_and_resets_permissions(db, capsys):
    call_command("install_admin_roles")
    audit = Group.objects.get(name="审计管理员")
    audit.permissions.add(Permission.objects.get(codename="change_user"))
    call_command("install_admin_roles")
    assert sorted(audit.permissions.values_list("codename", flat=True)) == ["access_admin", "view_audit_log"]
    assert Group.objects.filter(name__in=roles.ROLE_NAMES).count() == 3
    assert "已重置：审计管理员" in capsys.readouterr().out


def test_one_account_holds_one_role_only(admins, editor):
    with pytest.raises(ValidationError), transaction.atomic():
        admins.audit.groups.add(Group.objects.get(name=roles.SECURITY.name))
    with pytest.raises(ValidationError), transaction.atomic():
        Group.objects.get(name=roles.SYSTEM.name).user_set.add(editor)  # editor is in an organisation group
    assert roles.role_problem([Group(name="审计管理员")], is_superuser=True)
    assert roles.role_problem([Group(name="审计管理员")]) is None


def _user_form(**fields):
    data = {
        "username": "newadmin",
        "email": "new@example.gov.cn",
        "first_name": "新",
        "last_name": "管理员",
        "password1": "Long-Pass-2026-xyz",
        "password2": "Long-Pass-2026-xyz",
        "is_active": "on",
    }
    data.update(fields)
    return data


def test_the_user_form_refuses_two_roles(admins, django_user_model):
    client = Client()
    client.force_login(admins.security)
    both = [Group.objects.get(name=roles.AUDIT.name).pk, Group.objects.get(name=roles.SYSTEM.name).pk]
    response = client.post(reverse("wagtailusers_users:add"), _user_form(groups=both))
    assert response.status_code == 200
    assert "只能担任" in response.content.decode()
    assert not django_user_model.objects.filter(username="newadmin").exists()


def test_the_security_administrator_cannot_make_a_superuser(admins, django_user_model):
    client = Client()
    client.force_login(admins.security)
    response = client.post(reverse("wagtailusers_users:add"), _user_form(is_superuser="on"))
    assert response.status_code == 302
    assert django_user_model.objects.get(username="newadmin").is_superuser is False


def test_the_security_administrator_cannot_change_own_groups(admins):
    client = Client()
    client.force_login(admins.security)
    page = client.get(reverse("wagtailusers_users:edit", args=[admins.security.pk])).content.decode()
    assert 'name="groups"' not in page


def test_administrator_accounts_are_managed_by_a_superuser_only(admins, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.gov.cn", PASSWORD)
    for target in (admins.audit, admins.system, root):
        assert _status(admins.security, reverse("wagtailusers_users:edit", args=[target.pk])) == 403
        assert _status(admins.security, reverse("wagtailusers_users:delete", args=[target.pk])) == 403
    assert _status(root, reverse("wagtailusers_users:edit", args=[admins.audit.pk])) == 200


def test_an_administrator_gets_no_staff_record_a_form_error_instead(admins, editor):
    """A 工作人员 record would put the account in an organisation group: refused on the form."""
    from portal.core.models import StaffProfile

    organisation = editor.staff_profile.organisation
    client = Client()
    client.force_login(admins.security)
    response = client.post(
        "/admin/snippets/core/staffprofile/add/",
        {"user": admins.audit.pk, "organisation": organisation.pk, "role": "editor", "phone": ""},
    )
    assert response.status_code == 200
    assert "不能同时属于其他用户组" in response.content.decode()
    assert not StaffProfile.objects.filter(user=admins.audit).exists()
    assert list(admins.audit.groups.values_list("name", flat=True)) == [roles.AUDIT.name]


def test_an_ordinary_account_still_gets_its_staff_record(admins, editor, django_user_model):
    from portal.core.models import StaffProfile

    newcomer = django_user_model.objects.create_user("newcomer", password=PASSWORD)
    client = Client()
    client.force_login(admins.security)
    response = client.post(
        "/admin/snippets/core/staffprofile/add/",
        {"user": newcomer.pk, "organisation": editor.staff_profile.organisation.pk, "role": "reviewer"},
    )
    assert response.status_code == 302
    assert StaffProfile.objects.get(user=newcomer).role == "reviewer"
    assert newcomer.groups.count() == 1


def _menu_labels(client) -> list[str]:
    """Every label in the admin sidebar (rendered as JSON props for the sidebar script)."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                found.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return found


@pytest.mark.parametrize(
    ("role", "hidden", "shown"),
    [
        ("security", "审计日志", "工作人员"),
        ("security", "站点历史", "账号安全"),
        ("audit", "账号安全", "审计日志"),
    ],
)
def test_menus_hide_what_a_role_is_refused(admins, role, hidden, shown):
    client = Client()
    client.force_login(getattr(admins, role))
    labels = _menu_labels(client)
    assert shown in labels
    assert hidden not in labels
