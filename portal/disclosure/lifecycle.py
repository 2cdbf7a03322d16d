"""The lifecycle of normative documents (规范性文件): expiry, reminders and review (清理).

Reading of 有效期至 (written in ``docs/disclosure.md``): the date is the last day the document is
in force; it becomes 失效 the next day, when the periodic job runs. The owning organisation is
reminded once, from the day that is 30 working days (core working-day calendar) before that last
day. Documents with no 有效期至 are due for review (清理) five years after they were written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import audit
from portal.core.models import Notification, StaffProfile
from portal.core.notify import notify, register_kind
from portal.core.workdays import WorkdayCalendar

from .models import PolicyDocumentPage

REMINDER_WORKING_DAYS = 30
REVIEW_AFTER_YEARS = 5
REMINDER_KIND = "disclosure.expiry"
register_kind(REMINDER_KIND, _("文件有效期提醒"))

EXPIRE_ACTION = "disclosure.policy.expire"
REMIND_ACTION = "disclosure.policy.expiry_reminder"


def reminder_day(expires_on: date, cal: WorkdayCalendar | None = None) -> date:
    """The day the owner is reminded: 30 working days before the last day in force."""
    return (cal or WorkdayCalendar()).subtract_working_days(expires_on, REMINDER_WORKING_DAYS)


def _in_force():
    return PolicyDocumentPage.objects.live().filter(
        validity=PolicyDocumentPage.Validity.IN_FORCE, expires_on__isnull=False
    )


def expire_page(page: PolicyDocumentPage, today: date) -> None:
    """Mark one document 失效 and publish that, so its page, the lists and the index say so."""
    changed_on = page.expires_on + timedelta(days=1)
    note = str(_("有效期至%(day)s，已自动失效。") % {"day": page.expires_on.strftime("%Y-%m-%d")})
    latest = page.get_latest_revision()
    page.validity = PolicyDocumentPage.Validity.EXPIRED
    page.validity_changed_on = changed_on
    page.validity_note = page.validity_note or note
    if page.has_unpublished_changes and latest is not None:
        # keep an editor's draft, with the new validity, as the latest revision
        draft = latest.as_object()
        revision = page.save_revision(log_action=False, clean=False)
        revision.publish(log_action=False, skip_permission_checks=True)
        draft.validity, draft.validity_changed_on, draft.validity_note = (
            page.validity,
            page.validity_changed_on,
            page.validity_note,
        )
        draft.save_revision(log_action=False, clean=False)
    else:
        revision = page.save_revision(log_action=False, clean=False)
        revision.publish(log_action=False, skip_permission_checks=True)
    audit.log(page, EXPIRE_ACTION, data={"expires_on": page.expires_on.isoformat()})


def expire_due(today: date | None = None) -> list[int]:
    """Every document in force past its 有效期至 becomes 失效; returns their ids."""
    today = today or timezone.localdate()
    done = []
    for page in _in_force().filter(expires_on__lt=today).specific():
        with transaction.atomic():
            expire_page(page, today)
        done.append(page.pk)
    return done


def _recipients(page: PolicyDocumentPage) -> list:
    organisation = page.owner_organisation
    if organisation is None:
        return []
    roles = [StaffProfile.Role.LEAD, StaffProfile.Role.EDITOR, StaffProfile.Role.REVIEWER]
    holder = organisation.nearest_with(roles)
    return holder.staff_users(roles) if holder else []


def already_reminded(page) -> bool:
    return Notification.objects.filter(kind=REMINDER_KIND, subject_id=str(page.pk)).exists()


def remind_due(today: date | None = None) -> list[int]:
    """Remind owners of documents whose last day in force is 30 working days away (once each)."""
    today = today or timezone.localdate()
    cal = WorkdayCalendar()
    reminded = []
    for page in _in_force().filter(expires_on__gte=today).select_related("owner_organisation"):
        if reminder_day(page.expires_on, cal) > today or already_reminded(page):
            continue
        users = _recipients(page)
        if not users:
            continue
        message = str(
            _("《%(title)s》有效期至%(day)s，请在到期前完成评估清理（继续有效、修订或废止）。")
            % {"title": page.title, "day": page.expires_on.strftime("%Y-%m-%d")}
        )
        with transaction.atomic():
            notify(users, REMINDER_KIND, message, url=f"/admin/pages/{page.pk}/edit/", subject=page)
            audit.log(page, REMIND_ACTION, data={"expires_on": page.expires_on.isoformat()})
        reminded.append(page.pk)
    return reminded


@dataclass
class ReviewQueue:
    """The 清理 view: normative documents to look at now."""

    expiring: list = field(default_factory=list)  # in force, 有效期至 within the reminder window
    overdue_review: list = field(default_factory=list)  # in force, no 有效期至, written ≥ 5 years ago
    recently_expired: list = field(default_factory=list)  # 失效 in the last 90 days


def review_queue(today: date | None = None, organisation=None) -> ReviewQueue:
    today = today or timezone.localdate()
    cal = WorkdayCalendar()
    docs = PolicyDocumentPage.objects.filter(is_normative=True).select_related(
        "owner_organisation", "replaced_by"
    )
    if organisation is not None:
        docs = docs.filter(owner_organisation=organisation)
    horizon = cal.add_working_days(today, REMINDER_WORKING_DAYS)
    in_force = docs.filter(validity=PolicyDocumentPage.Validity.IN_FORCE)
    queue = ReviewQueue(
        expiring=list(
            in_force.filter(expires_on__isnull=False, expires_on__lte=horizon).order_by("expires_on")
        ),
        recently_expired=list(
            docs.filter(
                validity=PolicyDocumentPage.Validity.EXPIRED,
                validity_changed_on__gte=today - timedelta(days=90),
            ).order_by("-validity_changed_on")
        ),
    )
    cutoff = (
        today.replace(year=today.year - REVIEW_AFTER_YEARS)
        if not (today.month == 2 and today.day == 29)
        else today.replace(year=today.year - REVIEW_AFTER_YEARS, day=28)
    )
    queue.overdue_review = list(
        in_force.filter(expires_on__isnull=True, written_date__lte=cutoff).order_by("written_date")
    )
    return queue


def run(today: date | None = None) -> dict:
    """The periodic job: expire what is past its date, then remind what is close to it."""
    return {"expired": len(expire_due(today)), "reminded": len(remind_due(today))}
