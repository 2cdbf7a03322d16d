"""Staff screens: the import with its validation report, a dataset version's rows (masked, with
an audited reveal), matching runs with their progress and results, one person's explanation and
the what-if of a changed rule. Each needs the model permission named in ``_may``."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from portal.core import audit
from portal.core.admin_access import forbidden
from portal.core.personal_data import mask

from . import outreach, rules, services, tasks
from .forms import ExplainForm, ImportForm, RevealForm, RunForm, WhatIfForm
from .imports import import_dataset
from .models import DatasetVersion, MatchResult, MatchRun, Outreach, Record


def _may(user, codename: str) -> bool:
    return user.is_authenticated and user.has_perm(f"proactive.{codename}")


def _render(request, template: str, title: str, context: dict, icon: str = "group") -> HttpResponse:
    return render(
        request,
        f"proactive/admin/{template}",
        {**context, "page_title": title, "header_title": title, "header_icon": icon},
    )


def import_view(request: HttpRequest) -> HttpResponse:
    if not _may(request.user, "add_datasetversion"):
        return forbidden(request)
    report = None
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"dataset": request.GET.get("dataset")}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_dataset(form.cleaned_data["dataset"], upload.read(), upload.name, request.user)
    versions = DatasetVersion.objects.select_related("dataset").order_by("dataset__key", "-number")
    return _render(
        request,
        "import.html",
        _("导入部门数据"),
        {"form": form, "report": report, "versions": versions},
        "upload",
    )


def version_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may(request.user, "view_record"):
        return forbidden(request)
    version = get_object_or_404(DatasetVersion.objects.select_related("dataset"), pk=pk)
    attrs = [a for a in version.dataset.attributes.all() if a.in_frame]
    page = Paginator(version.records.all(), 50).get_page(request.GET.get("p"))
    rows = [
        {
            "record": r,
            "id_number": mask(r.id_number, "id"),
            "name": mask(r.name, "name"),
            "values": [r.attributes.get(a.key) for a in attrs],
        }
        for r in page
    ]
    return _render(
        request,
        "version.html",
        str(version),
        {"version": version, "attrs": attrs, "rows": rows, "page": page},
    )


def record_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may(request.user, "view_record"):
        return forbidden(request)
    record = get_object_or_404(Record.objects.select_related("version__dataset"), pk=pk)
    revealed = {}
    form = RevealForm(request.POST or None)
    field = request.POST.get("reveal")
    if request.method == "POST" and field in ("id_number", "name", "personal") and form.is_valid():
        revealed[field] = services.reveal_record(record, field, request.user, form.cleaned_data["purpose"])
    fields = [
        ("id_number", _("证件号码"), revealed.get("id_number") or mask(record.id_number, "id")),
        ("name", _("姓名/名称"), revealed.get("name") or mask(record.name, "name")),
        (
            "personal",
            _("其他个人信息"),
            revealed.get("personal") or "；".join(f"{k}：{v}" for k, v in services.masked_personal(record)),
        ),
    ]
    return _render(
        request,
        "record.html",
        _("数据行"),
        {"record": record, "fields": fields, "form": form, "revealed": revealed},
    )


def runs_view(request: HttpRequest) -> HttpResponse:
    if not _may(request.user, "view_matchrun"):
        return forbidden(request)
    form = RunForm(request.POST or None)
    if request.method == "POST":
        if not _may(request.user, "add_matchrun"):
            return forbidden(request)
        if form.is_valid():
            run = tasks.start_run(request.user, form.cleaned_data["benefit"], form.cleaned_data["run_date"])
            messages.success(request, _("已提交匹配任务，后台运行中。"))
            return redirect("proactive_admin_run", pk=run.pk)
    runs = MatchRun.objects.select_related("benefit")[:30]
    return _render(request, "runs.html", _("应享未享匹配"), {"form": form, "runs": runs})


def run_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may(request.user, "view_matchrun"):
        return forbidden(request)
    run = get_object_or_404(MatchRun, pk=pk)
    if request.method == "POST" and request.POST.get("contact"):
        if not _may(request.user, "add_outreach"):
            return forbidden(request)
        result = get_object_or_404(MatchResult, run=run, pk=request.POST["contact"])
        created = outreach.contact(result)
        messages.success(request, _("已生成 %(n)d 条主动告知。") % {"n": len(created)})
        return redirect("proactive_admin_run", pk=run.pk)
    results = MatchResult.objects.filter(run=run).select_related("benefit")
    states = dict(Outreach.State.choices)
    rows = []
    for r in results:
        counts = dict(r.outreach.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
        rows.append(
            {
                "result": r,
                "newly": len(r.newly),
                "dropped": len(r.dropped),
                "outreach": [(label, counts.get(state, 0)) for state, label in states.items()],
            }
        )
    refresh = run.status in (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING)
    return _render(
        request,
        "run.html",
        _("匹配批次 %(n)s") % {"n": run.pk},
        {"run": run, "rows": rows, "refresh": refresh},
    )


def explain_view(request: HttpRequest) -> HttpResponse:
    if not _may(request.user, "view_record"):
        return forbidden(request)
    form = ExplainForm(request.POST or None)
    explanation = None
    if request.method == "POST" and form.is_valid():
        benefit = form.cleaned_data["benefit"]
        explanation = services.explain(benefit, form.cleaned_data["id_number"], form.cleaned_data["run_date"])
        audit.log(
            benefit,
            "proactive.person.explain",
            user=request.user,
            data={"person": mask(form.cleaned_data["id_number"], "id"), "found": explanation.found},
        )
    return _render(
        request, "explain.html", _("符合条件说明"), {"form": form, "explanation": explanation}, "help"
    )


def what_if_view(request: HttpRequest) -> HttpResponse:
    if not _may(request.user, "change_benefit"):
        return forbidden(request)
    initial = {}
    if request.GET.get("benefit"):
        initial["benefit"] = request.GET["benefit"]
    form = WhatIfForm(request.POST or None, initial=initial)
    rows = None
    saved_text = changed_text = ""
    if request.method == "POST" and form.is_valid():
        benefit = form.cleaned_data["benefit"]
        rows = services.what_if(benefit, form.cleaned_data["rule_text"], form.cleaned_data["run_date"])
        schema = services.full_schema()
        saved_text = rules.render(benefit.rule, schema)
        changed_text = rules.render(form.cleaned_data["rule_text"], schema)
    totals = {k: sum(r[k] for r in rows) for k in ("saved", "changed", "delta")} if rows is not None else None
    return _render(
        request,
        "what_if.html",
        _("条件调整测算"),
        {
            "form": form,
            "rows": rows,
            "totals": totals,
            "saved_text": saved_text,
            "changed_text": changed_text,
        },
        "view",
    )
