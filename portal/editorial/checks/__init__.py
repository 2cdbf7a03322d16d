"""The automated content check: every rule, run over a page (or a revision's content)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from .confusions import check_confusions
from .findings import Finding, Severity
from .leaders import check_leaders
from .lexicon import check_lexicons
from .links import check_images, check_links
from .page_rules import check_dates, check_empty_body
from .text import page_fields

__all__ = ["CHECKS", "RULES", "Finding", "Severity", "run_checks"]

#: Built-in rules with their default severity (an administrator may change it per rule).
RULES: dict[str, tuple[str, str]] = {
    "confidential": (Severity.BLOCK, _("涉密标识")),
    "sensitive": (Severity.BLOCK, _("敏感词")),
    "lexicon": (Severity.WARN, _("自定义词库")),
    "confusion": (Severity.WARN, _("易错词")),
    "leader_title": (Severity.BLOCK, _("领导职务")),
    "leader_order": (Severity.BLOCK, _("领导排序")),
    "broken_link": (Severity.BLOCK, _("失效站内链接")),
    "unpublished_link": (Severity.WARN, _("链接到未发布页面")),
    "unsafe_link": (Severity.BLOCK, _("不安全链接协议")),
    "insecure_link": (Severity.WARN, _("非 HTTPS 链接")),
    "image_alt": (Severity.WARN, _("图片缺少替代文本")),
    "empty_body": (Severity.BLOCK, _("正文为空")),
    "future_date": (Severity.BLOCK, _("发布时间晚于实际")),
    "backdated": (Severity.WARN, _("发布时间倒签")),
}

Check = Callable[..., list[Finding]]
CHECKS: list[Check] = [
    check_lexicons,
    check_confusions,
    check_leaders,
    check_links,
    check_images,
    check_empty_body,
    check_dates,
]

LEXICON_RULES = {"confidential", "sensitive", "lexicon"}


def run_checks(page, now=None) -> list[Finding]:
    """All findings for ``page`` (a specific page instance, e.g. ``revision.as_object()``).

    Administrators' :class:`CheckRuleSetting` rows switch rules off or change their severity
    (lexicon rules keep the severity of their lexicon unless a setting overrides it).
    """
    from portal.editorial.models import CheckRuleSetting

    settings_by_rule = {s.rule: s for s in CheckRuleSetting.objects.all()}
    context = {
        "now": now,
        "thresholds": {r: s.threshold for r, s in settings_by_rule.items() if s.threshold},
    }
    fields = page_fields(page)
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(page, fields, context))
    result = []
    for finding in findings:
        setting = settings_by_rule.get(finding.rule)
        if setting is not None:
            if not setting.enabled:
                continue
            finding.severity = setting.severity
        result.append(finding)
    result.sort(key=lambda f: (f.severity != Severity.BLOCK, f.field, f.offset))
    return result
