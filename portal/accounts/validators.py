"""Validators of the identifiers public accounts carry."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalise_uscc(value: str) -> str:
    return re.sub(r"[\s-]+", "", value or "").upper()


def validate_uscc(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015): 18 characters with its check character (python-stdnum)."""
    try:
        uscc.validate(normalise_uscc(value))
    except StdnumError:
        raise ValidationError(
            _("统一社会信用代码不正确，请核对营业执照上的 18 位代码。"), code="invalid_uscc"
        ) from None


def normalise_phone(value: str) -> str:
    """A mainland mobile number as E.164 (+8613812345678); anything else as typed, without spaces."""
    text = re.sub(r"[\s\-()]+", "", value or "")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    if MOBILE.match(text):
        return "+86" + text
    return text


def validate_phone(value: str) -> None:
    if not normalise_phone(value).startswith("+86"):
        raise ValidationError(_("请输入 11 位手机号码。"), code="invalid_phone")


def national(phone: str) -> str:
    """+8613812345678 → 13812345678 (how the number is shown and typed)."""
    return phone[3:] if (phone or "").startswith("+86") else phone or ""
