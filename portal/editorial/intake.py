"""Office-system (OA) intake: finished documents pushed as JSON become drafts in review.

:func:`receive_submission` stores the payload first (nothing is lost), then
:func:`process_submission` validates it and creates or updates the page (a policy document, or
an article when ``kind`` is ``news``) in the target column and starts its workflow. The same
``external_id`` always maps to the same page: re-sending updates it, and re-sending an identical
payload changes nothing.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

import nh3
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState

from .models import IntakeSubmission, IntakeToken

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "a",
    "sup",
    "sub",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
DISCLOSURE_CHOICES = {"主动公开", "依申请公开", "不予公开"}
KINDS = {"policy", "news"}
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


def _text(payload: dict, key: str) -> str:
    value = payload.get(key)
    return value.strip() if isinstance(value, str) else ""


def _resolve_column(value) -> Page | None:
    from portal.pages.models import ColumnPage

    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return ColumnPage.objects.filter(pk=int(value)).first()
    if isinstance(value, str) and value.strip("/"):
        path = "/" + value.strip("/") + "/"
        return ColumnPage.objects.filter(url_path__endswith=path).order_by("depth").first()
    return None


def validate(payload) -> tuple[dict, dict[str, list[str]]]:
    """Cleaned data and field errors (messages in Chinese)."""
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not isinstance(payload, dict):
        return {}, {"__all__": [_("请求体必须是 JSON 对象。")]}
    data: dict = {}
    data["external_id"] = _text(payload, "external_id")
    if not data["external_id"]:
        error("external_id", _("外部编号（external_id）为必填项。"))
    elif len(data["external_id"]) > 100:
        error("external_id", _("外部编号不能超过 100 个字符。"))
    data["kind"] = _text(payload, "kind") or "policy"
    if data["kind"] not in KINDS:
        error("kind", _("类型（kind）只能是 policy（政策文件）或 news（新闻）。"))
    data["title"] = _text(payload, "title")
    if not data["title"]:
        error("title", _("标题为必填项。"))
    elif len(data["title"]) > 255:
        error("title", _("标题不能超过 255 个字符。"))
    data["body"] = sanitise_html(payload.get("body") if isinstance(payload.get("body"), str) else "")
    if not nh3.clean(data["body"], tags=set()).strip():
        error("body", _("正文为必填项。"))
    data["document_number"] = _text(payload, "document_number")
    data["issuing_organ"] = _text(payload, "issuing_organ")
    written = _text(payload, "written_date")
    data["written_date"] = None
    if written:
        try:
            data["written_date"] = date.fromisoformat(written)
        except ValueError:
            error("written_date", _("成文日期格式应为 YYYY-MM-DD。"))
    data["column"] = _resolve_column(payload.get("column"))
    if payload.get("column") in (None, ""):
        error("column", _("目标栏目（column）为必填项。"))
    elif data["column"] is None:
        error("column", _("找不到目标栏目。"))
    data["disclosure"] = _text(payload, "disclosure") or "主动公开"
    data["disclosure_reason"] = _text(payload, "disclosure_reason")
    if data["disclosure"] not in DISCLOSURE_CHOICES:
        error("disclosure", _("公开属性只能是：主动公开、依申请公开、不予公开。"))
    elif data["disclosure"] == "不予公开" and not data["disclosure_reason"]:
        error("disclosure_reason", _("不予公开须说明理由。"))
    attachments = payload.get("attachments") or []
    data["attachments"] = []
    if not isinstance(attachments, list):
        error("attachments", _("附件（attachments）必须是数组。"))
        attachments = []
    for index, item in enumerate(attachments):
        if (
            not isinstance(item, dict)
            or not _text(item, "filename")
            or not isinstance(item.get("content_base64"), str)
        ):
            error("attachments", _("第 %(n)s 个附件须包含 filename 和 content_base64。") % {"n": index + 1})
            continue
        try:
            content = base64.b64decode(item["content_base64"], validate=True)
        except (binascii.Error, ValueError):
            error("attachments", _("第 %(n)s 个附件的 content_base64 不是有效的 Base64。") % {"n": index + 1})
            continue
        if len(content) > MAX_ATTACHMENT_BYTES:
            error("attachments", _("第 %(n)s 个附件超过 20 MB。") % {"n": index + 1})
            continue
        data["attachments"].append(
            (_text(item, "title") or _text(item, "filename"), _text(item, "filename"), content)
        )
    return data, errors


def receive_submission(payload, token: IntakeToken | None = None) -> IntakeSubmission:
    """Store the payload as received (committed before anything else happens)."""
    external_id = ""
    if isinstance(payload, dict) and isinstance(payload.get("external_id"), str):
        external_id = payload["external_id"].strip()[:100]
    with transaction.atomic():
        return IntakeSubmission.objects.create(external_id=external_id, token=token, payload=payload)


def _previous(submission: IntakeSubmission) -> IntakeSubmission | None:
    return (
        IntakeSubmission.objects.filter(external_id=submission.external_id, page__isnull=False)
        .exclude(pk=submission.pk)
        .order_by("-received_at", "-pk")
        .first()
    )


def _documents(attachments) -> list:
    Document = get_document_model()
    docs = []
    for title, filename, content in attachments:
        doc = Document(title=title[:255])
        doc.file.save(filename, ContentFile(content), save=False)
        doc.save()
        docs.append((title, doc))
    return docs


def _apply(page, data: dict) -> None:
    page.title = data["title"]
    if data["kind"] == "news":
        page.body = [("paragraph", data["body"])]
        page.source = data["issuing_organ"] or getattr(page, "source", "")
    else:
        from portal.disclosure.models import PolicyAttachment

        page.body = data["body"]
        page.document_number = data["document_number"]
        if data["issuing_organ"]:
            page.issuing_organ = data["issuing_organ"]
        page.written_date = data["written_date"]
        if data["attachments"]:
            page.attachments = [
                PolicyAttachment(document=doc, title=title) for title, doc in _documents(data["attachments"])
            ]


def _new_page(data: dict):
    from portal.disclosure.models import PolicyDocumentPage
    from portal.pages.models import ArticlePage

    model = ArticlePage if data["kind"] == "news" else PolicyDocumentPage
    page = model(live=False, slug=f"oa-{data['external_id']}".lower()[:200].replace("/", "-"))
    _apply(page, data)
    column = data["column"]
    if Page.objects.child_of(column).filter(slug=page.slug).exists():
        page.slug = f"{page.slug}-{timezone.now():%Y%m%d%H%M%S}"
    column.add_child(instance=page)
    return page


def process_submission(submission: IntakeSubmission) -> IntakeSubmission:
    """Validate and apply a stored submission; its ``status`` and ``errors`` say what happened."""
    data, errors = validate(submission.payload)
    if errors:
        submission.status = IntakeSubmission.Status.INVALID
        submission.errors = errors
        submission.processed_at = timezone.now()
        submission.save(update_fields=["status", "errors", "processed_at"])
        return submission
    previous = _previous(submission)
    if previous is not None and previous.payload == submission.payload:
        submission.page = previous.page
        submission.status = previous.status
        submission.processed_at = timezone.now()
        submission.save(update_fields=["page", "status", "processed_at"])
        return submission
    try:
        with transaction.atomic():
            _process_valid(submission, data, previous)
    except Exception as exc:  # recorded; the stored payload can be processed again
        submission.status = IntakeSubmission.Status.FAILED
        submission.errors = {"__all__": [_("处理失败：%(error)s") % {"error": exc}]}
        submission.processed_at = timezone.now()
        submission.save(update_fields=["status", "errors", "processed_at"])
        raise
    return submission


def _process_valid(submission: IntakeSubmission, data: dict, previous: IntakeSubmission | None) -> None:
    from .transitions import submit_for_review

    if previous is not None:
        page = previous.page.specific
        if page.current_workflow_state is not None:
            page.current_workflow_state.cancel(user=None)
        target = page.get_latest_revision_as_object()
        _apply(target, data)
    else:
        target = _new_page(data)
    submission.page = target
    if data["disclosure"] == "主动公开":
        submit_for_review(target, user=None)  # saves the new content as a revision, then reviews it
        submission.status = IntakeSubmission.Status.IN_REVIEW
    else:
        target.save_revision(user=None, log_action=True)
        submission.status = IntakeSubmission.Status.RECEIVED
    submission.processed_at = timezone.now()
    submission.save(update_fields=["page", "status", "processed_at"])


def submission_status(external_id: str) -> dict | None:
    """The current state of the document pushed under ``external_id``."""
    latest = IntakeSubmission.objects.filter(external_id=external_id).order_by("-received_at", "-pk").first()
    if latest is None:
        return None
    result = {
        "external_id": external_id,
        "status": latest.status,
        "status_display": str(latest.get_status_display()),
        "received_at": timezone.localtime(latest.received_at).isoformat(),
        "step": None,
        "url": None,
        "page_id": latest.page_id,
        "errors": latest.errors or {},
        "comment": "",
    }
    page = latest.page.specific if latest.page_id else None
    if page is None:
        return result
    state = page.current_workflow_state
    last_state = (
        WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
        if state is None
        else state
    )
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        result["status"] = IntakeSubmission.Status.IN_REVIEW
        result["step"] = state.current_task_state.task.name if state.current_task_state else None
    elif last_state is not None and last_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        result["status"] = IntakeSubmission.Status.REJECTED
        task_state = last_state.current_task_state
        result["step"] = task_state.task.name if task_state else None
        result["comment"] = task_state.comment if task_state else ""
    elif page.live:
        result["status"] = IntakeSubmission.Status.PUBLISHED
        result["url"] = page.full_url
    result["status_display"] = str(IntakeSubmission.Status(result["status"]).label)
    return result


def retry_pending() -> list[IntakeSubmission]:
    """Process every stored submission that failed or was never processed, oldest first.

    A submission superseded by a later one with the same ``external_id`` is skipped.
    """
    done = []
    stuck = IntakeSubmission.objects.filter(
        status__in=[IntakeSubmission.Status.RECEIVED, IntakeSubmission.Status.FAILED]
    )
    for submission in stuck.filter(processed_at__isnull=True) | stuck.filter(
        status=IntakeSubmission.Status.FAILED
    ):
        newer = IntakeSubmission.objects.filter(
            external_id=submission.external_id, received_at__gt=submission.received_at
        ).exists()
        if newer:
            continue
        try:
            done.append(process_submission(submission))
        except Exception:  # recorded on the submission by process_submission
            submission.refresh_from_db()
            done.append(submission)
    return done
