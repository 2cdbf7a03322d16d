from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import cleaning, services


def report_view(request: HttpRequest) -> HttpResponse:
    """Zero-result queries and top queries (with clicks) for editors."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    days = 30
    return render(
        request,
        "search/admin/report.html",
        {
            "zero_results": services.zero_result_queries(days=days),
            "top_queries": services.query_stats(days=days),
            "candidates": services.synonym_candidates(days=days),
            "can_add_synonym": request.user.has_perm("portal_search.add_synonym"),
            "days": days,
        },
    )


@require_POST
def approve_synonym_view(request: HttpRequest) -> HttpResponse:
    """An editor approves a synonym candidate from the report."""
    if not request.user.has_perm("portal_search.add_synonym"):
        raise PermissionDenied
    query = cleaning.text(request.POST.get("query"), 100).strip()
    candidate = cleaning.text(request.POST.get("candidate"), 100).strip()
    if query and candidate:
        services.approve_synonym(query, candidate)
        messages.success(request, _("已添加同义词：%(a)s %(b)s") % {"a": candidate, "b": query})
    return redirect("portal_search_report")


def admin_search_view(request: HttpRequest) -> HttpResponse:
    """The Chinese pipeline for editors: published content of every registered type, with edit links."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    from .query import SearchParams, search
    from .registry import registry

    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    q = cleaning.text(request.GET.get("q"), 100).strip()
    page = cleaning.integer(request.GET.get("page"), 1, lo=1, hi=500)
    results = search(SearchParams(q=q, page=page, per_page=20), with_cards=False) if q else None
    finder = AdminURLFinder(request.user)
    rows = []
    for item in results.items if results else []:
        provider = registry.get(item.doc.doc_type)
        obj = provider.load(item.doc.object_id) if provider else None
        rows.append({"item": item, "edit_url": finder.get_edit_url(obj) if obj is not None else None})
    return render(
        request,
        "search/admin/search.html",
        {"q": q, "results": results, "rows": rows, "page": page},
    )
