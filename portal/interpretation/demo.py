"""Demo data of interpretation: packages (套餐型解读专题) of the newest policy documents, each
with interpretations of several kinds (every kind appears), and a release calendar with the
coming quarter planned (one package overdue). Runs after the policies step."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.demo.media import content_file, image_file, video_webm, webvtt
from portal.demo.pictures import scene_jpeg
from portal.demo.registry import register_seed
from portal.demo.seed.context import SeedContext

from .models import (
    InterpretationImage,
    InterpretationPackagePage,
    InterpretationPage,
    InterpretationSettings,
    InterpretedPolicy,
    QuestionAnswer,
)
from .services import policy_model, release_slots

PACKAGES = 12
PLANNED = 6
#: kinds beyond 图解, 文字 and 问答 (which every package has), in turn
EXTRA_KINDS = ["expert", "media", "video", "leader"]
EXPERTS = [
    ("王立新", "示范大学公共管理学院教授"),
    ("陈雅琴", "区委党校经济学教研室主任"),
    ("刘建华", "示范律师事务所主任、区政府法律顾问"),
]
MEDIA = [("示范日报", "https://news.example.cn/sfrb/"), ("示范区融媒体中心", "https://rmt.example.cn/")]
QUESTIONS = [
    ("这份文件的适用对象是哪些？", "适用于本区符合条件的单位和个人，具体条件以文件正文为准。"),
    ("文件什么时候开始施行？", "自文件印发之日起施行，有效期内按文件规定执行。"),
    ("有疑问可以咨询哪个部门？", "可拨打文件起草部门的咨询电话，或拨打12345政务服务便民热线。"),
]


def _document(title: str, data: bytes, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=content_file(data, filename))
        document._set_document_file_metadata()
        document.save()
    return document


def _image(title: str, alt: str, seed: str):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(
            title=title, description=alt, file=image_file(scene_jpeg("park", seed, (800, 450)), f"{seed}.jpg")
        )
        image._set_image_file_metadata()
        image.save()
    return image


def _interpretation(ctx, package, policy, kind, n, when) -> InterpretationPage:
    name = policy.title
    fields = {
        "title": {
            "graphic": f"一图读懂《{name}》",
            "text": f"《{name}》政策解读",
            "qa": f"《{name}》政策问答",
            "expert": f"专家解读《{name}》",
            "leader": f"部门负责人解读《{name}》",
            "media": f"媒体聚焦：《{name}》出台",
            "video": f"视频解读《{name}》",
        }[kind],
        "slug": f"{kind}-{n}",
        "kind": kind,
        "date": when,
        "first_published_at": when,
        "last_published_at": when,
        "owner_organisation": package.owner_organisation,
        "summary": f"围绕《{name}》的制定背景、主要内容和办理方式进行解读。",
        "body": (
            f"<p>一、制定背景：为贯彻落实上级部署，{policy.issuing_organ or '区政府'}印发《{name}》。</p>"
            "<p>二、主要内容：明确了适用范围、支持措施、办理程序和监督管理。</p>"
            "<p>三、办理方式：符合条件的单位和个人可通过区政务服务中心或网上办事大厅申请。</p>"
        ),
        "live": True,
    }
    if kind in ("expert", "leader"):
        speaker = EXPERTS[n % len(EXPERTS)]
        fields.update(speaker_name=speaker[0], speaker_title=speaker[1])
        if kind == "leader":
            fields.update(speaker_name="周明", speaker_title=f"{package.owner_organisation.name}局长")
    if kind == "media":
        source, url = MEDIA[n % len(MEDIA)]
        fields.update(media_source=source, media_url=f"{url}{n}.html", media_date=timezone.localdate(when))
    if kind == "video":
        captions = ["各位网友大家好", f"今天为大家解读《{name}》", "欢迎通过评论提出问题"]
        fields["video"] = _document(
            f"视频解读{n}（视频）", video_webm("park", f"jd{n}", 6), f"jiedu-{n}.webm"
        )
        fields["captions"] = _document(f"视频解读{n}（字幕）", webvtt(captions, 2), f"jiedu-{n}.vtt")
        fields["transcript"] = "\n".join(captions)
    page = package.add_child(instance=InterpretationPage(**fields))
    InterpretedPolicy.objects.create(interpretation=page, policy=policy)
    if kind == "qa":
        for order, (q, a) in enumerate(QUESTIONS):
            QuestionAnswer.objects.create(
                interpretation=page,
                question=f"《{name[:20]}》{q}" if order == 0 else q,
                answer=a,
                sort_order=order,
            )
    if kind == "graphic":
        InterpretationImage.objects.create(
            interpretation=page,
            image=_image(f"图解{n}", f"一图读懂《{name}》", f"tujie-{n}"),
            caption=f"一图读懂《{name}》",
        )
    page.save_revision().publish()
    ctx.created["interpretations"] += 1
    return page


@register_seed("interpretation", order=75, label="政策解读专题与发布日历")
def seed_interpretation(ctx: SeedContext) -> None:
    model = policy_model()
    column = ctx.columns.get("zcjd")
    if model is None or column is None:
        return
    if InterpretationPackagePage.objects.descendant_of(column).exists():
        return
    conf = InterpretationSettings.load()
    in_force = list(model.objects.live().filter(validity="in_force").order_by("-date")[: PACKAGES + PLANNED])
    repealed = list(model.objects.live().exclude(validity="in_force").order_by("-date")[:1])
    published = in_force[: PACKAGES - len(repealed)] + repealed
    upcoming = in_force[PACKAGES - len(repealed) : PACKAGES - len(repealed) + PLANNED]
    today = timezone.localdate(ctx.now)
    past = release_slots(today - timedelta(days=conf.rhythm_days * (PACKAGES + 1)), today, conf)[-PACKAGES:]
    future = release_slots(today + timedelta(days=1), today + timedelta(days=92), conf)
    n = 0
    for index, policy in enumerate(published):
        day = past[index % len(past)]
        when = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + timedelta(
            hours=10
        )
        when = min(when, ctx.now)
        package = column.add_child(
            instance=InterpretationPackagePage(
                title=f"《{policy.title}》解读专题",
                slug=f"zt-{policy.pk}",
                policy=policy,
                planned_on=day,
                date=when,
                first_published_at=when,
                last_published_at=when,
                owner_organisation=policy.owner_organisation,
                intro=f"原文、图解、文字解读、问答和互动，一站读懂《{policy.title}》。",
                live=True,
            )
        )
        kinds = ["graphic", "text", "qa", EXTRA_KINDS[index % len(EXTRA_KINDS)]]
        if index % 3 == 0:
            kinds.append(EXTRA_KINDS[(index + 1) % len(EXTRA_KINDS)])
        for kind in kinds:
            n += 1
            _interpretation(ctx, package, policy, kind, n, when)
        package.save_revision().publish()
        ctx.created["interpretation packages"] += 1
    overdue_day = today - timedelta(days=3)
    for index, policy in enumerate(upcoming):
        day = overdue_day if index == 0 else future[(index - 1) % max(len(future), 1)]
        package = InterpretationPackagePage(
            title=f"《{policy.title}》解读专题（筹备中）",
            slug=f"zt-{policy.pk}",
            policy=policy,
            planned_on=day,
            owner_organisation=policy.owner_organisation,
            intro="计划发布。",
            live=False,
        )
        column.add_child(instance=package)
        package.save_revision()
        ctx.created["planned packages"] += 1
