"""Public functions of the disclosure app, for views, other apps and the admin."""

from __future__ import annotations

from portal.core.models import Organisation

from .catalogue_xlsx import ImportResult, export_xlsx, import_xlsx
from .compliance import ComplianceReport, compliance_report
from .concerns import ranked_topics
from .lifecycle import ReviewQueue, expire_due, remind_due, review_queue
from .platform import DisclosurePlatformPage, documents_of, guide_for, scope_of

__all__ = [
    "ComplianceReport",
    "ImportResult",
    "ReviewQueue",
    "compliance_report",
    "expire_due",
    "export_catalogue",
    "guide_for",
    "import_catalogue",
    "organisation_documents",
    "platform_url",
    "ranked_topics",
    "remind_due",
    "review_queue",
]


def organisation_documents(organisation: Organisation):
    """The live policy documents an organisation's disclosure directory lists."""
    return documents_of(scope_of(organisation))


def platform_url(organisation: Organisation) -> str:
    """The address of an organisation's disclosure platform (政府信息公开 / 居务公开), or ""."""
    page = DisclosurePlatformPage.objects.live().filter(locale__language_code="zh-hans").first()
    return page.org_url(organisation) if page else ""


def export_catalogue(entries=None) -> bytes:
    return export_xlsx(entries)


def import_catalogue(content: bytes, user=None) -> ImportResult:
    """Validate every row of an XLSX catalogue; apply them all, or none when any is invalid."""
    return import_xlsx(content, user=user)
