"""JSON endpoints of the OA intake API (documented in :mod:`portal.editorial.openapi`)."""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .intake import process_submission, receive_submission, submission_status
from .models import IntakeSubmission, IntakeToken
from .openapi import openapi_document

logger = logging.getLogger(__name__)


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _token(request: HttpRequest) -> IntakeToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() not in {"token", "bearer"}:
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


@csrf_exempt
@require_POST
def push_document(request: HttpRequest) -> JsonResponse:
    token = _token(request)
    if token is None:
        return _unauthorised()
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        submission = receive_submission({"raw": request.body.decode("utf-8", "replace")[:100000]}, token)
        submission.status = IntakeSubmission.Status.INVALID
        submission.errors = {"__all__": [_("请求体不是有效的 JSON。")]}
        submission.save(update_fields=["status", "errors"])
        return _json({"submission_id": submission.pk, "errors": submission.errors}, status=400)
    submission = receive_submission(payload, token)
    existed = (
        IntakeSubmission.objects.filter(external_id=submission.external_id, page__isnull=False)
        .exclude(pk=submission.pk)
        .exists()
    )
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
    body = submission_status(submission.external_id) or {}
    body["submission_id"] = submission.pk
    body["created"] = not existed
    return _json(body, status=200 if existed else 201)


@require_GET
def document_status(request: HttpRequest, external_id: str) -> JsonResponse:
    if _token(request) is None:
        return _unauthorised()
    status = submission_status(external_id)
    if status is None:
        return _json({"detail": _("没有该外部编号的推送记录。")}, status=404)
    return _json(status)


@require_GET
def openapi_json(request: HttpRequest) -> JsonResponse:
    return _json(openapi_document(request.build_absolute_uri("/api/editorial/")))
