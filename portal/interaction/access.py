"""Who may see and handle which letters.

- The supervising office (设置 › 互动交流设置, by default the district government) screens,
  accepts, assigns and supervises every letter; superusers act as it.
- Staff of an organisation see only the letters assigned to it (or addressed to it, once
  accepted) and handle them: any role drafts, a reviewer or lead reviews and sends.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from portal.core.models import Organisation, StaffProfile

from .models import InteractionSettings, Letter

REVIEW_ROLES = (StaffProfile.Role.REVIEWER, StaffProfile.Role.LEAD)


def staff_profile(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_profile
    except StaffProfile.DoesNotExist:
        return None


def may_use_queue(user) -> bool:
    return is_supervisor(user) or staff_profile(user) is not None


def supervising_office() -> Organisation | None:
    office = InteractionSettings.load().supervising_office
    return office or Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).order_by("pk").first()


def is_supervisor(user) -> bool:
    if user is not None and getattr(user, "is_superuser", False):
        return True
    profile = staff_profile(user)
    office = supervising_office()
    return bool(profile and office and profile.organisation_id == office.pk)


def is_handler(letter: Letter, user, roles=None) -> bool:
    """The user is staff of the organisation handling the letter (in one of ``roles``)."""
    profile = staff_profile(user)
    if profile is None or letter.organisation_id is None:
        return False
    return profile.organisation_id == letter.organisation_id and (roles is None or profile.role in roles)


def visible_letters(user) -> QuerySet[Letter]:
    """The letters the user may see in the admin."""
    qs = Letter.objects.select_related("channel", "organisation", "addressed_to")
    if is_supervisor(user):
        return qs
    profile = staff_profile(user)
    if profile is None:
        return qs.none()
    return qs.filter(Q(organisation_id=profile.organisation_id))


def may_see(letter: Letter, user) -> bool:
    return is_supervisor(user) or is_handler(letter, user)
