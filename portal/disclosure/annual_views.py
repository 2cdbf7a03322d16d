"""Published annual reports on the disclosure platform: ``<org>/nianbao/<year>/`` (a page in the
organisation's 年报 part) and ``<org>/nianbao/<year>/docx|pdf/`` (downloads). Public and the
same for everyone: cacheable like the platform's other pages (purged when a report changes)."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from portal.core.exports import download

from . import annual_docs, platform
from .annual import AnnualReport, title_of


def _published(organisation, year: int) -> AnnualReport:
    report = AnnualReport.objects.filter(organisation=organisation, year=year, published=True).first()
    if report is None:
        raise Http404
    return report


def report_page(page, request, organisation, year: int) -> HttpResponse:
    report = _published(organisation, year)
    context = page._org_context(organisation, "nianbao")
    context["extra_crumbs"] = [
        *context["extra_crumbs"],
        (context["part_label"], f"{context['org_url']}nianbao/"),
    ]
    context.update(
        report=report,
        report_title=title_of(organisation, year),
        extra_crumb=f"{year}",
        sections=annual_docs.sections(report),
        download_base=f"{context['org_url']}nianbao/{year}/",
    )
    return page.render(request, template="disclosure/annual/report.html", context_overrides=context)


def report_download(page, request, organisation, year: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    report = _published(organisation, year)
    return download(annual_docs.render(report, fmt), annual_docs.filename(report), fmt)


def published_reports(organisation) -> list[dict]:
    """The 年报 part's list (registered with the platform)."""
    page = platform.DisclosurePlatformPage.objects.live().first()
    base = page.org_url(organisation) if page else ""
    return [
        {"title": title_of(organisation, r.year), "url": f"{base}nianbao/{r.year}/", "year": r.year}
        for r in AnnualReport.objects.filter(organisation=organisation, published=True).order_by("-year")
    ]


if published_reports not in platform.annual_report_providers:
    platform.annual_report_providers.append(published_reports)
platform.annual_report_views.update(page=report_page, download=report_download)
