"""What the interpretation pages, the policy page's section, search and the staff screens ask:
interpretations of a document, a package's parts, the interpretation rate and the calendar.

Policy documents are read through the page type named by :data:`~.vocabulary.POLICY_PAGE_TYPE`
(looked up in the app registry, never imported) and their fields by name: ``genre``,
``is_normative``, ``issuing_organ``, ``in_force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.core.models import StaffProfile
from portal.core.notify import notify
from portal.core.workdays import WorkdayCalendar

from .models import (
    InterpretationPackagePage,
    InterpretationPage,
    InterpretationSettings,
    RateReminder,
    interpretations_of,
)
from .parts import Part, package_parts
from .vocabulary import KIND_LABELS, POLICY_PAGE_TYPE

__all__ = [
    "Part",
    "calendar",
    "interpretation_rate",
    "interpretations_of",
    "package_parts",
    "packages_of",
    "remind",
    "waiting_documents",
]

ALL_ROLES = ("editor", "reviewer", "lead")


def policy_model():
    """The policy document page class, or None while its app is not installed."""
    app_label, model_name = POLICY_PAGE_TYPE.split(".")
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def is_policy(page) -> bool:
    return page is not None and page._meta.label == POLICY_PAGE_TYPE


def packages_of(policy_id: int):
    return InterpretationPackagePage.objects.live().public().filter(policy_id=policy_id).order_by("-date")


def kind_badges(package: InterpretationPackagePage) -> list[str]:
    return [str(KIND_LABELS[k]) for k in package.kinds()]


# -- the interpretation rate -------------------------------------------------------------------


@dataclass
class Waiting:
    policy: Page
    published_on: date
    working_days: int
    overdue: bool


def requiring_interpretation(settings_obj: InterpretationSettings | None = None):
    """Live documents that must be interpreted, by the configured 体裁 and issuers."""
    from django.db.models import Q

    model = policy_model()
    if model is None:
        return Page.objects.none()
    conf = settings_obj or InterpretationSettings.load()
    rule = Q(pk__in=[])
    if conf.normative_only:
        rule |= Q(is_normative=True)
    if conf.genre_list():
        rule |= Q(genre__in=conf.genre_list())
    qs = model.objects.live().public().filter(rule)
    if conf.issuer_list():
        qs = qs.filter(issuing_organ__in=conf.issuer_list())
    return qs.select_related("owner_organisation").order_by("date", "pk")


def waiting_documents(today: date | None = None, organisation=None) -> list[Waiting]:
    """Documents requiring interpretation that have none published, with the working days they
    have waited since publication (the day of publication not counted)."""
    conf = InterpretationSettings.load()
    today = today or timezone.localdate()
    interpreted = set(
        InterpretationPage.objects.live().public().values_list("originals__policy_id", flat=True)
    )
    cal = WorkdayCalendar()
    found = []
    qs = requiring_interpretation(conf)
    if organisation is not None:
        qs = qs.filter(owner_organisation=organisation)
    for policy in qs:
        if policy.pk in interpreted:
            continue
        published = timezone.localdate(policy.date)
        days = cal.working_days_between(published, today) if today > published else 0
        found.append(Waiting(policy, published, days, days > conf.deadline_days))
    found.sort(key=lambda w: (-w.working_days, w.policy.pk))
    return found


def interpretation_rate(today: date | None = None) -> dict:
    total = requiring_interpretation().count()
    waiting = waiting_documents(today)
    done = total - len(waiting)
    return {
        "total": total,
        "interpreted": done,
        "waiting": len(waiting),
        "overdue": sum(1 for w in waiting if w.overdue),
        "rate": round(100 * done / total, 1) if total else 100.0,
    }


# -- the release calendar ----------------------------------------------------------------------


@dataclass
class Slot:
    day: date
    packages: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.packages


def _anchor(conf: InterpretationSettings, today: date) -> date:
    if conf.calendar_anchor:
        return conf.calendar_anchor
    first = date(today.year, 1, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def release_slots(start: date, end: date, conf: InterpretationSettings | None = None) -> list[date]:
    """The release days of the rhythm between ``start`` and ``end`` (both included)."""
    conf = conf or InterpretationSettings.load()
    step = max(conf.rhythm_days, 1)
    anchor = _anchor(conf, start)
    if anchor > start:
        anchor -= timedelta(days=step * ((anchor - start).days // step + 1))
    first = anchor + timedelta(days=step * ((start - anchor).days // step))
    if first < start:
        first += timedelta(days=step)
    days, day = [], first
    while day <= end:
        days.append(day)
        day += timedelta(days=step)
    return days


def calendar(today: date | None = None, weeks_back: int = 4, weeks_ahead: int = 13) -> dict:
    """The release calendar around today: each slot of the rhythm with the packages planned or
    published for it, plus every package out of rhythm; each package with its status."""
    conf = InterpretationSettings.load()
    today = today or timezone.localdate()
    start, end = today - timedelta(weeks=weeks_back), today + timedelta(weeks=weeks_ahead)
    slots = [Slot(d) for d in release_slots(start, end, conf)]
    packages = InterpretationPackagePage.objects.filter(
        planned_on__gte=start - timedelta(days=conf.rhythm_days), planned_on__lte=end
    ).select_related("owner_organisation", "policy")
    rows = []
    for package in packages.order_by("planned_on", "pk"):
        row = {"package": package, "status": package.status(today)}
        rows.append(row)
        slot = next((s for s in reversed(slots) if s.day <= package.planned_on), None)
        if slot is not None:
            slot.packages.append(row)
    return {
        "slots": slots,
        "rows": rows,
        "overdue": [r for r in rows if r["status"] == "overdue"],
        "today": today,
        "rhythm_days": conf.rhythm_days,
    }


# -- reminders ---------------------------------------------------------------------------------


def _staff(organisation) -> list:
    if organisation is None:
        return []
    target = organisation.nearest_with(ALL_ROLES)
    return target.staff_users(ALL_ROLES) if target else []


def remind(today: date | None = None) -> dict:
    """Tell the owning organisation about overdue packages (once a day each) and documents past
    the interpretation deadline (once each)."""
    today = today or timezone.localdate()
    sent = {"packages": 0, "policies": 0}
    for row in calendar(today)["overdue"]:
        package = row["package"]
        if package.reminded_on == today:
            continue
        users = _staff(package.owner_organisation)
        message = _("解读专题“%(title)s”计划于 %(day)s 发布，已逾期未发布。") % {
            "title": package.title,
            "day": package.planned_on.isoformat(),
        }
        notify(users, "interpretation.overdue", message, url=reverse("interpretation_admin_calendar"))
        InterpretationPackagePage.objects.filter(pk=package.pk).update(reminded_on=today)
        sent["packages"] += 1
    reminded = set(RateReminder.objects.values_list("policy_id", flat=True))
    for item in waiting_documents(today):
        if not item.overdue or item.policy.pk in reminded:
            continue
        users = _staff(item.policy.owner_organisation)
        message = _("政策文件“%(title)s”发布已 %(days)s 个工作日，尚未发布政策解读。") % {
            "title": item.policy.title,
            "days": item.working_days,
        }
        notify(users, "interpretation.missing", message, url=reverse("interpretation_admin_rate"))
        RateReminder.objects.create(policy_id=item.policy.pk)
        sent["policies"] += 1
    return sent


def visible_to(user, organisation_id) -> bool:
    if user.is_superuser:
        return True
    try:
        return user.staff_profile.organisation_id == organisation_id
    except (StaffProfile.DoesNotExist, AttributeError):
        return False
