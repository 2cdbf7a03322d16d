"""Demo staff accounts: a superuser, the three administrator roles (三员分立) and
editors/reviewers/leads of three organisations."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal.core.models import StaffProfile

from .. import material
from ..registry import register_seed
from .context import SeedContext


@register_seed("accounts", order=90, label="账号")
def seed_accounts(ctx: SeedContext) -> list[tuple[str, str, str, str]]:
    """Create missing accounts; return rows (username, password, organisation, role) for the table."""
    accounts = material.load("accounts")
    admin, password = accounts["admin"], accounts["staff_password"]
    User = get_user_model()
    rows = [(admin["username"], admin["password"], "—", "超级管理员")]
    if not User.objects.filter(username=admin["username"]).exists():
        User.objects.create_superuser(admin["username"], admin["email"], admin["password"])
        ctx.created["users"] += 1
    hashed = None  # hashing is slow by design: hash the shared password once
    for staff in accounts["staff"]:
        username, role, display = staff["username"], StaffProfile.Role(staff["role"]), staff["display_name"]
        org = ctx.orgs[staff["organisation"]]
        rows.append((username, password, org.name, role.label))
        if User.objects.filter(username=username).exists():
            continue
        hashed = hashed or make_password(password)
        user = User.objects.create(
            username=username,
            email=f"{username}@{material.district()['domain']}",
            password=hashed,
            is_staff=True,
            first_name=display,
        )
        StaffProfile.objects.create(user=user, organisation=org, role=role)
        ctx.created["users"] += 1
    call_command("install_admin_roles", verbosity=0)
    for account in accounts.get("administrators", []):
        username = account["username"]
        rows.append((username, password, "—", account["group"]))
        if User.objects.filter(username=username).exists():
            continue
        hashed = hashed or make_password(password)
        user = User.objects.create(
            username=username,
            email=f"{username}@{material.district()['domain']}",
            password=hashed,
            is_staff=True,
            first_name=account["display_name"],
        )
        user.groups.add(Group.objects.get(name=account["group"]))
        ctx.created["users"] += 1
    ctx.accounts = rows
    return rows
