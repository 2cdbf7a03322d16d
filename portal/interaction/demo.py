"""The interaction hub's part of the demo district: a small set of letters in every state.

Idempotent: each demo letter carries the external id ``demo-<n>`` and is created once.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password

from portal.core.models import Organisation
from portal.demo.registry import register_seed

from . import services
from .models import Channel, Letter

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
# (state, share) for the letters, newest first; a few are overdue and one is near the red flag
STATES = [
    "submitted",
    "accepted",
    "assigned",
    "handling",
    "drafted",
    "sent",
    "closed",
    "closed",
    "closed",
    "screened_out",
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


@register_seed("letters", order=85, label="互动交流来信")
def seed_letters(ctx) -> None:
    departments = list(Organisation.objects.exclude(kind=Organisation.Kind.DISTRICT).order_by("pk")[:12])
    channels = list(Channel.objects.order_by("sort_order"))
    if not departments or not channels:
        return
    total = ctx.count(60)
    code = make_password("DEMO2026")  # every demo letter can be tracked with the code DEMO2026
    for index in range(total):
        external_id = f"demo-{index}"
        if Letter.objects.filter(external_source="demo", external_id=external_id).exists():
            continue
        rng = ctx.rng("letter", index)
        title, body = SUBJECTS[index % len(SUBJECTS)]
        state = STATES[index % len(STATES)]
        submitted = ctx.spread(rng, index, total, span=420, newest=2)
        if index == total - 1:
            state, submitted = "handling", ctx.now - timedelta(days=62)  # red flag, near the 3-month line
        org = departments[index % len(departments)]
        letter = Letter(
            tracking_number=f"HDDEMO{index:06d}",
            query_code_hash=code,
            channel=channels[index % len(channels)],
            addressed_to=org,
            title=title,
            body=body,
            name=NAMES[index % len(NAMES)],
            phone=f"139{rng.randint(10000000, 99999999)}",
            publish_consent=rng.random() < 0.7,
            submitted_at=submitted,
            state=state,
            external_source="demo",
            external_id=external_id,
        )
        if state == "screened_out":
            letter.screening, letter.closed_at = Letter.Screening.OUT_OF_SCOPE, submitted + timedelta(days=1)
        if state not in ("submitted", "screened_out"):
            letter.accepted_at = submitted + timedelta(hours=20)
        if state not in ("submitted", "screened_out", "accepted"):
            letter.organisation, letter.assigned_at = org, submitted + timedelta(days=1)
        if state in ("drafted", "sent", "closed"):
            letter.reply = f"您好！关于“{title}”，我单位已安排专人处理，感谢您的监督。"
        if state in ("sent", "closed"):
            letter.replied_at = letter.accepted_at + timedelta(days=rng.randint(2, 9))
            letter.replied_by, letter.published = org, letter.publish_consent
        if state == "closed":
            letter.satisfaction, letter.closed_at = (
                Letter.Satisfaction.SATISFIED,
                letter.replied_at + timedelta(days=3),
            )
        letter.save()
        if letter.accepted_at and state not in ("sent", "closed"):
            services.open_reply_clock(letter)
        ctx.created["来信"] += 1
    services.supervise(ctx.now)


from .participation import demo as _participation_demo  # noqa: E402, F401 — surveys, consultations, interviews
