"""Staff screens of the annual reports: one list per year (every organisation, missing and
unpublished reports flagged with their due date), one report to generate, edit and publish."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core import audit
from portal.core.admin_access import forbidden
from portal.core.exports import download
from portal.core.models import Organisation

from . import annual, annual_docs
from .annual import AnnualReport
from .request_admin import sees_all
from .request_states import REVIEW_ROLES, staff_profile


def reporting_organisations():
    """Organisations that publish an annual report: the district, its departments and streets."""
    return Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).order_by("sort_order", "name")


def _visible(user):
    if sees_all(user):
        return reporting_organisations()
    profile = staff_profile(user)
    return (
        reporting_organisations().filter(pk=profile.organisation_id)
        if profile
        else Organisation.objects.none()
    )


def report_status(year: int, organisations) -> list[dict]:
    """Every organisation's report on ``year``: missing, draft or published, and its due date."""
    reports = {
        r.organisation_id: r for r in AnnualReport.objects.filter(year=year, organisation__in=organisations)
    }
    today = timezone.localdate()
    rows = []
    for org in organisations:
        report = reports.get(org.pk)
        due = annual.due_date(org, year)
        rows.append(
            {
                "organisation": org,
                "report": report,
                "due": due,
                "missing": report is None or not report.published,
                "late": (report is None or not report.published) and today > due,
            }
        )
    return rows


def report_list(request: HttpRequest) -> HttpResponse:
    organisations = list(_visible(request.user))
    if not organisations:
        return forbidden(request)
    default_year = timezone.localdate().year - 1
    year = int(request.GET["year"]) if (request.GET.get("year") or "").isdigit() else default_year
    if request.method == "POST" and (request.POST.get("organisation") or "").isdigit():
        org = next((o for o in organisations if o.pk == int(request.POST["organisation"])), None)
        if org is None:
            return forbidden(request)
        report = annual.generate(org, year)
        audit.log(report, "disclosure.annual.generate", user=request.user, data={"year": year})
        return redirect("disclosure_annual_report", pk=report.pk)
    return render(
        request,
        "disclosure/admin/annual_reports.html",
        {
            "rows": report_status(year, organisations),
            "year": year,
            "years": list(range(default_year + 1, default_year - 5, -1)),
            "page_title": _("信息公开年报"),
            "header_title": _("政府信息公开工作年度报告"),
            "header_icon": "table",
        },
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["overview", "problems", "other"]
        widgets = {f: forms.Textarea(attrs={"rows": 6}) for f in ["overview", "problems", "other"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        manual = self.instance.manual or {}
        for key, label in annual.PROACTIVE_MANUAL:
            self.fields[key] = forms.DecimalField(
                label=label, required=False, min_value=0, initial=manual.get(key)
            )
        for group, group_label in annual.REVIEW_GROUPS:
            for result, label in annual.REVIEW_RESULTS:
                name = f"{group}_{result}"
                self.fields[name] = forms.IntegerField(
                    label=f"{group_label}·{label}", required=False, min_value=0, initial=manual.get(name)
                )

    def save(self, commit=True):
        report = super().save(commit=False)
        report.manual = {
            name: (float(value) if name == "fees" else int(value))
            for name, value in self.cleaned_data.items()
            if name not in ("overview", "problems", "other") and value is not None
        }
        if commit:
            report.save()
        return report


PUBLISH_ROLES = REVIEW_ROLES
NOT_ALLOWED = _lazy("只有本机关的审核人员或负责人可以发布年报。")


def _may_publish(user, report) -> bool:
    if user.is_superuser:
        return True
    profile = staff_profile(user)
    return bool(
        profile and profile.organisation_id == report.organisation_id and profile.role in PUBLISH_ROLES
    )


def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = AnnualReport.objects.select_related("organisation").filter(pk=pk).first()
    if report is None or not _visible(request.user).filter(pk=report.organisation_id).exists():
        return forbidden(request)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "regenerate":
            annual.generate(report.organisation, report.year)
            audit.log(report, "disclosure.annual.generate", user=request.user, data={"year": report.year})
            messages.success(request, _("已重新统计。"))
            return redirect("disclosure_annual_report", pk=report.pk)
        if action in ("publish", "unpublish") and not _may_publish(request.user, report):
            messages.error(request, str(NOT_ALLOWED))
        elif form.is_valid():
            report = form.save(commit=False)
            if action == "publish":
                report.published, report.published_at = True, report.published_at or timezone.now()
            elif action == "unpublish":
                report.published = False
            report.save()
            audit.log(
                report, f"disclosure.annual.{'publish' if action == 'publish' else 'edit'}", user=request.user
            )
            messages.success(request, _("已保存。"))
            return redirect("disclosure_annual_report", pk=report.pk)
    return render(
        request,
        "disclosure/admin/annual_report.html",
        {
            "report": report,
            "form": form,
            "sections": annual_docs.sections(report),
            "may_publish": _may_publish(request.user, report),
            "page_title": str(report),
            "header_title": str(report),
            "header_icon": "table",
        },
    )


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = AnnualReport.objects.select_related("organisation").filter(pk=pk).first()
    if (
        report is None
        or fmt not in ("docx", "pdf")
        or not _visible(request.user).filter(pk=report.organisation_id).exists()
    ):
        return forbidden(request)
    return download(annual_docs.render(report, fmt), annual_docs.filename(report), fmt)
