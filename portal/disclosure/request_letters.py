"""The reply letter (政府信息公开申请答复告知书), one template per outcome category."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core.personal_data import mask

from . import paperwork
from .requests import CATEGORY_LABELS, OUTCOMES, DisclosureRequest

#: The opening sentence of the decision, per outcome category.
DECISIONS = {
    "open": _lazy("经审查，您申请公开的政府信息属于公开范围，本机关决定予以公开，现向您提供。"),
    "partial": _lazy(
        "经审查，您申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，本机关作区分处理后，"
        "向您提供可以公开的部分，对不予公开的部分说明理由如下。"
    ),
    "withheld": _lazy("经审查，您申请公开的政府信息%(reason)s，本机关决定不予公开。"),
    "unavailable": _lazy("经审查，%(reason)s，本机关无法提供您申请的政府信息。"),
    "declined": _lazy("经审查，您的申请属于“%(reason)s”，本机关不予处理。"),
    "other": _lazy("经审查，%(reason)s。"),
}
BASIS = _lazy("根据《中华人民共和国政府信息公开条例》第三十六条的规定，特此告知。")
REMEDY = _lazy(
    "如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法提起行政诉讼。"
)


def letter_title(case: DisclosureRequest) -> str:
    return _("政府信息公开申请答复告知书")


def letter_blocks(case: DisclosureRequest) -> list:
    reason = str(dict(OUTCOMES).get(case.outcome, ""))
    decision = DECISIONS.get(case.outcome_category, "%(reason)s") % {"reason": reason}
    replied = timezone.localtime(case.replied_at) if case.replied_at else timezone.localtime()
    return [
        ("right", _("受理编号：%(number)s") % {"number": case.tracking_number}),
        ("p", _("%(name)s：") % {"name": mask(case.name, "name")}),
        (
            "p",
            _("本机关于 %(day)s 收到您提交的政府信息公开申请，所需信息描述为：“%(what)s”。")
            % {"day": case.received_on.strftime("%Y年%m月%d日"), "what": case.description},
        ),
        ("p", decision),
        ("h", _("办理结果：%(category)s") % {"category": CATEGORY_LABELS.get(case.outcome_category, "")}),
        ("p", case.reply_text or ""),
        ("p", str(BASIS)),
        ("p", str(REMEDY)),
        ("right", case.organisation.name),
        ("right", replied.strftime("%Y年%m月%d日")),
    ]


def reply_letter(case: DisclosureRequest, fmt: str) -> bytes:
    """The 告知书 of a replied case as ``docx`` or ``pdf`` bytes."""
    if not case.outcome:
        raise ValueError("the case has no reply yet")
    return paperwork.render(fmt, letter_title(case), letter_blocks(case))


def filename(case: DisclosureRequest) -> str:
    return f"gaozhishu-{case.tracking_number}"
