"""The moderation queue (评论审核) of an organisation: approve, reject with a reason, reply as
the organisation. Comments are shown escaped; the contact phone only masked."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.personal_data import mask

from . import services
from .models import Comment


def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Comment.Status.PENDING)
    qs = services.visible_to(request.user)
    if status in Comment.Status.values:
        qs = qs.filter(status=status)
    comments = list(qs[:200])
    for c in comments:
        c.masked_phone = mask(c.phone, "phone") if c.phone else ""
    context = {
        "comments": comments,
        "status": status,
        "statuses": Comment.Status.choices,
        "page_title": _("评论审核"),
        "header_title": _("评论审核"),
    }
    return render(request, "comments/admin/queue.html", context)


@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(services.visible_to(request.user), pk=pk)
    verb = request.POST.get("action")
    if verb == "approve":
        services.approve(comment, request.user)
        messages.success(request, _("评论已公开。"))
    elif verb == "reject":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(request, _("请填写不予公开的理由。"))
        else:
            services.reject(comment, request.user, reason)
            messages.success(request, _("评论未通过审核。"))
    elif verb == "reply":
        text = request.POST.get("reply", "").strip()
        if not text:
            messages.error(request, _("请填写回复内容。"))
        else:
            services.reply(comment, request.user, text)
            messages.success(request, _("已回复。"))
    return redirect(reverse("comments_admin_queue") + "?status=" + request.POST.get("status", ""))
