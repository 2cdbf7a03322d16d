"""What the portal holds on one person: the export (JSON), the account's deletion, and the
public submissions an account owns or claims.

Contributions come through :data:`portal.core.user_space.account_data` (filled from each app's
``contributions.py``): a :class:`~portal.core.user_space.DataProvider` names a section of the
export, a function giving that person's data as JSON-ready values, and optionally what to do when
the account is deleted. The accounts app never imports another app's models. It contributes:

- ``account`` — the account itself: login names, profile (decrypted: it is the person's own data),
  enterprises, authenticator status, the audit trail of the account;
- ``submissions`` — every public submission (:class:`portal.core.submissions.PublicSubmission`
  and its subclasses: letters, disclosure requests, comments, ratings, survey answers …) linked
  to the account, each with its fields except the hashed query code. On deletion they are kept
  (they are records of the government's work) and unlinked from the account.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.audit import log
from portal.core.submissions import PublicSubmission, find
from portal.core.user_space import DataProvider, account_data

__all__ = [
    "DataProvider",
    "account_data",
    "claim",
    "delete_account",
    "export",
    "serialise",
    "submission_models",
    "submissions_of",
]

EXPORT = "accounts.export"
DELETE = "accounts.delete"
CLAIM = "accounts.claim"
_SKIPPED_FIELDS = {"query_code_hash", "account", "password"}


def register(provider: DataProvider) -> DataProvider:
    return account_data.register(provider.key, provider)


def providers() -> list[DataProvider]:
    return sorted(account_data.values(), key=lambda p: (p.order, p.key))


# -- serialising any model instance -------------------------------------------------------------


def _value(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file
        return value.name or None
    return str(value)


def serialise(obj: models.Model, skip: set[str] = frozenset()) -> dict:
    """The concrete fields of ``obj`` as JSON-ready values; relations as their text."""
    out = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SKIPPED_FIELDS or field.name in skip or field.name.endswith("_index"):
            continue
        if field.is_relation:
            related = getattr(obj, field.name, None)
            value = str(related) if related is not None else None
        elif field.choices:
            raw = getattr(obj, field.attname)
            value = str(dict(field.flatchoices).get(raw, raw)) if raw not in (None, "") else raw
        else:
            value = _value(getattr(obj, field.attname))
        out[str(field.verbose_name)] = value
    return out


# -- public submissions -------------------------------------------------------------------------


def submission_models() -> list[type[PublicSubmission]]:
    """Every installed concrete model built on core's public submissions."""
    return [
        m
        for m in apps.get_models()
        if issubclass(m, PublicSubmission) and not m._meta.abstract and not m._meta.proxy
    ]


def submissions_of(user, model: type[PublicSubmission] | None = None):
    """(model, queryset) of the submissions linked to ``user``, one pair per model that has any."""
    out = []
    for m in [model] if model else submission_models():
        qs = m._default_manager.filter(account=user).order_by("-submitted_at")
        if qs.exists():
            out.append((m, qs))
    return out


def _collect_submissions(user) -> list[dict]:
    items = []
    for model, qs in submissions_of(user):
        for obj in qs:
            items.append({"类型": str(model._meta.verbose_name), **serialise(obj)})
    return items


def _unlink_submissions(user) -> None:
    for model in submission_models():
        model._default_manager.filter(account=user).update(account=None)


def _concrete(user):
    """``request.user`` itself, not its lazy wrapper (Wagtail's log registry looks at the type)."""
    user.pk  # noqa: B018 - evaluates the lazy object
    return getattr(user, "_wrapped", user)


def claim(user, tracking_number: str, query_code: str):
    """Link a submission made without an account to ``user`` with its number and query code.

    Returns the submission, else None — for an unknown number, a wrong code or a submission
    already linked to another account alike, with the same lookup work (core's ``find``).
    """
    user = _concrete(user)
    number = "".join(str(tracking_number or "").split()).upper()
    candidates = [m for m in submission_models() if number.startswith(m.TRACKING_PREFIX)]
    found = None
    for model in candidates or submission_models()[:1]:
        obj = find(model, number, query_code)
        if obj is not None and found is None and candidates:
            found = obj
    if found is None or (found.account_id and found.account_id != user.pk):
        return None
    if found.account_id != user.pk:
        type(found)._default_manager.filter(pk=found.pk).update(account=user)
        found.account = user
        log(user, CLAIM, user=user, data={"tracking_number": found.tracking_number})
    return found


# -- the account itself -------------------------------------------------------------------------


def _collect_account(user) -> dict:
    from allauth.account.models import EmailAddress
    from wagtail.models import ModelLogEntry

    from . import two_factor
    from .models import CitizenProfile, EnterpriseMember

    profile = CitizenProfile.objects.filter(user=user).first()
    data = {
        "用户名": user.get_username(),
        "注册时间": _value(user.date_joined),
        "最近登录": _value(user.last_login),
        "电子邮箱": [
            {"地址": e.email, "已验证": e.verified, "主邮箱": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "公众账号": serialise(profile) if profile else None,
        "企业": [
            {
                "企业名称": m.enterprise.name,
                "统一社会信用代码": m.enterprise.uscc,
                "角色": m.get_role_display(),
            }
            for m in EnterpriseMember.objects.filter(user=user).select_related("enterprise")
        ],
        "已启用身份验证器": two_factor.has_device(user),
    }
    data["账号日志"] = [
        {"时间": _value(e.timestamp), "操作": e.action}
        for e in ModelLogEntry.objects.filter(
            content_type__app_label=user._meta.app_label,
            content_type__model=user._meta.model_name,
            object_id=str(user.pk),
        ).order_by("timestamp")
    ]
    return data


register(DataProvider("account", gettext_lazy("账号"), _collect_account, order=0))
register(
    DataProvider(
        "submissions",
        gettext_lazy("提交的来信、申请、评论等"),
        _collect_submissions,
        on_delete=_unlink_submissions,
        order=10,
    )
)


def export(user, by=None) -> dict:
    """Everything the portal holds on ``user``, one section per provider; audited."""
    user = _concrete(user)
    out = {
        "说明": _("示范区人民政府门户网站为您保存的全部个人数据。"),
        "导出时间": _value(datetime.datetime.now(datetime.UTC)),
    }
    for provider in providers():
        out[provider.key] = {"名称": str(provider.label), "数据": provider.collect(user)}
    log(user, EXPORT, user=by or user)
    return out


def delete_account(user, by=None) -> None:
    """Delete the account: each provider unlinks or anonymises what it keeps, then the user goes.

    Submissions stay (unlinked); the deletion is audited on the user's record, which the audit
    trail keeps after the row is gone.
    """
    User = get_user_model()
    with transaction.atomic():
        actor = by if by is not None and by.pk != user.pk else None
        log(user, DELETE, user=actor, data={"username": user.get_username()})
        for provider in providers():
            if provider.on_delete:
                provider.on_delete(user)
        User.objects.filter(pk=user.pk).delete()
