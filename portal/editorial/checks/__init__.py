"""The automated content check: every registered rule, run over a page or a revision's content.

Rules are registered with :func:`register_check`: the built-in ones below, and any app's own from
its ``contributions.py`` (a check may apply to some page types only). A page type leaves fields
out of the check with ``content_check_exclude = ("field", …)`` (e.g. generated identifiers).
Administrators switch rules off or change their severity with :class:`CheckRuleSetting`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.core.registry import Registry

from .confusions import check_confusions
from .findings import Finding, Severity
from .leaders import check_leaders
from .lexicon import check_lexicons
from .links import check_images, check_links
from .page_rules import check_dates, check_empty_body
from .text import page_fields

__all__ = ["Finding", "Severity", "checks", "register_check", "rules", "run_checks"]

Check = Callable[..., list[Finding]]


@dataclass(frozen=True)
class ContentCheck:
    """A check function with the rules it reports (rule → (default severity, label))."""

    func: Check
    rules: dict
    applies_to: tuple[type, ...] = ()
    order: int = 100

    @property
    def key(self) -> str:
        return f"{self.func.__module__}.{self.func.__qualname__}"

    def applies(self, page) -> bool:
        return not self.applies_to or isinstance(page, self.applies_to)


checks = Registry("content checks")


def register_check(
    func: Check, rules: dict, applies_to: Sequence[type] = (), order: int = 100
) -> ContentCheck:
    """Add a check: ``func(page, fields, context) -> [Finding]`` reporting ``rules``."""
    check = ContentCheck(func, dict(rules), tuple(applies_to), order)
    checks.register(check.key, check)
    return check


def rules() -> dict[str, tuple[str, str]]:
    """Every rule of every registered check, with its default severity and label."""
    found: dict[str, tuple[str, str]] = {}
    for check in checks.values():
        found.update(check.rules)
    return found


def run_checks(page, now=None) -> list[Finding]:
    """All findings for ``page`` (a specific page instance, e.g. ``revision.as_object()``).

    Administrators' :class:`CheckRuleSetting` rows switch rules off or change their severity
    (lexicon rules keep the severity of their lexicon unless a setting overrides it).
    """
    from portal.editorial.models.checks import CheckRuleSetting

    settings_by_rule = {s.rule: s for s in CheckRuleSetting.objects.all()}
    context = {
        "now": now,
        "thresholds": {r: s.threshold for r, s in settings_by_rule.items() if s.threshold},
    }
    fields = page_fields(page)
    findings: list[Finding] = []
    for check in sorted(checks.values(), key=lambda c: (c.order, c.key)):
        if check.applies(page):
            findings.extend(check.func(page, fields, context))
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


register_check(
    check_lexicons,
    {
        "confidential": (Severity.BLOCK, _("涉密标识")),
        "sensitive": (Severity.BLOCK, _("敏感词")),
        "lexicon": (Severity.WARN, _("自定义词库")),
    },
    order=10,
)
register_check(check_confusions, {"confusion": (Severity.WARN, _("易错词"))}, order=20)
register_check(
    check_leaders,
    {"leader_title": (Severity.BLOCK, _("领导职务")), "leader_order": (Severity.BLOCK, _("领导排序"))},
    order=30,
)
register_check(
    check_links,
    {
        "broken_link": (Severity.BLOCK, _("失效站内链接")),
        "unpublished_link": (Severity.WARN, _("链接到未发布页面")),
        "unsafe_link": (Severity.BLOCK, _("不安全链接协议")),
        "insecure_link": (Severity.WARN, _("非 HTTPS 链接")),
    },
    order=40,
)
register_check(check_images, {"image_alt": (Severity.WARN, _("图片缺少替代文本"))}, order=50)
register_check(check_empty_body, {"empty_body": (Severity.BLOCK, _("正文为空"))}, order=60)
register_check(
    check_dates,
    {"future_date": (Severity.BLOCK, _("发布时间晚于实际")), "backdated": (Severity.WARN, _("发布时间倒签"))},
    order=70,
)
