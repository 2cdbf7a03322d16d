"""The OA payload, declared once: validation (with the Chinese messages) and the OpenAPI schema.

The common envelope is :class:`DocumentSerializer`; each intake kind adds the metadata fields of
its page type (:mod:`portal.editorial.intake_kinds`). :func:`validate` runs both and the
cross-field rules and returns every error at once; :func:`document_schema` derives the OpenAPI
schema from the same serializers.
"""

from __future__ import annotations

import base64
import binascii

import nh3
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers
from rest_framework.schemas.openapi import AutoSchema
from wagtail.models import Page

from portal.core.files import SNIFF_BYTES, check_upload, safe_filename
from portal.core.models import Organisation

from .intake_kinds import StrictCharField, kinds

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "td", "th", "a", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
DISCLOSURE_CHOICES = [("主动公开", "主动公开"), ("依申请公开", "依申请公开"), ("不予公开", "不予公开")]
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _required(label: str) -> dict:
    message = _lazy("%(field)s为必填项。") % {"field": label}
    return {"required": message, "blank": message, "null": message}


MAX_ID = 2**63 - 1


class ColumnField(serializers.Field):
    """A column by page ID or path (``/zwgk/zcwj/``); a section heading is refused."""

    default_error_messages = {
        "required": _lazy("目标栏目（column）为必填项。"),
        "null": _lazy("目标栏目（column）为必填项。"),
        "missing": _lazy("找不到目标栏目。"),
        "heading": _lazy("“{title}”是栏目分组，只用于归集子栏目，请推送到其下的子栏目：{children}。"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        if value in ("", None):
            self.fail("required")
        page = None
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.fail("missing")
        if isinstance(value, int) or (value.isdigit() and len(value) < 19):
            page = Page.objects.filter(pk=int(value)).first() if 0 < int(value) <= MAX_ID else None
        elif isinstance(value, str) and value.strip("/"):
            path = "/" + value.strip("/") + "/"
            candidates = Page.objects.filter(url_path__endswith=path).order_by("depth")
            page = next((p for p in candidates if getattr(p.specific_class, "is_column", False)), None)
        if page is None or not getattr(page.specific_class, "is_column", False):
            self.fail("missing")
        children = [c for c in page.get_children() if getattr(c.specific_class, "is_column", False)]
        if children:
            self.fail("heading", title=page.title, children="、".join(c.title for c in children[:8]))
        return page.specific

    def to_representation(self, value):
        return value.pk

    def _openapi(self) -> dict:
        return {
            "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}],
            "description": "目标栏目：页面 ID 或栏目路径（如 /zwgk/zcwj/）；栏目分组不能直接接收",
        }


class OrganisationField(serializers.Field):
    """An organisation by 统一社会信用代码 or by its full name."""

    default_error_messages = {"missing": _lazy("找不到责任机构“{value}”，请使用统一社会信用代码或机构全称。")}

    def to_internal_value(self, value):
        if not isinstance(value, str):
            self.fail("missing", value=str(value)[:50])
        text = value.strip()[:200]
        org = (
            Organisation.objects.filter(code=text.upper()).first()
            or Organisation.objects.filter(name=text).first()
        )
        if org is None:
            self.fail("missing", value=text)
        return org

    def to_representation(self, value):
        return value.code

    def _openapi(self) -> dict:
        return {"type": "string", "minLength": 1, "maxLength": 200}


class AttachmentSerializer(serializers.Serializer):
    title = StrictCharField(required=False, allow_blank=True, max_length=255, help_text="附件标题")
    filename = StrictCharField(
        max_length=200,
        error_messages={
            **_required("附件文件名（filename）"),
            "max_length": _lazy("附件文件名不能超过 200 个字符。"),
        },
    )
    content_base64 = StrictCharField(
        error_messages=_required("附件内容（content_base64）"), help_text="文件内容的 Base64 编码"
    )

    def validate_content_base64(self, value: str) -> bytes:
        try:
            content = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError(_("content_base64 不是有效的 Base64。")) from None
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise serializers.ValidationError(_("文件超过 20 MB。"))
        return content

    def validate(self, attrs):
        """The content must be an allowed type matching the file name (HTML, SVG, … are refused);
        the file is stored under a safe ASCII name, the name as sent stays the title."""
        try:
            check_upload(attrs["filename"], attrs["content_base64"][:SNIFF_BYTES])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"filename": exc.messages}) from None
        attrs["title"] = attrs.get("title") or attrs["filename"]
        attrs["filename"] = safe_filename(attrs["filename"])
        return attrs


class DocumentSerializer(serializers.Serializer):
    """The envelope every kind shares."""

    external_id = StrictCharField(
        max_length=100,
        error_messages={
            **_required("外部编号（external_id）"),
            "max_length": _lazy("外部编号不能超过 100 个字符。"),
        },
        help_text="OA 系统中的唯一编号；重复推送即更新",
    )
    kind = serializers.ChoiceField(choices=[], default="policy", help_text="内容类型")
    title = StrictCharField(
        max_length=255,
        error_messages={**_required("标题"), "max_length": _lazy("标题不能超过 255 个字符。")},
        help_text="标题",
    )
    body = StrictCharField(
        error_messages=_required("正文"),
        help_text="正文 HTML，入库前清洗（仅保留段落、标题、列表、表格、链接等）",
        trim_whitespace=False,
    )
    column = ColumnField(help_text="目标栏目")
    date = serializers.DateTimeField(
        required=False,
        error_messages={"invalid": _lazy("发布日期格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM。")},
        help_text="发布日期（缺省为审核通过发布之时）",
    )
    owner_organisation = OrganisationField(
        required=False, help_text="责任机构：统一社会信用代码或机构全称；缺省为栏目的责任机构"
    )
    summary = StrictCharField(required=False, allow_blank=True, max_length=500, help_text="摘要")
    disclosure = serializers.ChoiceField(
        choices=DISCLOSURE_CHOICES,
        default="主动公开",
        error_messages={"invalid_choice": _lazy("公开属性只能是：主动公开、依申请公开、不予公开。")},
        help_text="公开属性；仅主动公开的内容进入发布审核",
    )
    disclosure_reason = StrictCharField(
        required=False, allow_blank=True, max_length=500, help_text="不予公开的理由（不予公开时必填）"
    )
    attachments = AttachmentSerializer(many=True, required=False, help_text="附件")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, str(k.label)) for k in kinds.values()]
        labels = "、".join(f"{k.key}（{k.label}）" for k in kinds.values())
        self.fields["kind"].error_messages["invalid_choice"] = _("类型（kind）只能是：%(kinds)s。") % {
            "kinds": labels
        }

    def validate_body(self, value: str) -> str:
        clean = sanitise_html(value)
        if not nh3.clean(clean, tags=set()).strip():
            raise serializers.ValidationError(_("正文为必填项。"))
        return clean


def _flatten(errors) -> dict[str, list[str]]:
    flat: dict[str, list[str]] = {}
    for field, messages in errors.items():
        if (
            field == "attachments"
            and isinstance(messages, dict)
            and all(isinstance(k, int) for k in messages)
        ):
            # DRF reports a list's errors by item index: {0: {"filename": [...]}}.
            messages = [messages.get(i, {}) for i in range(max(messages, default=-1) + 1)]
        if (
            field == "attachments"
            and isinstance(messages, list)
            and messages
            and isinstance(messages[0], dict)
        ):
            for n, item in enumerate(messages, start=1):
                for texts in item.values():
                    for text in texts:
                        flat.setdefault(field, []).append(
                            _("第 %(n)s 个附件：%(error)s") % {"n": n, "error": text}
                        )
            continue
        key = "__all__" if field == "non_field_errors" else field
        flat.setdefault(key, []).extend(
            str(m) for m in (messages if isinstance(messages, list) else [messages])
        )
    return flat


def validate(payload) -> tuple[dict, dict[str, list[str]]]:
    """Cleaned data and every field error (messages in Chinese)."""
    if not isinstance(payload, dict):
        return {}, {"__all__": [_("请求体必须是 JSON 对象。")]}
    common = DocumentSerializer(data=payload)
    common.is_valid()
    errors = _flatten(common.errors)
    data = dict(common.validated_data) if not errors else {}
    kind_key = payload.get("kind") or "policy"
    kind = kinds.get(kind_key) if isinstance(kind_key, str) else None
    specific: dict = {}
    if kind is not None:
        kind_serializer = kind.serializer(data=payload, partial=False)
        if kind_serializer.is_valid():
            specific = dict(kind_serializer.validated_data)
        else:
            for field, messages in _flatten(kind_serializer.errors).items():
                errors.setdefault(field, []).extend(messages)
        if payload.get("attachments") and not kind.accepts_attachments:
            errors.setdefault("attachments", []).append(_("%(kind)s不接收附件。") % {"kind": kind.label})
        column = data.get("column") if not errors.get("column") else None
        if column is not None and kind.model not in column.specific_class.creatable_subpage_models():
            errors.setdefault("column", []).append(
                _("栏目“%(column)s”不能发布%(kind)s。") % {"column": column.title, "kind": kind.label}
            )
    reason = payload.get("disclosure_reason")
    if payload.get("disclosure") == "不予公开" and not (isinstance(reason, str) and reason.strip()):
        errors.setdefault("disclosure_reason", []).append(_("不予公开须说明理由。"))
    if errors:
        return {}, errors
    data.setdefault("kind", "policy")
    data["attachments"] = [
        (a.get("title") or a["filename"], a["filename"], a["content_base64"])
        for a in data.get("attachments", [])
    ]
    data["fields"] = specific
    return data, {}


# -- OpenAPI --------------------------------------------------------------------------------


class _Schema(AutoSchema):
    def map_field(self, field):
        if hasattr(field, "_openapi"):
            schema = field._openapi()
        else:
            schema = super().map_field(field)
        if isinstance(field, serializers.CharField) and not field.allow_blank:
            schema.setdefault("minLength", 1)
        return schema


def document_schema() -> dict:
    """The Document schema: the envelope plus every kind's fields (marked with their kind)."""
    mapper = _Schema()
    schema = mapper.map_serializer(DocumentSerializer())
    for kind in kinds.values():
        kind_schema = mapper.map_serializer(kind.serializer())
        for name, prop in kind_schema.get("properties", {}).items():
            if name in schema["properties"]:
                continue
            prop = dict(prop)
            prop["description"] = f"（{kind.key}）" + str(prop.get("description", "") or "")
            schema["properties"][name] = prop
    schema["properties"]["kind"]["description"] = "；".join(f"{k.key} {k.label}" for k in kinds.values())
    return schema
