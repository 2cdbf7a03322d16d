"""JSON endpoints of the OA intake API (documented in :mod:`portal.editorial.openapi`)."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from portal.core.site_url import absolute

from .intake import process_submission, receive_submission, submission_status
from .models import IntakeDocument, IntakeSubmission, IntakeToken
from .openapi import openapi_document

logger = logging.getLogger(__name__)


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


MAX_DEPTH = 20


def max_request_bytes() -> int:
    # Four 20 MB attachments in Base64 (4/3 larger) with room for the text.
    return int(getattr(settings, "EDITORIAL_INTAKE_MAX_REQUEST_BYTES", 120 * 1024 * 1024))


def _token(request: HttpRequest) -> IntakeToken | None:
    """``Authorization: Token <key>``, exactly as documented."""
    scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Token":
        return None
    token = IntakeToken.authenticate(raw.strip())
    if token is not None:
        IntakeToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def _unauthorised() -> JsonResponse:
    response = _json(
        {"detail": _("身份认证失败：请在 Authorization 头中提供有效令牌（Token <key>）。")}, status=401
    )
    response["WWW-Authenticate"] = "Token"
    return response


def _reject_constant(name: str):
    raise ValueError(name)


def _depth(value, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of parsed JSON, counted without recursion (stops past ``limit``)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _clean_text(value: str) -> str:
    """Text a database can store: no NUL, no lone surrogates (replaced by U+FFFD)."""
    value = value.replace("\x00", "")
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)


def _sanitise(value, path: str, bad: set[str]):
    if isinstance(value, str):
        clean = _clean_text(value)
        if clean != value:
            bad.add(path.split(".")[0] or "__all__")
        return clean
    if isinstance(value, dict):
        return {
            _clean_text(str(k)): _sanitise(v, f"{path}.{k}" if path else str(k), bad)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_sanitise(v, path, bad) for v in value]
    return value


def parse_body(raw: bytes) -> tuple[object, dict]:
    """The JSON payload to store, and the errors that refuse it before validation."""
    try:
        text = raw.decode("utf-8")
        payload = json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, RecursionError):
        return {"raw": _clean_text(raw.decode("utf-8", "replace")[:100000])}, {
            "__all__": [_("请求体不是有效的 JSON。")]
        }
    if not isinstance(payload, dict):
        return {"raw": _clean_text(text[:100000])}, {"__all__": [_("请求体必须是 JSON 对象。")]}
    if _depth(payload) > MAX_DEPTH:
        return {"raw": _clean_text(text[:100000])}, {"__all__": [_("请求体嵌套过深。")]}
    bad: set[str] = set()
    payload = _sanitise(payload, "", bad)
    errors = {field: [_("含有无效字符（NUL 或不成对的代理项）。")] for field in sorted(bad)}
    return payload, errors


@csrf_exempt
@require_POST
def push_document(request: HttpRequest) -> JsonResponse:
    token = _token(request)
    if token is None:
        return _unauthorised()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = max_request_bytes()
    if length > limit:
        detail = _("请求体超过 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}
        return _json({"detail": detail, "errors": {"__all__": [detail]}}, status=413)
    payload, refused = parse_body(request.read(limit + 1))
    submission = receive_submission(payload, token)
    if refused:
        submission.status = IntakeSubmission.Status.INVALID
        submission.errors = refused
        submission.save(update_fields=["status", "errors"])
        return _json({"submission_id": submission.pk, "errors": refused}, status=400)
    existed = IntakeDocument.objects.filter(
        client=token.client, external_id=submission.external_id, page__isnull=False
    ).exists()
    try:
        submission = process_submission(submission)
    except Exception:
        logger.exception("OA submission %s failed", submission.pk)
        submission.refresh_from_db()
        body = {"submission_id": submission.pk, "status": submission.status, "errors": submission.errors}
        # The payload is stored and the tick processes it again: accepted, not lost.
        body["detail"] = _("已接收并保存，处理暂未完成，系统将自动重试；可按外部编号查询状态。")
        return _json(body, status=202)
    if submission.status == IntakeSubmission.Status.INVALID:
        return _json({"submission_id": submission.pk, "errors": submission.errors}, status=400)
    body = submission_status(submission.external_id, token.client) or {}
    body["submission_id"] = submission.pk
    body["created"] = not existed
    return _json(body, status=200 if existed else 201)


@require_GET
def document_status(request: HttpRequest, external_id: str) -> JsonResponse:
    token = _token(request)
    if token is None:
        return _unauthorised()
    status = submission_status(external_id[:100], token.client)
    if status is None:
        return _json({"detail": _("没有该外部编号的推送记录。")}, status=404)
    return _json(status)


@require_GET
def openapi_json(request: HttpRequest) -> JsonResponse:
    return _json(openapi_document(absolute("/api/editorial/")))
