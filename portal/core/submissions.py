"""Public submissions (letters, disclosure requests, comments, ratings, survey answers): one
helper so that every citizen-facing form behaves the same way (DESIGN.md, "Nothing lost").

- :class:`PublicSubmission` — an abstract model with the tracking number (受理编号/查询编号),
  the hashed query code, the account (if signed in) and the time received.
- :class:`SubmissionForm` — a form mixin with a honeypot field, a signed render time (a form
  sent back faster than a person could fill it is refused), and an optional, non-visual
  proof-of-work challenge solved by the browser (``PORTAL_SUBMISSION_POW_BITS``; never a visual
  CAPTCHA; without JavaScript the submission is accepted and marked for moderation).
- :func:`accept` — checks the rate limits (per IP and per account, django-ratelimit), saves the
  object **and commits it**, and only then returns the tracking number and the query code to
  show. A failure anywhere before the commit leaves the form with an error and nothing shown.
- :func:`find` — looks a submission up by number and code; a wrong code and an unknown number
  give the same answer in the same time.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_ratelimit.core import is_ratelimited

__all__ = ["Accepted", "PublicSubmission", "SubmissionForm", "accept", "find"]

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
_SIGNER_SALT = "portal.core.submissions"
_DUMMY_HASH = None
TOKEN_MAX_AGE = 24 * 3600


class PublicSubmission(models.Model):
    """What every public submission carries; subclasses set ``TRACKING_PREFIX``."""

    TRACKING_PREFIX = "GZ"

    tracking_number = models.CharField(_lazy("受理编号"), max_length=32, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    submitted_at = models.DateTimeField(_lazy("提交时间"), default=timezone.now, db_index=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_lazy("提交账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_moderation = models.BooleanField(_lazy("待人工甄别"), default=False)

    class Meta:
        abstract = True

    def check_query_code(self, code: str) -> bool:
        return check_password(_normalise_code(code), self.query_code_hash)


def _normalise_code(code: str) -> str:
    return "".join(str(code or "").split()).upper()


def new_query_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _tracking_number(prefix: str) -> str:
    return f"{prefix}{timezone.localdate():%Y%m%d}{secrets.randbelow(10**6):06d}"


# -- the form -----------------------------------------------------------------------------------


def _pow_bits() -> int:
    return int(getattr(settings, "PORTAL_SUBMISSION_POW_BITS", 0) or 0)


def _min_fill_seconds() -> float:
    return float(getattr(settings, "PORTAL_SUBMISSION_MIN_SECONDS", 3))


def pow_ok(challenge: str, solution: str, bits: int) -> bool:
    """SHA-256(challenge + ":" + solution) starts with ``bits`` zero bits."""
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    value = int.from_bytes(digest, "big")
    return value >> (256 - bits) == 0 if bits else True


def issue_form_token() -> str:
    """A signed token with the render time and the proof-of-work difficulty."""
    payload = {"n": secrets.token_hex(8), "b": _pow_bits(), "t": round(time.time(), 3)}
    return signing.dumps(payload, salt=_SIGNER_SALT)


class SubmissionForm(forms.Form):
    """Mix into a Form or ModelForm (put it first) for the shared anti-abuse fields."""

    website = forms.CharField(
        label=_lazy("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    pow_solution = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            token = issue_form_token()
            self.fields["form_token"].initial = token
            self.fields["form_token"].widget.attrs.update({"data-pow-bits": _pow_bits()})
        self.suspicious = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交未通过校验，请刷新页面后重试。"), code="honeypot")
        token = self.data.get(self.add_prefix("form_token"), "")
        try:
            payload = signing.loads(token, salt=_SIGNER_SALT)
            age = time.time() - float(payload["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(_("页面已过期，请刷新页面后重新提交。"), code="expired") from None
        if age > TOKEN_MAX_AGE:
            raise forms.ValidationError(_("页面已过期，请刷新页面后重新提交。"), code="expired")
        minimum = _min_fill_seconds()
        if minimum and age < minimum:
            raise forms.ValidationError(_("提交过快，请确认填写内容后再提交。"), code="too_fast")
        bits = int(payload.get("b") or 0)
        solution = self.data.get(self.add_prefix("pow_solution"), "")
        if bits and not (solution and pow_ok(token, solution, bits)):
            self.suspicious = True  # no JavaScript, or a bot: keep it, but a person looks first
        return cleaned


# -- accepting ----------------------------------------------------------------------------------


@dataclass
class Accepted:
    obj: Any
    tracking_number: str
    query_code: str


class RateLimited(Exception):
    """Too many submissions from one address or account; the message says when to retry."""


def _limited(request, scope: str) -> bool:
    rates = getattr(settings, "PORTAL_SUBMISSION_RATES", {})
    ip_rate = rates.get(scope, rates.get("default", "10/h"))
    user_rate = rates.get(f"{scope}:account", rates.get("default:account", "20/h"))
    group = f"submission:{scope}"
    limited = is_ratelimited(request, group=group, key="ip", rate=ip_rate, method="POST", increment=True)
    if request.user.is_authenticated:
        limited |= is_ratelimited(
            request, group=group + ":account", key="user", rate=user_rate, method="POST", increment=True
        )
    return limited


def _in_caller_transaction() -> bool:
    # A test case's own wrapping transaction stands in for autocommit.
    blocks = getattr(connection, "atomic_blocks", [])
    return connection.in_atomic_block and not all(getattr(b, "_from_testcase", False) for b in blocks)


def accept(request, form: forms.Form, save: Callable[[], PublicSubmission], scope: str) -> Accepted | None:
    """Save a valid public submission and commit it; None (with a form error) when refused.

    ``save`` builds and saves the object (it runs inside the transaction); the tracking number
    and query code are assigned here. The caller shows them only when this returns.
    """
    if _limited(request, scope):
        form.add_error(None, _("提交过于频繁，请稍后再试。如有急事请拨打12345政务服务便民热线。"))
        form.rate_limited = True
        return None
    if _in_caller_transaction():
        raise RuntimeError(
            "accept() must not run inside a transaction: the citizen is told only after commit"
        )
    code = new_query_code()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                obj = save()
                obj.tracking_number = _tracking_number(obj.TRACKING_PREFIX)
                obj.query_code_hash = make_password(code)
                obj.needs_moderation = obj.needs_moderation or getattr(form, "suspicious", False)
                if request.user.is_authenticated and obj.account_id is None:
                    obj.account = request.user
                obj.save()
            return Accepted(obj, obj.tracking_number, code)
        except IntegrityError:
            if _attempt == 4:
                raise
    return None


def find(model: type[PublicSubmission], tracking_number: str, query_code: str):
    """The submission with this number if the code matches; otherwise None, revealing nothing."""
    global _DUMMY_HASH
    number = "".join(str(tracking_number or "").split()).upper()[:32]
    obj = model._default_manager.filter(tracking_number=number).first() if number else None
    if obj is None:
        _DUMMY_HASH = _DUMMY_HASH or make_password(new_query_code())
        check_password(_normalise_code(query_code), _DUMMY_HASH)  # same work as a real check
        return None
    return obj if obj.check_query_code(query_code) else None
