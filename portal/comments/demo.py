"""Demo comments: the 政策解读 and 部门动态 columns take comments; ≥ 100 comments on packages,
interpretations and articles — published, pending (held), rejected and answered."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from wagtail.models import Page

from portal.demo.registry import register_seed
from portal.demo.seed.context import SeedContext

from .models import Comment, CommentColumn
from .services import organisation_for

COLUMNS = ("zcjd", "bmdt")
TOTAL = 120
TEXTS = [
    "请问这项政策什么时候开始受理申请？",
    "补贴标准能否再详细说明一下？",
    "外地户籍在本区就业的人员是否适用？",
    "图解很清楚，点赞！",
    "申请材料可以网上提交吗？",
    "希望能延长申报期限。",
    "社区能否组织政策宣讲？",
    "办理需要多少个工作日？",
]
REPLY = "感谢您的关注。您反映的问题已转相关科室研究，具体可拨打咨询电话了解。"


@register_seed("comments", order=88, label="评论")
def seed_comments(ctx: SeedContext) -> None:
    if Comment.objects.filter(tracking_number__startswith="PLDEMO").exists():
        return
    for slug in COLUMNS:
        column = ctx.columns.get(slug)
        if column is not None:
            CommentColumn.objects.get_or_create(column=column)
    pages = []
    for slug in COLUMNS:
        column = ctx.columns.get(slug)
        if column is not None:
            pages += list(Page.objects.live().descendant_of(column).order_by("-pk")[:40])
    if not pages:
        return
    rng = ctx.rng("comments")
    code = make_password("DEMO2026")
    for serial in range(TOTAL):
        page = pages[serial % len(pages)]
        state = ["published", "published", "answered", "pending", "rejected"][serial % 5]
        when = ctx.past(rng, 1 + serial % 60)
        comment = Comment(
            page=page,
            organisation=organisation_for(page),
            body=TEXTS[serial % len(TEXTS)],
            tracking_number=f"PLDEMO{serial:05d}",
            query_code_hash=code,
            submitted_at=when,
            status="pending" if state == "pending" else ("rejected" if state == "rejected" else "published"),
            held_for="评论提示词" if state == "pending" else "",
            reject_reason="与本页内容无关" if state == "rejected" else "",
        )
        if state == "answered":
            comment.reply, comment.replied_at = REPLY, when + timedelta(days=1)
        comment.save()
        ctx.created["comments"] += 1
