"""On-request disclosure (依申请公开): the application, its applicant and its outcome.

The applicant types and the outcomes are exactly the columns and rows of the on-request table
of the annual report (国办公开办函〔2021〕30号), so that the report is a GROUP BY over this model.
The state machine is declared in ``request_states.py``, the statutory clock in
``request_clock.py``. This module imports nothing from ``.models``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.personal_data import EncryptedCharField, EncryptedTextField, blind_index
from portal.core.submissions import PublicSubmission

#: Columns of the annual report's on-request table: 自然人, then 法人或其他组织 by kind.
APPLICANT_TYPES = [
    ("natural", _("自然人")),
    ("commercial", _("商业企业")),
    ("research", _("科研机构")),
    ("welfare", _("社会公益组织")),
    ("legal_service", _("法律服务机构")),
    ("other_org", _("其他")),
]
ORGANISATION_TYPES = [key for key, _label in APPLICANT_TYPES if key != "natural"]

#: The outcome categories (三、本年度办理结果) and their statutory reasons, in the report's order.
OUTCOME_GROUPS = [
    ("open", _("予以公开"), [("open", _("予以公开"))]),
    ("partial", _("部分公开"), [("partial", _("部分公开（区分处理的，只计这一情形，不计其他情形）"))]),
    (
        "withheld",
        _("不予公开"),
        [
            ("withheld_secret", _("属于国家秘密")),
            ("withheld_law", _("其他法律行政法规禁止公开")),
            ("withheld_safety", _("危及“三安全一稳定”")),
            ("withheld_third_party", _("保护第三方合法权益")),
            ("withheld_internal", _("属于三类内部事务信息")),
            ("withheld_process", _("属于四类过程性信息")),
            ("withheld_enforcement", _("属于行政执法案卷")),
            ("withheld_query", _("属于行政查询事项")),
        ],
    ),
    (
        "unavailable",
        _("无法提供"),
        [
            ("unavailable_not_held", _("本机关不掌握相关政府信息")),
            ("unavailable_to_make", _("没有现成信息需要另行制作")),
            ("unavailable_unclear", _("补正后申请内容仍不明确")),
        ],
    ),
    (
        "declined",
        _("不予处理"),
        [
            ("declined_petition", _("信访举报投诉类申请")),
            ("declined_repeat", _("重复申请")),
            ("declined_publication", _("要求提供公开出版物")),
            ("declined_mass", _("无正当理由大量反复申请")),
            ("declined_confirm", _("要求行政机关确认或重新出具已获取信息")),
        ],
    ),
    (
        "other",
        _("其他处理"),
        [
            ("other_no_correction", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
            ("other_no_fee", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
            ("other", _("其他")),
        ],
    ),
]
OUTCOMES = [(key, label) for _g, _gl, reasons in OUTCOME_GROUPS for key, label in reasons]
OUTCOME_CATEGORY = {key: group for group, _gl, reasons in OUTCOME_GROUPS for key, _l in reasons}
CATEGORY_LABELS = {group: label for group, label, _r in OUTCOME_GROUPS}

#: The states of a request (transitions: ``request_states.py``).
STATES = {
    "received": _("办理中"),
    "correction": _("待补正"),
    "third_party": _("征求第三方意见"),
    "replied": _("已答复"),
    "closed": _("已办结"),
}
OPEN_STATES = ("received", "correction", "third_party")

DELIVERY_FORMS = [
    ("paper", _("纸质")),
    ("email", _("电子邮件")),
    ("disc", _("光盘")),
    ("other", _("其他")),
]
OBTAIN_METHODS = [
    ("post", _("邮寄")),
    ("pickup", _("当面领取")),
    ("email", _("电子邮件")),
    ("online", _("网上查询")),
]


def outcome_label(key: str) -> str:
    """“不予公开 — 属于国家秘密”; a single-reason category is just its name."""
    if not key:
        return ""
    group = OUTCOME_CATEGORY.get(key, "")
    reason = str(dict(OUTCOMES).get(key, key))
    if group in ("open", "partial"):
        return str(CATEGORY_LABELS[group])
    return f"{CATEGORY_LABELS.get(group, '')}（{reason}）"


class DisclosureRequest(PublicSubmission):
    """A request for government information (政府信息公开申请) and its handling."""

    TRACKING_PREFIX = "YS"

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("受理机关"),
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_TYPES)
    name = EncryptedCharField(_("申请人姓名或名称"), max_length=100)
    id_number = EncryptedCharField(_("身份证号码或统一社会信用代码"), max_length=30)
    id_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    contact_person = EncryptedCharField(_("联系人"), max_length=50)
    phone = EncryptedCharField(_("联系电话"), max_length=30)
    email = EncryptedCharField(_("电子邮箱"), max_length=120)
    address = EncryptedTextField(_("通信地址"))
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    description = models.TextField(_("所需信息的名称、文号或便于查询的其他特征性描述"))
    purpose = models.TextField(_("用途"), blank=True)
    delivery_form = models.CharField(_("信息载体"), max_length=10, choices=DELIVERY_FORMS, default="paper")
    obtain_method = models.CharField(_("获取方式"), max_length=10, choices=OBTAIN_METHODS, default="post")

    state = models.CharField(
        _("状态"), max_length=20, choices=list(STATES.items()), default="received", db_index=True
    )
    received_on = models.DateField(_("收到申请日期"), default=timezone.localdate, db_index=True)
    correction_note = models.TextField(_("补正内容"), blank=True)
    correction_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    third_party = models.CharField(_("第三方"), max_length=200, blank=True)
    third_party_sent_on = models.DateField(_("征求第三方意见日期"), null=True, blank=True)
    third_party_answered_on = models.DateField(_("收到第三方意见日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长期限（工作日）"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    outcome = models.CharField(_("办理结果"), max_length=30, choices=OUTCOMES, blank=True, db_index=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            models.Index(fields=["organisation", "received_on"]),
            models.Index(fields=["organisation", "replied_on"]),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.id_index = blind_index(self.id_number or "")
        super().save(*args, **kwargs)

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != "natural"

    @property
    def outcome_category(self) -> str:
        return OUTCOME_CATEGORY.get(self.outcome, "")

    @property
    def outcome_display(self) -> str:
        return outcome_label(self.outcome)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES
