"""Intake kinds: how an office-system (OA) payload becomes a page of the app that owns it.

Each app registers its kinds from its own ``contributions.py``::

    intake_kinds.register(IntakeKind("policy", _("政策文件"), PolicyDocumentPage,
                                     PolicyIntakeSerializer, apply_policy, accepts_attachments=True))

``serializer`` validates the kind's own metadata fields (a DRF serializer, usually a
``ModelSerializer`` over the page type, so the OpenAPI document and the messages follow the
model); ``apply(page, data, attachments)`` copies the cleaned values onto the page, where
``attachments`` is a list of ``(title, document)``. Editorial owns the common envelope
(external id, column, title, body, publish date, owner, disclosure) and never imports the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rest_framework import serializers
from wagtail.models import Page

from portal.core.registry import Registry

__all__ = ["IntakeKind", "kinds", "register"]


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
