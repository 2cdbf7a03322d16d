"""Wagtail permissions that follow the organisation tree.

Every organisation has an editors group and a reviewers group. A column owned by an organisation
grants its groups page permissions on that column's subtree, so a department's editors can edit
only their own columns. Staff join the groups of the organisation they belong to.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import Organisation, StaffProfile

# Nobody in an organisation group may publish directly: publishing happens only when the
# review workflow (portal.editorial) approves its last step (先审后发). Reviewers act through
# the workflow's tasks, which route each step to the page's owning organisation.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _admin_access_group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    root = Collection.get_first_root_node()
    if root is not None:
        for app_label, codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(app_label, codename)
            )
    return group


@transaction.atomic
def ensure_organisation_groups(organisation: Organisation) -> None:
    """Create (or rename) the organisation's editors and reviewers groups."""
    names = {
        "editors_group": f"{organisation.name}·编辑",
        "reviewers_group": f"{organisation.name}·审核",
    }
    changed = []
    for field, name in names.items():
        group = getattr(organisation, field)
        if group is None:
            setattr(organisation, field, _admin_access_group(name))
            changed.append(field)
        elif group.name != name:
            group.name = name
            group.save(update_fields=["name"])
    if changed:
        Organisation.objects.filter(pk=organisation.pk).update(
            **{f: getattr(organisation, f) for f in changed}
        )


def organisation_groups() -> list[int]:
    return [
        pk
        for pair in Organisation.objects.values_list("editors_group", "reviewers_group")
        for pk in pair
        if pk
    ]


@transaction.atomic
def sync_page_permissions(page: Page, organisation: Organisation | None) -> None:
    """Give ``organisation``'s groups (and no other organisation's) permissions on ``page``.

    Runs on every save of a column, so it changes only what differs from the wanted grants.
    """
    wanted: set[tuple[int, int]] = set()
    if organisation is not None:
        ensure_organisation_groups(organisation)
        organisation.refresh_from_db(fields=["editors_group", "reviewers_group"])
        grants = [
            (organisation.editors_group_id, EDITOR_PAGE_PERMISSIONS),
            (organisation.reviewers_group_id, REVIEWER_PAGE_PERMISSIONS),
        ]
        wanted = {
            (group_id, _permission("wagtailcore", codename).pk)
            for group_id, codenames in grants
            for codename in codenames
        }
    existing = GroupPagePermission.objects.filter(page=page, group_id__in=organisation_groups())
    have = {(g, p): pk for pk, g, p in existing.values_list("pk", "group_id", "permission_id")}
    stale = [pk for key, pk in have.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group_id=g, page=page, permission_id=p) for g, p in wanted - have.keys()]
    )


def sync_staff_groups(profile: StaffProfile) -> None:
    """Put a staff member in exactly the groups of their organisation and role."""
    organisation = profile.organisation
    ensure_organisation_groups(organisation)
    organisation.refresh_from_db(fields=["editors_group", "reviewers_group"])
    user = profile.user
    user.groups.remove(*Group.objects.filter(pk__in=organisation_groups()))
    if profile.role == StaffProfile.Role.EDITOR:
        user.groups.add(organisation.editors_group)
    else:
        user.groups.add(organisation.reviewers_group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
