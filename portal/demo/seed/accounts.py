"""Demo staff accounts: a superuser and editors/reviewers/leads of three organisations."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from portal.core.models import StaffProfile

from .context import SeedContext

ADMIN = ("admin", "Demo-Admin-2026")
STAFF_PASSWORD = "Demo-Staff-2026"
# (username, organisation slug, role, display name)
STAFF = [
    ("office_editor", "gov-office", StaffProfile.Role.EDITOR, "区政府办公室编辑"),
    ("office_reviewer", "gov-office", StaffProfile.Role.REVIEWER, "区政府办公室审核"),
    ("office_lead", "gov-office", StaffProfile.Role.LEAD, "区政府办公室负责人"),
    ("edu_editor", "edu", StaffProfile.Role.EDITOR, "区教育局编辑"),
    ("edu_reviewer", "edu", StaffProfile.Role.REVIEWER, "区教育局审核"),
    ("edu_lead", "edu", StaffProfile.Role.LEAD, "区教育局负责人"),
    ("street_editor", "wenchang", StaffProfile.Role.EDITOR, "文昌街道编辑"),
]


def seed_accounts(ctx: SeedContext) -> list[tuple[str, str, str, str]]:
    """Create missing accounts; return rows (username, password, organisation, role) for the table."""
    User = get_user_model()
    rows = [(ADMIN[0], ADMIN[1], "—", "超级管理员")]
    if not User.objects.filter(username=ADMIN[0]).exists():
        User.objects.create_superuser(ADMIN[0], "admin@shifan.gov.cn", ADMIN[1])
        ctx.created["users"] += 1
    hashed = None  # hashing is slow by design: hash the shared password once
    for username, org_slug, role, display in STAFF:
        org = ctx.orgs[org_slug]
        rows.append((username, STAFF_PASSWORD, org.name, StaffProfile.Role(role).label))
        if User.objects.filter(username=username).exists():
            continue
        hashed = hashed or make_password(STAFF_PASSWORD)
        user = User.objects.create(
            username=username,
            email=f"{username}@shifan.gov.cn",
            password=hashed,
            is_staff=True,
            first_name=display,
        )
        StaffProfile.objects.create(user=user, organisation=org, role=role)
        ctx.created["users"] += 1
    return rows
