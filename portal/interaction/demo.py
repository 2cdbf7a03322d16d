"""The interaction hub's part of the demo district: letters over 14 months in every state.

Idempotent: each demo letter carries the external id ``demo-<n>`` and is created once.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from portal.core.models import Organisation
from portal.core.personal_data import blind_index
from portal.core.workdays import WorkdayCalendar
from portal.demo.registry import register_seed

from . import services, statistics
from .models import OPEN_STATES, Channel, Letter, month_of

SUBJECTS = [
    ("幸福路路灯不亮", "幸福路中段路灯已经连续一周不亮，晚上行人很不安全，请尽快维修。"),
    ("小区停车位不足", "我们小区晚上停车位严重不足，车辆只能停在消防通道上，希望增加停车位。"),
    ("咨询入学材料", "孩子今年六岁，户口在本区，请问小学入学需要准备哪些材料？"),
    ("工地夜间施工噪声", "附近工地每晚十一点后仍在施工，噪声很大，影响休息。"),
    ("灵活就业社保缴纳", "灵活就业人员如何在网上缴纳养老保险？需要到哪里办理？"),
    ("网站栏目链接失效", "政务公开栏目中“规划计划”的链接打开是空白页。"),
    ("公交站台缺少遮雨棚", "人民医院公交站台没有遮雨棚，雨天候车的老人很不方便。"),
    ("老旧小区加装电梯", "我们是九十年代的老小区，想了解加装电梯的补贴政策和申请流程。"),
]
# The cycle of states, newest letters first: half answered (sent or closed), a few overdue, one
# near the 3-month line.
STATES = [
    "closed",
    "submitted",
    "closed",
    "accepted",
    "sent",
    "assigned",
    "closed",
    "handling",
    "closed",
    "drafted",
    "sent",
    "reviewed",
    "closed",
    "reopened",
    "closed",
    "screened_out",
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


@register_seed("letters", order=85, label="互动交流来信")
def seed_letters(ctx) -> None:
    """≥ 1,000 letters over 14 months at full scale, in bulk (a few queries per 500 letters)."""
    departments = list(Organisation.objects.exclude(kind=Organisation.Kind.DISTRICT).order_by("pk")[:12])
    channels = list(Channel.objects.order_by("sort_order"))
    if not departments or not channels:
        return
    total = ctx.count(1100)
    code = make_password("DEMO2026")  # every demo letter can be tracked with the code DEMO2026
    done = set(Letter.objects.filter(external_source="demo").values_list("external_id", flat=True))
    calendar = WorkdayCalendar()
    letters = []
    for index in range(total):
        external_id = f"demo-{index}"
        if external_id in done:
            continue
        letters.append(_letter(ctx, index, total, departments, channels, code, calendar))
    Letter.objects.bulk_create(letters, batch_size=500)
    for letter in Letter.objects.filter(
        external_source="demo", state__in=OPEN_STATES, accepted_at__isnull=False, reply_due_at__isnull=True
    ).select_related("channel", "organisation"):
        services.open_reply_clock(letter)  # the due time is copied onto the letter
    ctx.created["来信"] += len(letters)
    if letters:
        statistics.rebuild_figures()
    services.supervise(ctx.now)


def _letter(ctx, index, total, departments, channels, code, calendar) -> Letter:
    rng = ctx.rng("letter", index)
    title, body = SUBJECTS[index % len(SUBJECTS)]
    state = STATES[index % len(STATES)]
    submitted = ctx.spread(rng, index, total, span=425, newest=2)
    if index == total - 1:
        state, submitted = "handling", ctx.now - timedelta(days=62)  # red flag, near the 3-month line
    elif state in OPEN_STATES and state != "submitted" and index % 97 == 0:
        submitted = ctx.now - timedelta(days=rng.randint(20, 40))  # overdue
    org = departments[index % len(departments)]
    channel = channels[index % len(channels)]
    phone = f"139{rng.randint(10000000, 99999999)}"
    letter = Letter(
        tracking_number=f"HDDEMO{index:06d}",
        query_code_hash=code,
        channel=channel,
        addressed_to=org,
        title=title,
        body=body,
        name=NAMES[index % len(NAMES)],
        phone=phone,
        phone_index=blind_index(phone),
        publish_consent=rng.random() < 0.8,
        submitted_at=submitted,
        received_month=month_of(submitted),
        state=state,
        external_source="demo",
        external_id=f"demo-{index}",
    )
    if state == "screened_out":
        letter.screening, letter.closed_at = Letter.Screening.OUT_OF_SCOPE, submitted + timedelta(days=1)
    if state not in ("submitted", "screened_out"):
        letter.accepted_at = submitted + timedelta(hours=20)
    if state not in ("submitted", "screened_out", "accepted"):
        letter.organisation, letter.assigned_at = org, submitted + timedelta(days=1)
    if state in ("drafted", "reviewed", "sent", "closed"):
        letter.reply = f"您好！关于“{title}”，我单位已安排专人处理，感谢您的监督。"
    if state == "reopened":
        letter.satisfaction = Letter.Satisfaction.DISSATISFIED
    if state in ("sent", "closed"):
        letter.replied_at = letter.accepted_at + timedelta(days=rng.choice([2, 3, 5, 7, 9, 12, 16, 21]))
        letter.replied_by, letter.published = org, letter.publish_consent
        start, end = (timezone.localtime(t).date() for t in (letter.accepted_at, letter.replied_at))
        letter.reply_working_days = calendar.working_days_between(start, end)
        letter.replied_on_time = letter.reply_working_days <= channel.reply_days
    if state == "closed":
        letter.satisfaction = rng.choice([Letter.Satisfaction.SATISFIED] * 4 + [Letter.Satisfaction.BASIC])
        letter.closed_at = letter.replied_at + timedelta(days=3)
    return letter


from .participation import demo as _participation_demo  # noqa: E402, F401 — surveys, consultations, interviews
