"""The annual report laid out as the 2021 format's tables: rows for the page, DOCX and PDF."""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import paperwork
from .annual import (
    COLUMNS,
    NARRATIVES,
    PROACTIVE_MANUAL,
    REVIEW_GROUPS,
    REVIEW_RESULTS,
    AnnualReport,
    manual_values,
    review_total,
    title_of,
)
from .requests import APPLICANT_TYPES, OUTCOME_GROUPS

CHINESE_NUMBERS = "一二三四五六七八"


def proactive_rows(report: AnnualReport) -> list[list]:
    table = report.tables.get("proactive", {})
    rows = [[_("信息内容"), _("本年制发件数"), _("本年废止件数"), _("现行有效件数")]]
    for key, label in (("rules", _("规章")), ("normative", _("行政规范性文件"))):
        values = table.get(key, {})
        rows.append([label, values.get("issued", 0), values.get("repealed", 0), values.get("in_force", 0)])
    return rows


def proactive_manual_rows(report: AnnualReport) -> list[list]:
    values = manual_values(report)
    rows = [[_("信息内容"), _("本年数量")]]
    rows += [[str(label), values.get(key, 0) or 0] for key, label in PROACTIVE_MANUAL]
    return rows


def request_rows(report: AnnualReport) -> list[list]:
    """三、收到和处理政府信息公开申请情况: the header and one row per line of the format."""
    data = report.tables.get("requests", {})
    labels = dict(APPLICANT_TYPES)
    header = [_("申请人情况"), labels["natural"]]
    header += [f"{_('法人或其他组织')}·{labels[c]}" for c in COLUMNS if c != "natural"]
    header += [_("法人或其他组织小计"), _("总计")]

    def line(label: str, key: str) -> list:
        values = data.get(key, {})
        return [
            label,
            *[values.get(c, 0) for c in COLUMNS],
            values.get("organisations", 0),
            values.get("all", 0),
        ]

    rows = [header, line(_("一、本年新收政府信息公开申请数量"), "new")]
    rows.append(line(_("二、上年结转政府信息公开申请数量"), "carried_in"))
    for i, (group, label, reasons) in enumerate(OUTCOME_GROUPS):
        prefix = f"三、（{CHINESE_NUMBERS[i]}）"
        if len(reasons) == 1:
            rows.append(line(f"{prefix}{reasons[0][1]}", reasons[0][0]))
            continue
        rows.append(line(f"{prefix}{label}（{_('小计')}）", f"{group}_total"))
        for n, (key, reason) in enumerate(reasons, start=1):
            rows.append(line(f"　{n}.{reason}", key))
    rows.append(line(_("三、（七）总计"), "total"))
    rows.append(line(_("四、结转下年度继续办理"), "carried_out"))
    return rows


def review_rows(report: AnnualReport) -> list[list]:
    values = manual_values(report)
    header = [_("类别"), *[str(label) for _k, label in REVIEW_RESULTS], _("总计")]
    rows = [header]
    for group, label in REVIEW_GROUPS:
        rows.append(
            [
                str(label),
                *[values.get(f"{group}_{r}", 0) or 0 for r, _l in REVIEW_RESULTS],
                review_total(values, group),
            ]
        )
    return rows


def sections(report: AnnualReport) -> list[tuple[str, str, list]]:
    """(heading, narrative, tables) in the order of the format."""
    narratives = {key: getattr(report, key) for key, _l in NARRATIVES}
    labels = dict(NARRATIVES)
    return [
        (str(labels["overview"]), narratives["overview"], []),
        (_("二、主动公开政府信息情况"), "", [proactive_rows(report), proactive_manual_rows(report)]),
        (_("三、收到和处理政府信息公开申请情况"), "", [request_rows(report)]),
        (_("四、政府信息公开行政复议、行政诉讼情况"), "", [review_rows(report)]),
        (str(labels["problems"]), narratives["problems"], []),
        (str(labels["other"]), narratives["other"], []),
    ]


def blocks(report: AnnualReport) -> list:
    out: list = []
    for heading, text, tables in sections(report):
        out.append(("h", heading))
        for para in [p for p in (text or "").splitlines() if p.strip()]:
            out.append(("p", para))
        out += [("table", rows) for rows in tables]
    out.append(("right", report.organisation.name))
    return out


def render(report: AnnualReport, fmt: str) -> bytes:
    return paperwork.render(fmt, str(title_of(report.organisation, report.year)), blocks(report))


def filename(report: AnnualReport) -> str:
    return f"nianbao-{report.organisation.slug}-{report.year}"
