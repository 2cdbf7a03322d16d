"""Staff screens of on-request disclosure: the case list (filters, masked personal data), one
case with its transitions and its reply letter. Staff see their own organisation's cases (the
district government's staff and superusers see every case); anything else is a 403 that names
nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core import audit
from portal.core.admin_access import forbidden
from portal.core.exports import download
from portal.core.models import Organisation
from portal.core.personal_data import mask, reveal
from portal.core.states import TransitionRefused

from . import request_letters
from .request_forms import receiving_organisations
from .request_states import RequestMachine, due_subquery, reply_deadline, staff_profile, third_party_deadline
from .requests import OPEN_STATES, OUTCOME_GROUPS, DisclosureRequest

PERSONAL = (
    ("name", "name"),
    ("id_number", "id"),
    ("contact_person", "name"),
    ("phone", "phone"),
    ("email", "email"),
    ("address", "address"),
)


def sees_all(user) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    profile = staff_profile(user)
    return bool(profile and profile.organisation.kind == Organisation.Kind.DISTRICT)


def visible_requests(user):
    qs = DisclosureRequest.objects.select_related("organisation")
    if sees_all(user):
        return qs
    profile = staff_profile(user)
    return qs.filter(organisation_id=profile.organisation_id) if profile else qs.none()


def may_use(user) -> bool:
    return sees_all(user) or staff_profile(user) is not None


def filtered(user, params):
    qs = visible_requests(user).annotate(due_at=due_subquery())
    state = params.get("state")
    if state in RequestMachine.states:
        qs = qs.filter(state=state)
    elif state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    if (params.get("organisation") or "").isdigit():
        qs = qs.filter(organisation_id=int(params["organisation"]))
    if params.get("overdue"):
        qs = qs.filter(state="received", due_at__lt=timezone.now())  # a paused clock is not overdue
    q = (params.get("q") or "").strip()[:40]
    if q:
        qs = qs.filter(Q(tracking_number__icontains=q) | Q(description__icontains=q))
    return qs.order_by("due_at", "-submitted_at")


def request_list(request: HttpRequest) -> HttpResponse:
    if not may_use(request.user):
        return forbidden(request)
    page = Paginator(filtered(request.user, request.GET), 50).get_page(request.GET.get("page"))
    for case in page:
        case.masked_name = mask(case.name, "name")
        case.masked_phone = mask(case.phone, "phone")
        case.state_label = RequestMachine.state_label(case.state)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosure/admin/requests.html",
        {
            "page_obj": page,
            "params": request.GET,
            "query": query.urlencode(),
            "states": list(RequestMachine.states.items()),
            "organisations": receiving_organisations() if sees_all(request.user) else [],
            "now": timezone.now(),
            "page_title": _("依申请公开办理"),
            "header_title": _("依申请公开办理"),
            "header_icon": "doc-full",
        },
    )


def _case(request, pk: int) -> DisclosureRequest | None:
    case = visible_requests(request.user).filter(pk=pk).first()
    return case


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if case is None:
        return forbidden(request)
    revealed = {}
    if request.method == "POST" and request.POST.get("reveal") in dict(PERSONAL):
        field = request.POST["reveal"]
        try:
            revealed[field] = reveal(case, field, request.user, request.POST.get("purpose", ""))
        except ValueError:
            messages.error(request, _("查看个人信息须说明用途。"))
    personal = [
        (
            field,
            str(DisclosureRequest._meta.get_field(field).verbose_name),
            revealed.get(field) or mask(getattr(case, field), kind),
            field in revealed,
        )
        for field, kind in PERSONAL
        if getattr(case, field)
    ]
    return render(
        request,
        "disclosure/admin/request.html",
        {
            "case": case,
            "state_label": RequestMachine.state_label(case.state),
            "personal": personal,
            "transitions": RequestMachine.available(case, request.user),
            "deadline": reply_deadline(case),
            "third_party_deadline": third_party_deadline(case),
            "outcome_groups": OUTCOME_GROUPS,
            "entries": audit.audit_entries(instance=case, limit=100),
            "page_title": case.tracking_number,
            "header_title": _("依申请公开 %(number)s") % {"number": case.tracking_number},
            "header_icon": "doc-full",
        },
    )


@require_POST
def perform(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    case = _case(request, pk)
    if case is None:
        return forbidden(request)
    params = {}
    if verb == "consult_third_party":
        params["third_party"] = request.POST.get("third_party", "")
    if verb == "extend":
        days = request.POST.get("days", "")
        params["days"] = int(days) if days.isdigit() else None
    if verb == "reply":
        params["outcome"] = request.POST.get("outcome", "")
        params["reply_text"] = request.POST.get("reply_text", "")
    try:
        RequestMachine.perform(case, verb, request.user, reason=request.POST.get("reason", ""), **params)
    except TransitionRefused as refused:
        messages.error(request, refused.reason)
    except KeyError:
        messages.error(request, _("未知的操作。"))
    else:
        messages.success(request, _("已%(verb)s。") % {"verb": RequestMachine.transition(verb).label})
    return redirect("disclosure_request", pk=case.pk)


def letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    case = _case(request, pk)
    if case is None or fmt not in ("docx", "pdf") or not case.outcome:
        return forbidden(request)
    return download(request_letters.reply_letter(case, fmt), request_letters.filename(case), fmt)
