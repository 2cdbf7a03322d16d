"""Personal data (ID card numbers, phone numbers, addresses, names): encrypted at rest, masked
on screens, and every look at the clear value audit-logged with who and why.

- :class:`EncryptedCharField` / :class:`EncryptedTextField` — Fernet encryption from
  django-fernet-encrypted-fields, keyed by ``settings.PORTAL_PERSONAL_DATA_KEYS`` (a list: the
  first key encrypts, every key decrypts, so keys can be rotated) rather than by ``SECRET_KEY``.
- :func:`blind_index` — an HMAC of a normalised value, stored beside an encrypted field when
  records must be found by it (e.g. every request of one ID number) without decrypting.
- :func:`mask` and the ``mask`` template filter — what lists and public pages show.
- :func:`reveal` — returns the clear value and writes ``core.personal_data.view`` to the audit log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.utils.functional import cached_property
from encrypted_fields import fields as encrypted

from . import audit

__all__ = ["EncryptedCharField", "EncryptedTextField", "blind_index", "mask", "reveal"]

_SALT = b"portal-personal-data"


def _secrets() -> list[str]:
    keys = getattr(settings, "PORTAL_PERSONAL_DATA_KEYS", None) or [settings.SECRET_KEY]
    return [keys] if isinstance(keys, str) else list(keys)


def _derive(secret: str) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=_SALT, iterations=100_000)
    return base64.urlsafe_b64encode(kdf.derive(secret.encode("utf-8")))


class _PortalKeys:
    @cached_property
    def keys(self) -> list[bytes]:
        return [_derive(secret) for secret in _secrets()]


class EncryptedCharField(_PortalKeys, encrypted.EncryptedCharField):
    """Text up to ``max_length`` characters, stored encrypted (empty values are NULL)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


class EncryptedTextField(_PortalKeys, encrypted.EncryptedTextField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


def blind_index(value: str) -> str:
    """A keyed hash of a normalised value (upper case, no spaces) for exact lookups."""
    normalised = re.sub(r"\s+", "", value or "").upper()
    if not normalised:
        return ""
    key = _secrets()[0].encode("utf-8")
    return hmac.new(key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def _keep(value: str, head: int, tail: int, fill: str = "*") -> str:
    if len(value) <= head + tail:
        return value[:1] + fill * max(len(value) - 1, 1)
    return value[:head] + fill * (len(value) - head - tail) + value[len(value) - tail :]


def mask(value, kind: str = "text") -> str:
    """The masked form shown on screens: phone 138****5678, ID 110101********123X, name 张*明,
    e-mail z***@example.cn, address 示范区政务大道****, anything else first and last character."""
    text = str(value or "").strip()
    if not text:
        return ""
    if kind == "phone":
        digits = re.sub(r"\D", "", text)
        return _keep(digits, 3, 4) if len(digits) >= 7 else _keep(digits, 1, 1)
    if kind == "id":
        return _keep(text, 6, 4) if len(text) >= 15 else _keep(text, 2, 2)
    if kind == "name":
        if len(text) == 1:
            return text
        return text[0] + "*" if len(text) == 2 else text[0] + "*" * (len(text) - 2) + text[-1]
    if kind == "email":
        local, _sep, domain = text.partition("@")
        return (local[:1] + "***@" + domain) if domain else _keep(text, 1, 1)
    if kind == "address":
        return text[:6] + "****" if len(text) > 6 else text[:2] + "****"
    return _keep(text, 1, 1)


def reveal(obj, field: str, user, purpose: str) -> str:
    """The clear value of ``obj.<field>``, audit-logged as a view of personal data."""
    purpose = (purpose or "").strip()
    if len(purpose) < 2:
        raise ValueError("查看个人信息须说明用途。")
    value = getattr(obj, field) or ""
    verbose = obj._meta.get_field(field).verbose_name
    audit.log(
        obj,
        "core.personal_data.view",
        user=user,
        data={"field": field, "field_label": str(verbose), "purpose": purpose, "comment": purpose},
    )
    return str(value)
