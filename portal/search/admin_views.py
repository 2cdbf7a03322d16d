from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import services


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
            "days": days,
        },
    )
