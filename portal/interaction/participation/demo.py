"""Demo district: surveys with responses and results, draft consultations with comments and
采纳情况, interviews with transcripts. Idempotent on the slugs."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password

from portal.core.models import Leader, Organisation
from portal.demo.registry import register_seed

from .models import (
    Consultation,
    ConsultationArticle,
    ConsultationComment,
    Interview,
    InterviewGuest,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TranscriptEntry,
)

SURVEYS = [
    (
        "yanglao-2026",
        "社区养老服务需求调查",
        "新增两处社区老年食堂，助浴服务覆盖全部街道。",
        ["助餐", "助浴", "陪诊", "上门护理"],
    ),
    (
        "tingche-2026",
        "老旧小区停车改善意见调查",
        "采纳错时停车建议，开放 12 处机关单位夜间车位。",
        ["错时共享", "立体车库", "路内夜间停车"],
    ),
    (
        "gongjiao-2026",
        "公交线路优化问卷",
        "调整 3 条线路，新增人民医院接驳线。",
        ["增加班次", "延长末班", "新增站点"],
    ),
    (
        "yingshang-2026",
        "营商环境满意度调查",
        "开通“一件事”集成服务 12 项，压缩审批时限。",
        ["线上办理", "窗口服务", "政策宣传"],
    ),
    ("lvdao-2026", "城市绿道建设意见征集", "", ["照明", "公厕", "休息座椅", "健身器材"]),
]


@register_seed("participation", order=86, label="征集调查、意见征集、在线访谈")
def seed_participation(ctx) -> None:
    org = Organisation.objects.exclude(kind=Organisation.Kind.DISTRICT).order_by("pk").first()
    code = make_password("DEMO2026")
    for n, (slug, title, feedback, options) in enumerate(SURVEYS):
        if Survey.objects.filter(slug=slug).exists():
            continue
        closed = n < 4
        opens = ctx.now - timedelta(days=60 - n * 5)
        survey = Survey.objects.create(
            slug=slug,
            title=title,
            organisation=org,
            live=True,
            feedback=feedback,
            opens_at=opens,
            closes_at=ctx.now - timedelta(days=5) if closed else ctx.now + timedelta(days=20),
            intro=f"为做好{title[:-2]}工作，现面向全区居民征集意见，感谢您的参与。",
        )
        q1 = SurveyQuestion.objects.create(
            survey=survey,
            key="q1",
            kind="multiple",
            text="您最希望改善哪些方面？",
            options="\n".join(options),
            sort_order=0,
        )
        q2 = SurveyQuestion.objects.create(
            survey=survey, key="q2", kind="scale", text="您对目前情况的满意度", sort_order=1
        )
        q3 = SurveyQuestion.objects.create(
            survey=survey, key="q3", kind="text", text="其他意见和建议", required=False, sort_order=2
        )
        rng = ctx.rng("survey", n)
        for i in range(ctx.count(40)):
            response = SurveyResponse.objects.create(
                survey=survey,
                tracking_number=f"DCDEMO{n:02d}{i:05d}",
                query_code_hash=code,
                submitted_at=opens + timedelta(hours=rng.randint(1, 500)),
            )
            picks = rng.sample(options, rng.randint(1, 2))
            rows = [SurveyAnswer(response=response, question=q1, value=v) for v in picks]
            rows.append(SurveyAnswer(response=response, question=q2, value=str(rng.randint(2, 5))))
            if i % 5 == 0:
                rows.append(SurveyAnswer(response=response, question=q3, text="希望尽快落实，定期公布进展。"))
            SurveyAnswer.objects.bulk_create(rows)
        ctx.created["征集调查"] += 1
    for n, (slug, title) in enumerate(
        [
            ("gaizao-banfa", "示范区老旧小区改造管理办法（征求意见稿）"),
            ("yangquan-guiding", "示范区养犬管理规定（征求意见稿）"),
        ]
    ):
        if Consultation.objects.filter(slug=slug).exists():
            continue
        obj = Consultation.objects.create(
            slug=slug,
            title=title,
            organisation=org,
            live=True,
            opens_at=ctx.now - timedelta(days=40),
            closes_at=ctx.now - timedelta(days=10) if n == 0 else ctx.now + timedelta(days=15),
            summary="根据上位法规定，结合本区实际，起草了本稿，现公开征求社会各界意见。",
            feedback="共收到意见 3 条，采纳 1 条，部分采纳 1 条。" if n == 0 else "",
        )
        texts = [
            "为了规范本区相关管理工作，保障居民合法权益，制定本办法。",
            "本办法适用于本区行政区域内的相关活动。",
            "各街道办事处负责本辖区内的组织实施工作。",
        ]
        adoption = [
            ("adopted", "已在第一条增加“共建共享”表述。"),
            ("partly", "适用范围暂不扩大。"),
            ("not_adopted", "与上位法规定不一致。"),
        ]
        for i, text in enumerate(texts):
            article = ConsultationArticle.objects.create(
                consultation=obj,
                number=["第一条", "第二条", "第三条"][i],
                text=text,
                sort_order=i,
                adoption=adoption[i][0] if n == 0 else "",
                adoption_reason=adoption[i][1] if n == 0 else "",
            )
            ConsultationComment.objects.create(
                consultation=obj,
                article=article,
                tracking_number=f"YJDEMO{n}{i:04d}",
                query_code_hash=code,
                body=f"建议对{article.number}进一步细化，明确居民参与的方式。",
                nickname="热心居民",
                state="published",
            )
        ctx.created["意见征集"] += 1
    leader = Leader.objects.order_by("pk").first()
    for n, (slug, title) in enumerate(
        [
            ("yingshang-fangtan", "优化营商环境 服务企业发展"),
            ("yanglao-fangtan", "完善养老服务体系"),
            ("jiaoyu-fangtan", "义务教育入学政策解读"),
        ]
    ):
        if Interview.objects.filter(slug=slug).exists():
            continue
        starts = ctx.now - timedelta(days=30 - n * 10) if n < 2 else ctx.now + timedelta(days=3)
        interview = Interview.objects.create(
            slug=slug,
            title=title,
            organisation=org,
            live=True,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            summary=f"围绕“{title}”与网友在线交流。",
        )
        InterviewGuest.objects.create(
            interview=interview,
            leader=leader,
            name="" if leader else "王建国",
            title="" if leader else "副区长",
            sort_order=0,
        )
        if n < 2:
            for i, (role, speaker, text) in enumerate(
                [
                    ("host", "主持人", "各位网友大家好，欢迎收看本期在线访谈。"),
                    ("guest", (leader.name if leader else "王建国"), "大家好，很高兴和网友们交流。"),
                    ("netizen", "网友", "请问相关政策什么时候落地？"),
                    (
                        "guest",
                        (leader.name if leader else "王建国"),
                        "我们将在今年内出台实施细则，并在政府网站公布。",
                    ),
                ]
            ):
                TranscriptEntry.objects.create(
                    interview=interview,
                    role=role,
                    speaker=speaker,
                    text=text,
                    posted_at=starts + timedelta(minutes=5 * i),
                )
        ctx.created["在线访谈"] += 1
