"""Intake kinds: how an office-system (OA) payload becomes a page of the app that owns it.

Each app registers its kinds from its own ``contributions.py``::

    intake_kinds.register(IntakeKind("policy", _("政策文件"), PolicyDocumentPage,
                                     PolicyIntakeSerializer, apply_policy, accepts_attachments=True))

``serializer`` validates the kind's own metadata fields (a DRF serializer, usually a
``StrictModelSerializer`` over the page type, so the OpenAPI document and the messages follow the
model); ``apply(page, data, attachments)`` copies the cleaned values onto the page, where
``attachments`` is a list of ``(title, document)``. Editorial owns the common envelope
(external id, column, title, body, publish date, owner, disclosure) and never imports the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers
from wagtail.models import Page

from portal.core.registry import Registry

__all__ = [
    "IntakeKind",
    "StrictBooleanField",
    "StrictCharField",
    "StrictModelSerializer",
    "kinds",
    "register",
]


class StrictCharField(serializers.CharField):
    """Text only: a number, a list or an object where text belongs is an error, not coerced."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages.setdefault("not_text", _lazy("须为字符串。"))


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false`` only."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("not_bool")
        return data

    def _openapi(self) -> dict:
        return {"type": "boolean"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages.setdefault("not_bool", _lazy("须为 true 或 false。"))


class StrictModelSerializer(serializers.ModelSerializer):
    """What an intake kind's serializer extends: model text and boolean fields taken strictly."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.BooleanField: StrictBooleanField,
    }


@dataclass(frozen=True)
class IntakeKind:
    key: str
    label: str
    model: type[Page]
    serializer: type[serializers.Serializer]
    apply: Callable[[Page, dict, list], None]
    accepts_attachments: bool = False
    description: str = ""


kinds = Registry("intake_kinds")


def register(kind: IntakeKind) -> IntakeKind:
    return kinds.register(kind.key, kind)
