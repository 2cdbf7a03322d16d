"""The demo district's on-request cases (依申请公开) and last year's annual reports.

44 cases over the last 14 months, in every state and with every outcome of the annual-report
format; three are overdue and one is paused for a third party's opinion. Then the report on last
year for the district and every department and street, computed and published. Idempotent:
cases are numbered ``YSDEMO<n>`` and tracked with the query code ``DEMO2026``; a report that
exists is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from stdnum.cn import ric, uscc

from portal.core import deadlines
from portal.core.models import Organisation
from portal.demo.registry import register_seed

from . import annual
from .annual import AnnualReport
from .request_clock import THIRD_PARTY_CLOCK
from .request_states import open_reply_clock
from .requests import APPLICANT_TYPES, OUTCOMES, DisclosureRequest

SUBJECTS = [
    "2025 年本区老旧小区改造项目清单及资金安排",
    "幸福路拓宽工程的规划许可文件",
    "本街道 2025 年低保审批名单公示材料",
    "区教育局关于学区划分的会议纪要",
    "某地块国有土地上房屋征收补偿方案",
    "2024 年区级财政预算执行情况表",
    "城南污水处理厂环境影响评价批复",
    "本区 2025 年行政处罚案件统计",
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
ORG_NAMES = [
    "示范市某某科技有限公司",
    "示范大学城市研究院",
    "示范区助老公益服务中心",
    "示范律师事务所",
    "业主委员会",
]
#: The newest cases, still open (state, extra): the rest are answered.
OPEN = [
    ("received", ""),
    ("received", ""),
    ("correction", ""),
    ("third_party", ""),
    ("received", "extended"),
    ("received", ""),
    ("correction", ""),
    ("received", "extended"),
]
OVERDUE_DAYS = (48, 55, 63)  # received this many days ago and still unanswered


def _with_check(base: str, validator) -> str:
    for digit in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if validator.is_valid(base + digit):
            return base + digit
    return base + "0"


def _applicant(rng, kind: str, index: int) -> dict:
    if kind == "natural":
        year = rng.randint(1955, 2000)
        base = f"110105{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
        return {"name": NAMES[index % len(NAMES)], "id_number": _with_check(base, ric)}
    base = f"91110000{rng.randint(10**8, 10**9 - 1)}"
    return {
        "name": ORG_NAMES[index % len(ORG_NAMES)],
        "id_number": _with_check(base, uscc),
        "contact_person": NAMES[(index + 3) % len(NAMES)],
    }


def seed_cases(ctx) -> None:
    organisations = list(
        Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).order_by("sort_order", "pk")[:14]
    )
    if not organisations:
        return
    code = make_password("DEMO2026")
    kinds = [k for k, _l in APPLICANT_TYPES]
    outcomes = [k for k, _l in OUTCOMES]
    total = 44
    for index in range(total):
        number = f"YSDEMO{index:06d}"
        if DisclosureRequest.objects.filter(tracking_number=number).exists():
            continue
        rng = ctx.rng("disclosure-request", index)
        kind = kinds[index % len(kinds)] if index % 3 else "natural"
        if index < len(OPEN):
            state, extra = OPEN[index]
            submitted = ctx.past(rng, 1 + index * 2)
        elif index < len(OPEN) + len(OVERDUE_DAYS):
            state, extra = "received", ""
            submitted = ctx.past(rng, OVERDUE_DAYS[index - len(OPEN)])
        else:
            state, extra = ("closed" if index % 2 else "replied"), ""
            submitted = ctx.spread(rng, index, total, span=420, newest=30)
        org = organisations[index % len(organisations)]
        case = DisclosureRequest(
            tracking_number=number,
            query_code_hash=code,
            organisation=org,
            applicant_type=kind,
            phone=f"139{rng.randint(10000000, 99999999)}",
            address=f"示范区幸福路 {rng.randint(1, 300)} 号",
            description=SUBJECTS[index % len(SUBJECTS)],
            purpose="了解相关情况",
            delivery_form="email" if index % 2 else "paper",
            obtain_method="email" if index % 2 else "post",
            submitted_at=submitted,
            received_on=timezone.localtime(submitted).date(),
            state=state,
            **_applicant(rng, kind, index),
        )
        if state in ("replied", "closed"):
            outcome = outcomes[(index - len(OPEN) - len(OVERDUE_DAYS)) % len(outcomes)]
            case.outcome = outcome
            case.replied_at = submitted + timedelta(days=rng.randint(5, 26))
            case.replied_on = timezone.localtime(case.replied_at).date()
            case.reply_text = f"关于您申请的“{case.description}”，本机关已依法办理，办理结果见本告知书。"
            if state == "closed":
                case.closed_at = case.replied_at + timedelta(days=3)
        if state == "correction":
            case.correction_requested_on = case.received_on + timedelta(days=1)
            case.correction_note = "请写明所需信息的文号或形成时间。"
        if state == "third_party":
            case.third_party = "示范市某某房地产开发有限公司"
            case.third_party_sent_on = case.received_on + timedelta(days=1)
        if extra == "extended":
            case.extension_days, case.extension_reason = 15, "所需信息涉及多个单位，需要协调调取。"
        case.save()
        if case.is_open:
            deadline = open_reply_clock(case, started_at=submitted)
            if state in ("correction", "third_party"):
                deadlines.pause(deadline, at=submitted + timedelta(days=1))
            if state == "third_party":
                deadlines.open_deadline(
                    THIRD_PARTY_CLOCK, case, organisation=org, started_at=submitted + timedelta(days=1)
                )
            if extra == "extended":
                deadlines.extend(deadline, 15)
        ctx.created["依申请公开"] += 1


def seed_reports(ctx) -> None:
    year = timezone.localtime(ctx.now).year - 1
    organisations = Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).order_by("kind", "pk")
    # departments and streets first: the district's editable numbers sum theirs
    ordered = sorted(organisations, key=lambda o: o.kind == Organisation.Kind.DISTRICT)
    for org in ordered:
        if AnnualReport.objects.filter(organisation=org, year=year).exists():
            continue
        rng = ctx.rng("annual-report", org.slug)
        report = annual.generate(org, year, save=False)
        rows = report.tables["requests"]
        report.overview = (
            f"{year}年，{org.name}深入贯彻《中华人民共和国政府信息公开条例》，"
            f"全年主动公开政府信息 {report.tables['proactive']['documents_published']} 条，"
            f"新收政府信息公开申请 {rows['new']['all']} 件，办结 {rows['total']['all']} 件。"
        )
        report.problems = "主动公开的及时性有待提高，部分栏目更新不够及时。下一步将加强培训和考核。"
        report.other = "本年度未收取信息处理费。"
        if org.kind != Organisation.Kind.DISTRICT:
            report.manual = {
                "licensing": rng.randint(0, 300),
                "penalty": rng.randint(0, 80),
                "enforcement": rng.randint(0, 10),
                "fees": 0,
                "review_upheld": rng.randint(0, 2),
                "review_corrected": rng.randint(0, 1),
                "direct_upheld": rng.randint(0, 1),
            }
        report.published, report.published_at = True, ctx.now
        report.save()
        ctx.created["信息公开年报"] += 1


@register_seed("disclosure requests", order=86, label="依申请公开与信息公开年报")
def seed_requests(ctx) -> None:
    seed_cases(ctx)
    seed_reports(ctx)
