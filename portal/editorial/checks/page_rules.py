"""Whole-page rules: empty body and publish dates in the future or back-dated (伪造发稿日期)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .findings import Finding, Severity
from .text import body_field

FUTURE_TOLERANCE = timedelta(minutes=10)
DEFAULT_BACKDATE_DAYS = 3


def check_empty_body(page, fields, context) -> list[Finding]:
    if not any(f.name == "body" for f in fields) and hasattr(page, "body"):
        return [Finding("empty_body", Severity.BLOCK, _("正文为空"), field="body", suggestion=_("填写正文"))]
    body = body_field(fields)
    if body is not None and not body.text.strip() and not body.images:
        return [Finding("empty_body", Severity.BLOCK, _("正文为空"), field="body", suggestion=_("填写正文"))]
    return []


def check_dates(page, fields, context) -> list[Finding]:
    date = getattr(page, "date", None)
    if date is None:
        return []
    now = context.get("now") or timezone.now()
    reference = max(now, page.go_live_at) if getattr(page, "go_live_at", None) else now
    shown = timezone.localtime(date).strftime("%Y-%m-%d %H:%M")
    if date > reference + FUTURE_TOLERANCE:
        return [
            Finding(
                "future_date",
                Severity.BLOCK,
                _("发布时间 %(date)s 晚于实际发布时间") % {"date": shown},
                field="date",
                suggestion=_("发布时间应为实际发布的时间；定时发布请设置“上线时间”"),
            )
        ]
    days = context.get("thresholds", {}).get("backdated") or DEFAULT_BACKDATE_DAYS
    if not page.first_published_at and date < reference - timedelta(days=days):
        return [
            Finding(
                "backdated",
                Severity.WARN,
                _("发布时间 %(date)s 早于实际发布时间超过 %(days)s 天") % {"date": shown, "days": days},
                field="date",
                suggestion=_("如为补录历史信息，请在放行时说明理由"),
            )
        ]
    return []
