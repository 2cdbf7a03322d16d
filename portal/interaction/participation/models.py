"""Surveys (征集调查), public consultations on draft policies (意见征集) and online interviews
(在线访谈) of the interaction hub.

Every public contribution — a survey response, a comment on a draft, a question for a guest — is a
:class:`~portal.core.submissions.PublicSubmission`, committed before it is acknowledged.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from portal.core.submissions import PublicSubmission

__all__ = [
    "Consultation",
    "ConsultationArticle",
    "ConsultationComment",
    "Interview",
    "InterviewGuest",
    "InterviewImage",
    "InterviewQuestion",
    "Moderation",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "TranscriptEntry",
]


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class _Period(models.Model):
    """What surveys and consultations share: a title, an owner, a public window."""

    title = models.CharField(_("标题"), max_length=120)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("发起单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    live = models.BooleanField(_("已发布"), default=False, help_text=_("发布后公众可见。"))
    feedback = models.TextField(
        _("采纳情况"), blank=True, help_text=_("截止后公布：对收到的意见如何采纳、政府做了什么。")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        if now >= self.closes_at:
            return Phase.CLOSED
        return Phase.OPEN

    def phase_label(self) -> str:
        return str(Phase(self.phase()).label)

    def audit_organisation_id(self):
        return self.organisation_id


# -- 征集调查 ---------------------------------------------------------------------------------------


class Survey(_Period, ClusterableModel):
    class Uniqueness(models.TextChoices):
        NONE = "none", _("不限次数")
        ACCOUNT = "account", _("每个账号一次（须登录）")
        DEVICE = "device", _("每台设备一次")

    intro = models.TextField(_("说明"), blank=True)
    uniqueness = models.CharField(
        _("参与限制"), max_length=10, choices=Uniqueness.choices, default=Uniqueness.DEVICE
    )
    publish_results = models.BooleanField(_("截止后公布结果"), default=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("征集调查")
        verbose_name_plural = _("征集调查")

    def results_public(self, now=None) -> bool:
        return self.live and self.publish_results and self.phase(now) == Phase.CLOSED


class SurveyQuestion(Orderable):
    class Kind(models.TextChoices):
        SINGLE = "single", _("单选")
        MULTIPLE = "multiple", _("多选")
        TEXT = "text", _("填空")
        SCALE = "scale", _("量表打分")

    survey = ParentalKey(Survey, related_name="questions", on_delete=models.CASCADE)
    key = models.SlugField(
        _("题目代码"), max_length=20, help_text=_("同一问卷内唯一，如 q1；显示条件用它指向前面的题目。")
    )
    kind = models.CharField(_("题型"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = models.CharField(_("题目"), max_length=200)
    help_text = models.CharField(_("填写提示"), max_length=200, blank=True)
    required = models.BooleanField(_("必答"), default=True)
    options = models.TextField(_("选项（每行一个）"), blank=True, help_text=_("单选、多选题填写。"))
    scale_min = models.SmallIntegerField(_("量表最小值"), default=1)
    scale_max = models.SmallIntegerField(_("量表最大值"), default=5)
    scale_min_label = models.CharField(_("最小值含义"), max_length=20, blank=True, default="很不满意")
    scale_max_label = models.CharField(_("最大值含义"), max_length=20, blank=True, default="非常满意")
    show_if_key = models.SlugField(
        _("显示条件：题目代码"), max_length=20, blank=True, help_text=_("留空表示始终显示。")
    )
    show_if_value = models.CharField(
        _("显示条件：该题答案"),
        max_length=100,
        blank=True,
        help_text=_("前面那道题选了这个选项时才显示本题。"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("题目")
        verbose_name_plural = _("题目")

    def __str__(self) -> str:
        return self.text

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class SurveyResponse(PublicSubmission):
    TRACKING_PREFIX = "DC"

    survey = models.ForeignKey(
        Survey, verbose_name=_("征集调查"), on_delete=models.CASCADE, related_name="responses"
    )
    #: "account:<id>" or "device:<hash>" when the survey allows one response each; else blank
    once_key = models.CharField(max_length=80, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "once_key"],
                condition=~models.Q(once_key=""),
                name="interaction_survey_response_once",
            )
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def audit_organisation_id(self):
        return self.survey.organisation_id


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    #: the chosen option, or the scale value; blank for a text answer
    value = models.CharField(max_length=100, blank=True, db_index=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("答案")
        verbose_name_plural = _("答案")

    def __str__(self) -> str:
        return self.value or self.text[:20]


# -- moderation (comments on drafts, questions for interviews) -------------------------------------


class Moderation(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    REJECTED = "rejected", _("不予公开")


class _Moderated(PublicSubmission):
    body = models.TextField(_("内容"))
    nickname = models.CharField(_("昵称"), max_length=30, blank=True)
    state = models.CharField(
        _("审核状态"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING, db_index=True
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.body[:20]}"

    @property
    def shown_name(self) -> str:
        return self.nickname or str(_("网友"))


# -- 意见征集 ---------------------------------------------------------------------------------------


class Adoption(models.TextChoices):
    PENDING = "", _("待答复")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class Consultation(_Period, ClusterableModel):
    summary = models.TextField(_("起草说明"), blank=True)
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("草案文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    draft_text = models.TextField(
        _("草案全文"),
        blank=True,
        help_text=_("粘贴草案全文后保存，如尚无条文，将按“第X条”自动拆分为条文。"),
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def report_public(self, now=None) -> bool:
        return self.live and self.phase(now) == Phase.CLOSED


class ConsultationArticle(Orderable):
    consultation = ParentalKey(Consultation, related_name="articles", on_delete=models.CASCADE)
    number = models.CharField(_("条号"), max_length=20, help_text=_("如：第一条"))
    text = models.TextField(_("条文"))
    adoption = models.CharField(_("采纳情况"), max_length=12, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField(_("采纳说明或理由"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("条文")
        verbose_name_plural = _("条文")

    def __str__(self) -> str:
        return self.number


class ConsultationComment(_Moderated):
    TRACKING_PREFIX = "YJ"

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("意见征集"), on_delete=models.CASCADE, related_name="comments"
    )
    article = models.ForeignKey(
        ConsultationArticle,
        verbose_name=_("针对条文"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("草案意见")
        verbose_name_plural = _("草案意见")

    def audit_organisation_id(self):
        return self.consultation.organisation_id


# -- 在线访谈 ---------------------------------------------------------------------------------------


class Interview(ClusterableModel):
    title = models.CharField(_("访谈主题"), max_length=120)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    summary = models.TextField(_("访谈简介"), blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("主办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    live = models.BooleanField(_("已发布"), default=False)
    questions_open = models.BooleanField(_("接受网友提问"), default=True, help_text=_("访谈结束前可提问。"))
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("访谈视频（MP4）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("视频字幕（WebVTT）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")

    def __str__(self) -> str:
        return self.title

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        return "live" if now < self.ends_at else "archived"

    def phase_label(self) -> str:
        return str({"upcoming": _("预告"), "live": _("正在直播"), "archived": _("往期回顾")}[self.phase()])

    def accepts_questions(self, now=None) -> bool:
        return self.live and self.questions_open and self.phase(now) != "archived"

    def audit_organisation_id(self):
        return self.organisation_id


class InterviewGuest(Orderable):
    interview = ParentalKey(Interview, related_name="guests", on_delete=models.CASCADE)
    leader = models.ForeignKey(
        "core.Leader",
        verbose_name=_("领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("嘉宾是领导信息中的领导时选择；否则填写下面的姓名和职务。"),
    )
    name = models.CharField(_("姓名"), max_length=40, blank=True)
    title = models.CharField(_("职务"), max_length=120, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("嘉宾")
        verbose_name_plural = _("嘉宾")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (self.leader.name if self.leader else "")

    @property
    def display_title(self) -> str:
        return self.title or (self.leader.title if self.leader else "")


class InterviewImage(Orderable):
    interview = ParentalKey(Interview, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE)
    caption = models.CharField(_("图片说明"), max_length=120)

    class Meta(Orderable.Meta):
        verbose_name = _("访谈图片")
        verbose_name_plural = _("访谈图片")


class InterviewQuestion(_Moderated):
    TRACKING_PREFIX = "FT"

    interview = models.ForeignKey(
        Interview, verbose_name=_("在线访谈"), on_delete=models.CASCADE, related_name="questions"
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")

    def audit_organisation_id(self):
        return self.interview.organisation_id


class TranscriptEntry(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("主持人")
        GUEST = "guest", _("嘉宾")
        NETIZEN = "netizen", _("网友")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="transcript")
    role = models.CharField(_("身份"), max_length=10, choices=Role.choices, default=Role.GUEST)
    speaker = models.CharField(_("发言人"), max_length=60)
    text = models.TextField(_("发言内容"))
    posted_at = models.DateTimeField(_("发布时间"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("文字实录")
        verbose_name_plural = _("文字实录")

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:20]}"

    def as_json(self) -> dict:
        return {
            "id": self.pk,
            "role": self.role,
            "role_label": str(self.get_role_display()),
            "speaker": self.speaker,
            "text": self.text,
            "time": timezone.localtime(self.posted_at).strftime("%H:%M"),
        }
