"""The portal's own pages of 用户中心 (/yonghu/): the homepage, settings, real name, enterprises,
claiming past submissions, the data export, deletion, and the authenticator app for citizens.

Every page is personal: ``private, no-store`` (and ``/yonghu/`` is in core's never-cached list).
Forms work without JavaScript; the homepage's drag-to-reorder is an enhancement of its buttons.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.core.personal_data import blind_index

from . import account_data, homepage, two_factor
from .citizen_forms import ClaimForm, DeleteAccountForm, EnterpriseForm, MemberForm, RealNameForm, TotpForm
from .models import CitizenProfile, Enterprise, EnterpriseMember, Favourite
from .validators import national, normalise_phone


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


_TITLES = {
    "home.html": gettext_lazy("我的主页"),
    "settings.html": gettext_lazy("账号设置"),
    "real_name.html": gettext_lazy("实名信息"),
    "enterprise_form.html": gettext_lazy("添加企业"),
    "claim.html": gettext_lazy("关联既往提交"),
    "export.html": gettext_lazy("导出我的数据"),
    "delete.html": gettext_lazy("注销账号"),
    "totp_setup.html": gettext_lazy("启用身份验证器"),
    "recovery_codes.html": gettext_lazy("恢复码"),
    "favourite.html": gettext_lazy("收藏"),
}


def _render(request, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    context = {"title": _TITLES.get(template, ""), **(context or {})}
    return _private(TemplateResponse(request, f"accounts/citizen/{template}", context, status=status))


def _profile(user) -> CitizenProfile:
    return CitizenProfile.objects.get_or_create(user=user)[0]


# -- homepage -----------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """我的主页: the person's modules in their order, each with up/down buttons."""
    return _render(request, "home.html", {"modules": homepage.modules_for(request)})


@login_required
@require_POST
def home_move(request: HttpRequest) -> HttpResponse:
    if request.POST.get("order"):  # drag and drop (JavaScript): the whole order at once
        homepage.set_order(request.user, request.POST["order"].split(","))
        return _private(JsonResponse({"ok": True}))
    homepage.move(request.user, request.POST.get("module", ""), request.POST.get("direction", ""))
    return redirect(reverse("accounts:home") + "#module-" + request.POST.get("module", ""))


# -- settings -----------------------------------------------------------------------------------


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """账号设置: login names, password, real name, authenticator, enterprises, data, deletion."""
    from allauth.account.models import EmailAddress

    profile = _profile(request.user)
    context = {
        "profile": profile,
        "phone": national(profile.phone or ""),
        "emails": EmailAddress.objects.filter(user=request.user),
        "memberships": EnterpriseMember.objects.filter(user=request.user).select_related("enterprise"),
        "has_totp": two_factor.has_device(request.user),
    }
    return _render(request, "settings.html", context)


@login_required
def real_name(request: HttpRequest) -> HttpResponse:
    profile = _profile(request.user)
    form = RealNameForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("实名信息已保存。"))
        return redirect("accounts:settings")
    return _render(request, "real_name.html", {"form": form})


# -- enterprises --------------------------------------------------------------------------------


@login_required
def enterprise_create(request: HttpRequest) -> HttpResponse:
    """Register an enterprise: its creator becomes its 企业管理员."""
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            enterprise = form.save()
            EnterpriseMember.objects.create(
                enterprise=enterprise, user=request.user, role=EnterpriseMember.Role.ADMIN
            )
            profile = _profile(request.user)
            profile.kind = CitizenProfile.Kind.ENTERPRISE
            profile.save()
        messages.success(request, _("企业账号已创建。"))
        return redirect("accounts:enterprise", pk=enterprise.pk)
    return _render(request, "enterprise_form.html", {"form": form})


def _user_by_login(login: str):
    from allauth.account.models import EmailAddress

    login = (login or "").strip()
    if "@" in login:
        address = EmailAddress.objects.filter(email__iexact=login).select_related("user").first()
        return address.user if address else None
    profile = CitizenProfile.objects.filter(phone_index=blind_index(normalise_phone(login)) or None).first()
    return profile.user if profile else None


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An enterprise's people; its administrators add and remove 经办人."""
    enterprise = get_object_or_404(Enterprise, pk=pk, members__user=request.user)
    is_admin = enterprise.members.filter(user=request.user, role=EnterpriseMember.Role.ADMIN).exists()
    form = MemberForm(request.POST or None) if is_admin else None
    if request.method == "POST" and is_admin:
        if request.POST.get("remove"):
            enterprise.members.filter(pk=request.POST["remove"]).exclude(user=request.user).delete()
            messages.success(request, _("已移除该经办人。"))
            return redirect("accounts:enterprise", pk=pk)
        if form.is_valid():
            user = _user_by_login(form.cleaned_data["login"])
            if user is None:
                form.add_error("login", _("没有找到使用该手机号码或电子邮箱注册的账号，请对方先注册。"))
            else:
                EnterpriseMember.objects.get_or_create(enterprise=enterprise, user=user)
                messages.success(request, _("已添加经办人。"))
                return redirect("accounts:enterprise", pk=pk)
    members = enterprise.members.select_related("user").order_by("added_at")
    context = {"enterprise": enterprise, "members": members, "is_admin": is_admin, "form": form}
    context["title"] = enterprise.name
    return _render(request, "enterprise.html", context)


# -- favourites (收藏) ---------------------------------------------------------------------------


def favourite(request: HttpRequest) -> HttpResponse:
    """GET ?page=<id>: confirm keeping the page (a plain link, so cached pages stay cacheable);
    POST: add it, or remove it when already kept."""
    from wagtail.models import Page

    page_id = request.POST.get("page") or request.GET.get("page") or ""
    page = (
        Page.objects.live().filter(pk=int(page_id)).first()
        if page_id.isdigit() and len(page_id) < 19
        else None
    )
    if page is None:
        return _render(request, "favourite.html", {"page_obj": None}, status=404)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(f"{request.path}?page={page.pk}")
    kept = Favourite.objects.filter(user=request.user, page=page)
    if request.method == "POST":
        if kept.exists():
            kept.delete()
            messages.success(request, _("已取消收藏“%(title)s”。") % {"title": page.title})
        else:
            Favourite.objects.get_or_create(user=request.user, page=page)
            messages.success(request, _("已收藏“%(title)s”，可在“我的主页”查看。") % {"title": page.title})
        return redirect(page.url or reverse("accounts:home"))
    return _render(request, "favourite.html", {"page_obj": page, "kept": kept.exists()})


# -- claiming past submissions, export, deletion ------------------------------------------------


@login_required
def claim(request: HttpRequest) -> HttpResponse:
    """关联既往提交: number + query code; a wrong code and an unknown number read the same."""
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        obj = account_data.claim(
            request.user, form.cleaned_data["tracking_number"], form.cleaned_data["query_code"]
        )
        if obj is not None:
            messages.success(
                request, _("受理编号为 %(number)s 的记录已关联到您的账号。") % {"number": obj.tracking_number}
            )
            return redirect("accounts:home")
        form.add_error(None, _("受理编号或查询码不正确，请核对后重新输入。"))
    return _render(request, "claim.html", {"form": form})


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """GET: what the export contains; POST: the JSON file."""
    if request.method != "POST":
        sections = [(p.key, p.label) for p in account_data.providers()]
        return _render(request, "export.html", {"sections": sections})
    data = account_data.export(request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"portal-data-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(response)


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """注销账号: confirmed with the password; submissions are kept, unlinked."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.get(pk=request.user.pk)
        auth_logout(request)
        account_data.delete_account(user)
        return _render(request, "deleted.html")
    return _render(request, "delete.html", {"form": form})


# -- the authenticator app (optional for citizens) ----------------------------------------------


def _safe_next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("accounts:home")


@login_required
def totp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.has_device(user):
        return redirect("accounts:settings")
    device = two_factor.start_enrolment(user)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["token"])
        if codes is not None:
            return _render(request, "recovery_codes.html", {"codes": codes})
        form.add_error("token", _("验证码不正确或已过期，请输入身份验证器中当前显示的 6 位数字。"))
    context = {
        "form": form,
        "qr_code": mark_safe(two_factor.qr_svg(device)),  # generated by qrcode, no user input
        "secret": two_factor.secret(device),
    }
    return _render(request, "totp_setup.html", context)


@login_required
@require_POST
def totp_disable(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if form.is_valid():
        two_factor.reset(request.user, by=request.user)
        messages.success(request, _("已关闭身份验证器，登录时只需密码。"))
    else:
        messages.error(request, _("密码不正确，身份验证器未关闭。"))
    return redirect("accounts:settings")


def totp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of a citizen login with an authenticator (the session is half a login here)."""
    user = request.user
    if not user.is_authenticated:
        return redirect("account_login")
    if not two_factor.has_device(user) or user.is_verified():
        return redirect(_safe_next(request))
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        waiting = two_factor.throttled(user, token)
        if not waiting and two_factor.verify(request, token):
            return redirect(_safe_next(request))
        form.add_error("token", _("验证码错误次数过多，请稍后再试。") if waiting else _("验证码不正确。"))
    next_url = request.POST.get("next") or request.GET.get("next", "")
    return _render(request, "totp_verify.html", {"form": form, "next": next_url})
