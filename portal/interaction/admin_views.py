"""Staff screens: the supervision queue (督办) with its export, one letter with its actions,
and the import from external platforms. A department sees only its own letters; another
organisation's letter is a 403 that names nothing."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core import audit, exports
from portal.core.admin_access import forbidden
from portal.core.models import Organisation
from portal.core.personal_data import mask, reveal
from portal.core.states import TransitionRefused

from . import access, attachments, services
from .forms import ImportForm
from .imports import import_letters
from .models import Channel, Letter
from .states import LetterMachine

EXPORT_COLUMNS = [
    "受理编号",
    "渠道",
    "标题",
    "状态",
    "承办机构",
    "来信时间",
    "受理日期",
    "答复期限",
    "答复日期",
    "红色预警",
]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filtered_letters(user, params):
    """The supervision queue of ``user`` with the filters of the screen applied."""
    qs = access.visible_letters(user)
    if params.get("state") in LetterMachine.states:
        qs = qs.filter(state=params["state"])
    elif params.get("state") == "open":
        qs = qs.filter(state__in=services.OPEN_STATES)
    if params.get("channel"):
        qs = qs.filter(channel__key=params["channel"])
    if (params.get("organisation") or "").isdigit():
        qs = qs.filter(organisation_id=int(params["organisation"]))
    if params.get("overdue"):
        qs = qs.filter(reply_due_at__lt=timezone.now())
    if params.get("red"):
        qs = qs.filter(red_flag=True)
    since, until = _date(params.get("since")), _date(params.get("until"))
    if since:
        qs = qs.filter(submitted_at__date__gte=since)
    if until:
        qs = qs.filter(submitted_at__date__lte=until)
    q = (params.get("q") or "").strip()[:50]
    if q:
        qs = qs.filter(Q(tracking_number__icontains=q) | Q(title__icontains=q))
    return qs.order_by("-red_flag", "reply_due_at", "-submitted_at")


def _row(letter: Letter) -> list:
    due = timezone.localtime(letter.reply_due_at).date() if letter.reply_due_at else ""
    return [
        letter.tracking_number,
        letter.channel.name,
        letter.title,
        LetterMachine.state_label(letter.state),
        letter.organisation.name if letter.organisation else "",
        letter.submitted_at,
        timezone.localtime(letter.accepted_at).date() if letter.accepted_at else "",
        due,
        timezone.localtime(letter.replied_at).date() if letter.replied_at else "",
        letter.red_flag,
    ]


def queue(request: HttpRequest) -> HttpResponse:
    if not access.may_use_queue(request.user):
        return forbidden(request)
    letters = filtered_letters(request.user, request.GET)
    if request.GET.get("format") in ("csv", "xlsx"):
        rows = (_row(letter) for letter in letters[:50000])
        return exports.export_response(
            request.GET["format"], "letters", EXPORT_COLUMNS, rows, title=_("来信督办"), widths=(20, 12, 40)
        )
    page = Paginator(letters, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    supervisor = access.is_supervisor(request.user)
    return render(
        request,
        "interaction/admin/queue.html",
        {
            "page_obj": page,
            "params": request.GET,
            "query": query.urlencode(),
            "states": list(LetterMachine.states.items()),
            "channels": Channel.objects.all(),
            "organisations": Organisation.objects.order_by("sort_order", "name") if supervisor else [],
            "now": timezone.now(),
            "supervisor": supervisor,
            "page_title": _("来信督办"),
            "header_title": _("来信督办"),
            "header_icon": "mail",
        },
    )


def _letter_or_refuse(request, pk: int):
    letter = (
        Letter.objects.select_related("channel", "organisation", "leader", "addressed_to")
        .filter(pk=pk)
        .first()
    )
    if letter is None or not access.may_see(letter, request.user):
        return None
    return letter


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter_or_refuse(request, pk)
    if letter is None:
        return forbidden(request)
    revealed = {}
    if request.method == "POST" and request.POST.get("reveal") in ("name", "phone", "email", "address"):
        try:
            revealed[request.POST["reveal"]] = reveal(
                letter, request.POST["reveal"], request.user, request.POST.get("purpose", "")
            )
        except ValueError:
            messages.error(request, _("查看个人信息须说明用途。"))
    personal = [
        (
            field,
            str(Letter._meta.get_field(field).verbose_name),
            revealed.get(field) or mask(getattr(letter, field), kind),
        )
        for field, kind in (("name", "name"), ("phone", "phone"), ("email", "email"), ("address", "address"))
        if getattr(letter, field)
    ]
    deadline = services.reply_deadline(letter)
    entries = audit.audit_entries(instance=letter, limit=100)
    return render(
        request,
        "interaction/admin/letter.html",
        {
            "letter": letter,
            "state_label": LetterMachine.state_label(letter.state),
            "personal": personal,
            "transitions": LetterMachine.available(letter, request.user),
            "deadline": deadline,
            "guard_date": services.guard_date(letter) if letter.state in services.OPEN_STATES else None,
            "duplicates": services.similar_open_letters(letter) if letter.state == "submitted" else [],
            "screenings": Letter.Screening.choices,
            "organisations": Organisation.objects.order_by("sort_order", "name"),
            "entries": entries,
            "attachments": list(letter.attachments.all()),
            "page_title": letter.title,
            "header_title": letter.tracking_number,
            "header_icon": "mail",
        },
    )


def attachment(request: HttpRequest, pk: int, key) -> HttpResponse:
    """One of a letter's files, for staff who may see the letter; every download is audited."""
    letter = _letter_or_refuse(request, pk)
    if letter is None:
        return forbidden(request)
    item = letter.attachments.filter(key=key).first()
    if item is None:
        raise Http404
    audit.log(
        letter,
        "interaction.letter.attachment_download",
        user=request.user,
        data={"file": item.name, "comment": item.name},
    )
    return attachments.response(request, item)


@require_POST
def perform(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    letter = _letter_or_refuse(request, pk)
    if letter is None:
        return forbidden(request)
    params = {}
    if verb == "screen_out":
        params["screening"] = request.POST.get("screening", "")
        number = (request.POST.get("duplicate_of") or "").strip()
        params["duplicate_of"] = Letter.objects.filter(tracking_number=number).exclude(pk=letter.pk).first()
    if verb in ("assign", "reassign"):
        org_id = request.POST.get("organisation", "")
        params["organisation"] = Organisation.objects.filter(pk=org_id).first() if org_id.isdigit() else None
    if verb == "draft":
        params["reply"] = request.POST.get("reply", "")
    if verb == "rate":
        params["satisfaction"] = request.POST.get("satisfaction", "")
    try:
        LetterMachine.perform(letter, verb, request.user, reason=request.POST.get("reason", ""), **params)
    except TransitionRefused as refused:
        messages.error(request, refused.reason)
    except KeyError:
        messages.error(request, _("未知的操作。"))
    else:
        messages.success(request, _("已%(verb)s。") % {"verb": LetterMachine.transition(verb).label})
    if access.may_see(letter, request.user):
        return redirect("interaction_admin_letter", pk=letter.pk)
    return redirect("interaction_admin_queue")


def import_view(request: HttpRequest) -> HttpResponse:
    if not access.is_supervisor(request.user):
        return forbidden(request)
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_letters(
            upload.read(), upload.name, form.cleaned_data["source"].strip(), form.cleaned_data["channel"]
        )
        audit.log(
            form.cleaned_data["channel"],
            "interaction.letter.import",
            user=request.user,
            data={
                "source": form.cleaned_data["source"],
                "created": result.created,
                "skipped": result.skipped,
            },
        )
    return render(
        request,
        "interaction/admin/import.html",
        {
            "form": form,
            "result": result,
            "page_title": _("导入外部平台来信"),
            "header_title": _("导入外部平台来信"),
            "header_icon": "upload",
        },
    )
