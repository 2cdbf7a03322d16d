"""Interpretations of policy documents (政策解读), packages (套餐型解读专题) and their settings.

An interpretation links to the documents it explains through page references limited to the
policy document page type (:data:`~.vocabulary.POLICY_PAGE_TYPE`): this app imports no model of
the disclosure app, and reads a document's validity through the page's own properties.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.list_annotations import annotate
from portal.core.models import BasePage
from portal.pages.blocks import RICH_TEXT_FEATURES

from .vocabulary import KIND_LABELS, KINDS, POLICY_PAGE_TYPE


def live_originals(pages) -> list:
    """The live policy documents among ``pages`` (page references), as specific pages."""
    return [p.specific for p in pages if p is not None and p.live]


class InterpretationPage(BasePage):
    """One interpretation of one or more policy documents, of one kind."""

    kind = models.CharField(_("解读形式"), max_length=10, choices=KINDS, default="text", db_index=True)
    summary = models.TextField(_("摘要"), blank=True)
    body = RichTextField(
        _("正文"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("图解须在此填写与图片内容一致的完整文字说明（不得只有图片）；视频可填写内容提要。"),
    )
    speaker_name = models.CharField(
        _("解读人"), max_length=60, blank=True, help_text=_("专家解读、领导解读必填。")
    )
    speaker_title = models.CharField(
        _("解读人职务或职称"),
        max_length=120,
        blank=True,
        help_text=_("如：某大学公共管理学院教授、区人社局局长。"),
    )
    media_url = models.URLField(_("媒体报道链接"), blank=True)
    media_source = models.CharField(_("媒体名称"), max_length=100, blank=True)
    media_date = models.DateField(_("报道日期"), null=True, blank=True)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("视频文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("MP4 或 WebM 格式，由浏览器自带播放器播放。"),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("字幕文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("WebVTT（.vtt）格式的中文字幕。"),
    )
    transcript = models.TextField(
        _("文字实录"), blank=True, help_text=_("视频解读必填：视频内容的完整文字稿。")
    )

    parent_page_types = ["pages.ColumnPage", "interpretation.InterpretationPackagePage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldRowPanel([FieldPanel("date"), FieldPanel("owner_organisation")])],
            heading=_("解读属性"),
        ),
        InlinePanel("originals", heading=_("解读的政策文件"), label=_("政策文件"), min_num=1),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("images", heading=_("图解图片"), label=_("图片")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("speaker_name"), FieldPanel("speaker_title")])],
            heading=_("专家解读、领导解读"),
        ),
        MultiFieldPanel(
            [FieldPanel("media_url"), FieldRowPanel([FieldPanel("media_source"), FieldPanel("media_date")])],
            heading=_("媒体聚焦"),
        ),
        InlinePanel("questions", heading=_("问答"), label=_("问答")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("video"), FieldPanel("captions")]), FieldPanel("transcript")],
            heading=_("视频解读"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == "graphic" and not _has_text(self.body):
            errors["body"] = _("图解须有完整的文字说明，不得只发布图片。")
        if self.kind in ("expert", "leader"):
            if not self.speaker_name:
                errors["speaker_name"] = _("请填写解读人姓名。")
            if not self.speaker_title:
                errors["speaker_title"] = _("请填写解读人职务或职称。")
        if self.kind == "media":
            for name, message in (
                ("media_url", _("请填写媒体报道链接。")),
                ("media_source", _("请填写媒体名称。")),
                ("media_date", _("请填写报道日期。")),
            ):
                if not getattr(self, name):
                    errors[name] = message
        if self.kind == "video":
            if not self.video_id:
                errors["video"] = _("请上传视频文件。")
            if not self.transcript.strip():
                errors["transcript"] = _("视频解读须有完整的文字实录。")
        if errors:
            raise ValidationError(errors)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    def original_pages(self) -> list:
        """The live documents this interpretation explains (specific pages), in order."""
        refs = self.originals.select_related("policy") if self.pk else self.originals.all()
        return live_originals(r.policy for r in refs)

    def repealed_originals(self) -> list:
        return [p for p in self.original_pages() if not getattr(p, "in_force", True)]

    def package(self):
        parent = self.get_parent()
        return parent.specific if parent and parent.specific_class is InterpretationPackagePage else None

    def og_image_url(self) -> str:
        first = self.images.select_related("image").first() if self.pk else None
        return first.image.get_rendition("fill-600x315").url if first else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        originals = self.original_pages()
        context["originals"] = originals
        context["repealed"] = [p for p in originals if not getattr(p, "in_force", True)]
        context["images"] = list(self.images.select_related("image"))
        context["questions"] = list(self.questions.all())
        context["package"] = self.package()
        return context


def _has_text(html: str) -> bool:
    from django.utils.html import strip_tags

    return bool(strip_tags(html or "").strip())


class InterpretedPolicy(Orderable):
    """An interpretation's link to a document it explains (a page reference of the policy type)."""

    interpretation = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="originals")
    policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("policy", page_type=POLICY_PAGE_TYPE)]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的政策文件")
        constraints = [
            models.UniqueConstraint(fields=["interpretation", "policy"], name="interpretation_policy_once")
        ]


class InterpretationImage(Orderable):
    interpretation = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class QuestionAnswer(Orderable):
    """A question and its official answer (问答); each becomes an answer card in search."""

    interpretation = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("问答")
        verbose_name_plural = _("问答")

    def __str__(self) -> str:
        return self.question

    @property
    def anchor(self) -> str:
        return f"wd-{self.pk}"


class InterpretationPackagePage(BasePage):
    """套餐型解读专题: every interpretation of one policy in a fixed order, with public
    participation (comments and the organisation's answers)."""

    policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("解读的政策文件"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("导语"), blank=True)
    planned_on = models.DateField(
        _("计划发布日期"), null=True, blank=True, help_text=_("发布日历按此日期排期；过期未发布即为逾期。")
    )
    reminded_on = models.DateField(_("最近提醒日期"), null=True, blank=True, editable=False)

    parent_page_types = ["pages.ColumnPage"]
    subpage_types = ["interpretation.InterpretationPage"]

    content_panels = Page.content_panels + [
        PageChooserPanel("policy", page_type=POLICY_PAGE_TYPE),
        FieldRowPanel([FieldPanel("planned_on"), FieldPanel("date"), FieldPanel("owner_organisation")]),
        FieldPanel("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("套餐型解读专题")
        verbose_name_plural = _("套餐型解读专题")

    def clean(self):
        super().clean()
        if not self.policy_id:
            raise ValidationError({"policy": _("请选择专题解读的政策文件。")})

    def meta_description(self) -> str:
        return super().meta_description() or self.title

    def original(self):
        return self.policy.specific if self.policy_id and self.policy.live else None

    def interpretations(self):
        """Live interpretations of the package's document: its own and any other, in the fixed
        order of the parts, newest first inside a part."""
        if not self.policy_id:
            return []
        own = set(InterpretationPage.objects.child_of(self).values_list("pk", flat=True))
        found = {p.pk: p for p in interpretations_of(self.policy_id)}
        for page in InterpretationPage.objects.live().public().filter(pk__in=own).exclude(pk__in=found):
            found[page.pk] = page
        return sorted(found.values(), key=_part_key)

    def kinds(self) -> list[str]:
        return sorted({p.kind for p in self.interpretations()}, key=lambda k: _part_key_kind(k))

    def kind_labels(self) -> list[str]:
        labels = getattr(self, "_kind_labels", None)
        if labels is None:
            labels = self._kind_labels = [str(KIND_LABELS[k]) for k in self.kinds()]
        return labels

    def og_image_url(self) -> str:
        for page in self.interpretations():
            url = page.og_image_url()
            if url:
                return url
        return ""

    def get_context(self, request, *args, **kwargs):
        from .parts import package_parts

        context = super().get_context(request, *args, **kwargs)
        original = self.original()
        context["original"] = original
        context["originals"] = [original] if original else []
        context["parts"] = package_parts(annotate(self.interpretations()))
        return context

    def status(self, today=None) -> str:
        """published, planned or overdue (the release calendar)."""
        if self.live:
            return "published"
        today = today or timezone.localdate()
        return "overdue" if self.planned_on and self.planned_on < today else "planned"


def interpretations_of(policy_id: int):
    """Live, public interpretations that link to this document, newest first."""
    return (
        InterpretationPage.objects.live()
        .public()
        .filter(originals__policy_id=policy_id)
        .distinct()
        .order_by("-date", "-pk")
    )


def remember_kind_labels(pages) -> None:
    """Read the 解读形式 of every package among ``pages`` in two queries (a list shows them
    beside each title) and keep them on the pages for :meth:`kind_labels`."""
    packages = [p for p in pages if isinstance(p, InterpretationPackagePage) and p.policy_id]
    if not packages:
        return
    kinds: dict[int, set[str]] = {p.pk: set() for p in packages}
    by_path = {p.path: p.pk for p in packages}
    children = Q()
    for package in packages:
        children |= Q(path__startswith=package.path, depth=package.depth + 1)
    live = InterpretationPage.objects.live().public()
    for path, kind in live.filter(children).values_list("path", "kind"):
        parent = by_path.get(path[: -InterpretationPage.steplen])
        if parent is not None:
            kinds[parent].add(kind)
    by_policy: dict[int, list[int]] = {}
    for package in packages:
        by_policy.setdefault(package.policy_id, []).append(package.pk)
    linked = live.filter(originals__policy_id__in=by_policy).values_list("originals__policy_id", "kind")
    for policy_id, kind in linked.distinct():
        for pk in by_policy[policy_id]:
            kinds[pk].add(kind)
    for package in packages:
        package._kind_labels = [str(KIND_LABELS[k]) for k in sorted(kinds[package.pk], key=_part_key_kind)]


def _part_key_kind(kind: str) -> int:
    from .vocabulary import KIND_ORDER

    return KIND_ORDER.get(kind, 99)


def _part_key(page: InterpretationPage):
    return (_part_key_kind(page.kind), -page.date.timestamp(), page.pk)


@register_setting(icon="doc-full")
class InterpretationSettings(BaseGenericSetting):
    """Which documents require an interpretation, how soon, and the rhythm of the calendar."""

    normative_only = models.BooleanField(
        _("规范性文件须解读"), default=True, help_text=_("勾选时，规范性文件一律须同步解读。")
    )
    genres = models.CharField(
        _("须解读的体裁"),
        max_length=200,
        blank=True,
        help_text=_("以顿号或逗号分隔，如“意见、办法、方案”；这些体裁的文件不论是否规范性文件都须解读。"),
    )
    issuers = models.CharField(
        _("限定发文机关"),
        max_length=300,
        blank=True,
        help_text=_("以顿号或逗号分隔；填写后只统计这些机关印发的文件，留空为全部。"),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("解读时限（工作日）"), default=3, help_text=_("政策文件发布后，解读应同步或在该工作日数内发布。")
    )
    rhythm_days = models.PositiveSmallIntegerField(
        _("专题发布节奏（天）"), default=14, help_text=_("套餐型解读专题的发布间隔，默认双周发布。")
    )
    calendar_anchor = models.DateField(
        _("发布日历起始日"), null=True, blank=True, help_text=_("节奏的起算日；留空为本年第一个星期一。")
    )

    panels = [
        FieldPanel("normative_only"),
        FieldPanel("genres"),
        FieldPanel("issuers"),
        FieldPanel("deadline_days"),
        FieldRowPanel([FieldPanel("rhythm_days"), FieldPanel("calendar_anchor")]),
    ]

    class Meta:
        verbose_name = _("政策解读设置")

    @staticmethod
    def _split(text: str) -> list[str]:
        return [t.strip() for t in text.replace("，", "、").replace(",", "、").split("、") if t.strip()]

    def genre_list(self) -> list[str]:
        return self._split(self.genres)

    def issuer_list(self) -> list[str]:
        return self._split(self.issuers)


class RateReminder(models.Model):
    """A reminder sent about a document still lacking its interpretation (sent once)."""

    policy = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("解读提醒")

    def __str__(self) -> str:
        return f"{self.policy_id} {self.sent_at:%Y-%m-%d}"
