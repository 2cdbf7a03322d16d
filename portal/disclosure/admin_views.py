"""Admin screens of disclosure: the catalogue's XLSX import and export, its compliance view,
and the 清理 view of normative documents."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.admin_access import forbidden
from portal.core.exports import download
from portal.core.models import Organisation

from . import services
from .catalogue import CatalogueEntry

MAX_UPLOAD = 5 * 1024 * 1024


def _own_organisation(user) -> Organisation | None:
    """Staff see their own organisation's part; superusers and staff without one see all."""
    if user.is_superuser:
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.organisation if profile is not None else None


def _may_edit_catalogue(user) -> bool:
    return user.has_perm("disclosure.change_catalogueentry") and user.has_perm(
        "disclosure.add_catalogueentry"
    )


class CatalogueImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 文件"), help_text=_("先导出现有目录作为模板，修改后导入。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("只接受 .xlsx 文件。"))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return upload


def catalogue_export(request: HttpRequest) -> HttpResponse:
    entries = CatalogueEntry.objects.all()
    org = _own_organisation(request.user)
    if org is not None:
        entries = entries.filter(organisation=org)
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    return download(services.export_catalogue(entries), f"catalogue-{stamp}", "xlsx")


def catalogue_import(request: HttpRequest) -> HttpResponse:
    if not _may_edit_catalogue(request.user):
        return forbidden(request)
    result = None
    form = CatalogueImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = services.import_catalogue(form.cleaned_data["file"].read(), user=request.user)
    return render(
        request,
        "disclosure/admin/catalogue_import.html",
        {
            "form": form,
            "result": result,
            "page_title": _("导入公开事项标准目录"),
            "header_title": _("导入公开事项标准目录"),
            "header_icon": "upload",
        },
    )


def compliance(request: HttpRequest) -> HttpResponse:
    org = _own_organisation(request.user)
    chosen = request.GET.get("organisation")
    if org is None and chosen:
        org = Organisation.objects.filter(pk=chosen).first() if chosen.isdigit() else None
    report = services.compliance_report(organisation=org)
    return render(
        request,
        "disclosure/admin/compliance.html",
        {
            "report": report,
            "organisation": org,
            "organisations": Organisation.objects.all() if request.user.is_superuser else [],
            "page_title": _("公开事项合规检查"),
            "header_title": _("公开事项合规检查"),
            "header_icon": "warning",
        },
    )


def review(request: HttpRequest) -> HttpResponse:
    queue = services.review_queue(organisation=_own_organisation(request.user))
    return render(
        request,
        "disclosure/admin/review.html",
        {
            "sections": [
                (_("即将到期（30 个工作日内）"), queue.expiring, "expiring"),
                (_("成文满 5 年待清理"), queue.overdue_review, "overdue"),
                (_("近 90 天已失效"), queue.recently_expired, "expired"),
            ],
            "page_title": _("规范性文件清理"),
            "header_title": _("规范性文件清理"),
            "header_icon": "date",
        },
    )
