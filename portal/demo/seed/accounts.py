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
    new_account = _account_maker(User, password)
    for staff in accounts["staff"]:
        username, role, display = staff["username"], StaffProfile.Role(staff["role"]), staff["display_name"]
        org = ctx.orgs[staff["organisation"]]
        rows.append((username, password, org.name, role.label))
        user = new_account(username, display)
        if user is not None:
            StaffProfile.objects.create(user=user, organisation=org, role=role)
            ctx.created["users"] += 1
    call_command("install_admin_roles", verbosity=0)
    for account in accounts.get("administrators", []):
        rows.append((account["username"], password, "—", account["group"]))
        user = new_account(account["username"], account["display_name"])
        if user is not None:
            user.groups.add(Group.objects.get(name=account["group"]))
            ctx.created["users"] += 1
    ctx.accounts = rows
    return rows


def _account_maker(User, password: str):
    """A function creating a missing staff account with the shared demo password (None when the
    account exists). Hashing is slow by design: the password is hashed once."""
    hashed = None

    def new_account(username: str, display_name: str):
        nonlocal hashed
        if User.objects.filter(username=username).exists():
            return None
        hashed = hashed or make_password(password)
        return User.objects.create(
            username=username,
            email=f"{username}@{material.district()['domain']}",
            password=hashed,
            is_staff=True,
            first_name=display_name,
        )

    return new_account
