"""The annual report on government information disclosure (政府信息公开工作年度报告), in the
format of 国办公开办函〔2021〕30号: computed tables, editable numbers and narratives.

Computed from the system's own data with aggregate queries (one GROUP BY per table):

- 二、主动公开: 行政规范性文件 issued in the year (成文日期, else 发布时间), repealed in the year
  (废止, 失效 or 已修订 with the change dated in the year) and in force at its end. 规章 stay 0:
  district governments and their departments have no rule-making power (editable otherwise).
  行政许可, 行政处罚, 行政强制 and 行政事业性收费 are entered by staff (editable numbers).
- 三、依申请公开: columns by applicant type; 本年新收 = received in the year; 上年结转 = received
  before 1 January and not replied by then; results = replied in the year, by outcome; 结转下年度
  = received by 31 December and not replied by then. So new + carried in = total + carried out.
- 四、行政复议、行政诉讼: entered by staff.

A district report sums the reports' data of the district government, its departments and its
streets (not their narratives).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import Organisation

from .requests import APPLICANT_TYPES, OUTCOME_GROUPS, DisclosureRequest

COLUMNS = [key for key, _label in APPLICANT_TYPES]
#: The editable numbers of 二、主动公开 (beyond documents) and their labels.
PROACTIVE_MANUAL = [
    ("licensing", _("行政许可（本年处理决定数量）")),
    ("penalty", _("行政处罚（本年处理决定数量）")),
    ("enforcement", _("行政强制（本年处理决定数量）")),
    ("fees", _("行政事业性收费（本年收费金额，万元）")),
]
REVIEW_RESULTS = [
    ("upheld", _("结果维持")),
    ("corrected", _("结果纠正")),
    ("other", _("其他结果")),
    ("pending", _("尚未审结")),
]
REVIEW_GROUPS = [
    ("review", _("行政复议")),
    ("direct", _("行政诉讼（未经复议直接起诉）")),
    ("after_review", _("行政诉讼（复议后起诉）")),
]
NARRATIVES = [
    ("overview", _("一、总体情况")),
    ("problems", _("五、存在的主要问题及改进情况")),
    ("other", _("六、其他需要报告的事项")),
]
from portal.core.notify import register_kind  # noqa: E402

register_kind("disclosure.annual_report", _("信息公开年报提醒"))
DEPARTMENT_DUE = (1, 31)  # 31 January: departments and streets
DISTRICT_DUE = (3, 31)  # 31 March: the district government


class AnnualReport(models.Model):
    """One organisation's report for one year: the computed tables, the numbers staff enter,
    the narrative sections, and whether it is published in the organisation's 年报."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    tables = models.JSONField(_("统计表"), default=dict, blank=True, editable=False)
    manual = models.JSONField(_("填报数据"), default=dict, blank=True)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("六、其他需要报告的事项"), blank=True)
    computed_at = models.DateTimeField(_("统计时间"), null=True, blank=True, editable=False)
    published = models.BooleanField(_("已发布"), default=False, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "organisation__sort_order", "organisation__name"]
        verbose_name = _("政府信息公开年度报告")
        verbose_name_plural = _("政府信息公开年度报告")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="disclosure_annual_report_once")
        ]

    def __str__(self) -> str:
        return str(title_of(self.organisation, self.year))

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id


def title_of(organisation: Organisation, year: int) -> str:
    return _("%(name)s%(year)s年政府信息公开工作年度报告") % {"name": organisation.name, "year": year}


def due_date(organisation: Organisation, year: int) -> date:
    """The publication deadline of the report on ``year`` (Art. 49–50)."""
    month, day = DISTRICT_DUE if organisation.kind == Organisation.Kind.DISTRICT else DEPARTMENT_DUE
    return date(year + 1, month, day)


def scope(organisation: Organisation) -> list[Organisation]:
    """Whose data a report counts: the organisation itself; the district also its departments
    and streets (communities are not administrative organs and take no requests)."""
    if organisation.kind != Organisation.Kind.DISTRICT:
        return [organisation]
    kinds = [Organisation.Kind.DEPARTMENT, Organisation.Kind.STREET]
    return [organisation, *[o for o in organisation.descendants() if o.kind in kinds]]


# -- computing ---------------------------------------------------------------------------------


def _documents(organisations):
    from .platform import documents_of

    return documents_of(organisations).order_by()


def proactive_table(organisations, year: int) -> dict:
    """行政规范性文件: issued, repealed in the year, in force at its end — one aggregate query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    issued_on = Q(written_date__year=year) | Q(written_date__isnull=True, date__year=year)
    written_by_end = Q(written_date__lte=end) | Q(written_date__isnull=True, date__date__lte=end)
    not_in_force = ["repealed", "expired", "revised"]
    counts = (
        _documents(organisations)
        .filter(is_normative=True)
        .aggregate(
            issued=Count("pk", filter=issued_on),
            repealed=Count(
                "pk",
                filter=Q(
                    validity__in=not_in_force, validity_changed_on__gte=start, validity_changed_on__lte=end
                ),
            ),
            in_force=Count(
                "pk",
                filter=written_by_end
                & (Q(validity="in_force") | Q(validity__in=not_in_force, validity_changed_on__gt=end)),
            ),
            published=Count("pk", filter=Q(date__year=year)),
        )
    )
    all_docs = _documents(organisations).filter(date__year=year).count()
    return {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative": {k: counts[k] for k in ("issued", "repealed", "in_force")},
        "documents_published": all_docs,
    }


def requests_table(organisations, year: int) -> dict:
    """The on-request table: {row: {column: n}} with rows new, carried_in, each outcome,
    each category total, total and carried_out; three GROUP BY queries."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    base = DisclosureRequest.objects.filter(organisation__in=list(organisations)).order_by()
    rows: dict[str, dict[str, int]] = {}

    def put(row: str, column: str, n: int) -> None:
        rows.setdefault(row, dict.fromkeys(COLUMNS, 0))
        rows[row][column] += n

    flows = base.values("applicant_type").annotate(
        new=Count("pk", filter=Q(received_on__gte=start, received_on__lte=end)),
        carried_in=Count(
            "pk", filter=Q(received_on__lt=start) & (Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        ),
        carried_out=Count(
            "pk", filter=Q(received_on__lte=end) & (Q(replied_on__isnull=True) | Q(replied_on__gt=end))
        ),
    )
    for row in ("new", "carried_in", "carried_out"):
        rows[row] = dict.fromkeys(COLUMNS, 0)
    for item in flows:
        for row in ("new", "carried_in", "carried_out"):
            put(row, item["applicant_type"], item[row])
    for _group, _label, reasons in OUTCOME_GROUPS:
        for key, _l in reasons:
            rows[key] = dict.fromkeys(COLUMNS, 0)
    results = (
        base.filter(replied_on__gte=start, replied_on__lte=end)
        .exclude(outcome="")
        .values("applicant_type", "outcome")
        .annotate(n=Count("pk"))
    )
    for item in results:
        put(item["outcome"], item["applicant_type"], item["n"])
    for group, _label, reasons in OUTCOME_GROUPS:
        rows[f"{group}_total"] = {c: sum(rows[k][c] for k, _l in reasons) for c in COLUMNS}
    rows["total"] = {c: sum(rows[f"{g}_total"][c] for g, _l, _r in OUTCOME_GROUPS) for c in COLUMNS}
    for values in rows.values():
        values["organisations"] = sum(values[c] for c in COLUMNS if c != "natural")
        values["all"] = values["natural"] + values["organisations"]
    return rows


def compute(organisation: Organisation, year: int) -> dict:
    organisations = scope(organisation)
    return {
        "year": year,
        "organisations": [o.pk for o in organisations],
        "proactive": proactive_table(organisations, year),
        "requests": requests_table(organisations, year),
    }


def _sum_manual(organisation: Organisation, year: int, manual: dict) -> dict:
    """The district's editable numbers: its own where entered, else the sum of its scope's."""
    if organisation.kind != Organisation.Kind.DISTRICT:
        return manual
    others = AnnualReport.objects.filter(
        year=year, organisation__in=[o for o in scope(organisation) if o.pk != organisation.pk]
    ).values_list("manual", flat=True)
    summed = dict(manual)
    for key in [k for k, _l in PROACTIVE_MANUAL] + [
        f"{g}_{r}" for g, _gl in REVIEW_GROUPS for r, _rl in [*REVIEW_RESULTS, ("total", "")]
    ]:
        if key in manual and manual[key] not in ("", None):
            continue
        values = [m.get(key) for m in others if m.get(key) not in ("", None)]
        if values:
            summed[key] = round(sum(float(v) for v in values), 2)
    return summed


def generate(organisation: Organisation, year: int, save: bool = True) -> AnnualReport:
    """Compute (or recompute) the tables of ``organisation``'s report on ``year``."""
    report = AnnualReport.objects.filter(organisation=organisation, year=year).first() or AnnualReport(
        organisation=organisation, year=year
    )
    report.tables = compute(organisation, year)
    report.computed_at = timezone.now()
    if save:
        report.save()
    return report


def manual_values(report: AnnualReport) -> dict:
    return _sum_manual(report.organisation, report.year, report.manual or {})


def review_total(values: dict, group: str) -> int:
    return sum(int(float(values.get(f"{group}_{r}", 0) or 0)) for r, _l in REVIEW_RESULTS)


# -- reminders -------------------------------------------------------------------------------

REMINDER_KIND = "disclosure.annual_report"
REMIND_WORKING_DAYS = 10


def remind_reports(today: date | None = None) -> int:
    """Remind every organisation whose report on last year is unpublished, from 10 working days
    before its due date (31 January; the district 31 March), once each."""
    from portal.core import audit
    from portal.core.models import Notification, StaffProfile
    from portal.core.notify import notify
    from portal.core.workdays import WorkdayCalendar

    today = today or timezone.localdate()
    year = today.year - 1
    cal = WorkdayCalendar()
    published = set(
        AnnualReport.objects.filter(year=year, published=True).values_list("organisation_id", flat=True)
    )
    already = set(
        Notification.objects.filter(kind=REMINDER_KIND, message__contains=f"{year}年").values_list(
            "subject_id", flat=True
        )
    )
    sent = 0
    roles = [StaffProfile.Role.LEAD, StaffProfile.Role.REVIEWER, StaffProfile.Role.EDITOR]
    for org in Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).exclude(pk__in=published):
        due = due_date(org, year)
        if (
            str(org.pk) in already
            or today > due
            or cal.subtract_working_days(due, REMIND_WORKING_DAYS) > today
        ):
            continue
        users = org.staff_users(roles)
        if not users:
            continue
        message = _("请于 %(due)s 前编制并发布%(title)s。") % {
            "due": due.isoformat(),
            "title": title_of(org, year),
        }
        notify(users, REMINDER_KIND, str(message), subject=org)
        audit.log(org, "disclosure.annual.reminder", data={"year": year, "due": due.isoformat()})
        sent += 1
    return sent
