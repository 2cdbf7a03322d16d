"""Office-system (OA) intake: finished documents pushed as JSON become drafts in review.

:func:`receive_submission` stores the payload first (nothing is lost), then
:func:`process_submission` validates it (:mod:`.intake_schema`) and creates or updates the page
of the payload's kind (:mod:`.intake_kinds`: each app declares its own) in the target column and
starts its workflow.

Documents belong to the client that pushed them (:class:`IntakeClient`): a client's
``external_id`` maps to one page (:class:`IntakeDocument`, unique per client in the database, and
locked while a push is applied, so concurrent pushes leave one draft); re-sending updates that
page, re-sending an identical payload changes nothing, and no client sees or updates another's.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState

from portal.core.audit import person

from . import routing
from .intake_kinds import kinds
from .intake_schema import validate
from .models import IntakeClient, IntakeDocument, IntakeSubmission, IntakeToken
from .transitions import submit_for_review


def receive_submission(payload, token: IntakeToken | None = None) -> IntakeSubmission:
    """Store the payload as received (committed before anything else happens)."""
    external_id = ""
    if isinstance(payload, dict) and isinstance(payload.get("external_id"), str):
        external_id = payload["external_id"].strip()[:100]
    client = token.client if token is not None else None
    with transaction.atomic():
        return IntakeSubmission.objects.create(
            external_id=external_id, token=token, client=client, payload=payload
        )


def page_slug(external_id: str) -> str:
    """A safe slug for any external id: readable where it can be, always unique to the id."""
    readable = slugify(external_id)[:60].strip("-")
    if readable and readable == external_id.lower():
        return f"oa-{readable}"
    digest = hashlib.sha1(external_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"oa-{readable}-{digest}" if readable else f"oa-{digest}"


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
    """The envelope's fields, then the kind's own (body, metadata, attachments)."""
    page.title = data["title"]
    if data.get("date"):
        page.date = data["date"]
    if data.get("owner_organisation"):
        page.owner_organisation = data["owner_organisation"]
    if data.get("summary"):
        page.search_description = data["summary"]
    kinds.get(data["kind"]).apply(page, data, _documents(data["attachments"]))


def _new_page(data: dict):
    model = kinds.get(data["kind"]).model
    page = model(live=False, slug=page_slug(data["external_id"]))
    _apply(page, data)
    column = data["column"]
    if Page.objects.child_of(column).filter(slug=page.slug).exists():
        page.slug = f"{page.slug}-{timezone.now():%Y%m%d%H%M%S}"[:255]
    column.add_child(instance=page)
    return page


def _finish(
    submission: IntakeSubmission, status: str, errors: dict | None = None, page=None
) -> IntakeSubmission:
    submission.status = status
    submission.errors = errors or {}
    if page is not None:
        submission.page = page
    submission.processed_at = timezone.now()
    submission.save(update_fields=["status", "errors", "page", "processed_at"])
    return submission


def _scope_errors(client: IntakeClient | None, data: dict) -> dict:
    if client is not None and not client.may_target(data["column"]):
        return {
            "column": [
                _("调用方“%(client)s”无权向栏目“%(column)s”推送。")
                % {"client": client.name, "column": data["column"].title}
            ]
        }
    return {}


def process_submission(submission: IntakeSubmission) -> IntakeSubmission:
    """Validate and apply a stored submission; its ``status`` and ``errors`` say what happened."""
    data, errors = validate(submission.payload)
    if not errors:
        errors = _scope_errors(submission.client, data)
    if errors:
        return _finish(submission, IntakeSubmission.Status.INVALID, errors)
    try:
        with transaction.atomic():
            document = _lock_document(submission)
            if document is not None and document.page_id and document.applied_payload == submission.payload:
                return _finish(
                    submission,
                    IntakeSubmission.Status.IN_REVIEW
                    if document.page.specific.workflow_in_progress
                    else IntakeSubmission.Status.RECEIVED,
                    page=document.page,
                )
            _process_valid(submission, data, document)
    except ValidationError as exc:  # the page type's own rules (e.g. an owner is required)
        errors = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        return _finish(submission, IntakeSubmission.Status.INVALID, errors)
    except Exception as exc:  # recorded; the stored payload can be processed again
        _finish(
            submission,
            IntakeSubmission.Status.FAILED,
            {"__all__": [_("处理失败：%(error)s") % {"error": exc}]},
        )
        raise
    return submission


def _lock_document(submission: IntakeSubmission) -> IntakeDocument | None:
    """The client's document for this external id, created if new and locked until commit."""
    if submission.client_id is None:
        return None
    document, _created = IntakeDocument.objects.get_or_create(
        client_id=submission.client_id, external_id=submission.external_id
    )
    return IntakeDocument.objects.select_for_update(of=("self",)).select_related("page").get(pk=document.pk)


def _process_valid(submission: IntakeSubmission, data: dict, document: IntakeDocument | None) -> None:
    if document is not None and document.page_id:
        page = document.page.specific
        if page.current_workflow_state is not None:
            page.current_workflow_state.cancel(user=None)
        target = page.get_latest_revision_as_object()
        _apply(target, data)
    else:
        target = _new_page(data)
    if data["disclosure"] == "主动公开":
        submit_for_review(target, user=None)  # saves the new content as a revision, then reviews it
        status = IntakeSubmission.Status.IN_REVIEW
    else:
        target.save_revision(user=None, log_action=True)
        status = IntakeSubmission.Status.RECEIVED
    if document is not None:
        document.page = target
        document.applied_payload = submission.payload
        document.save(update_fields=["page", "applied_payload"])
    _finish(submission, status, page=target)


def submission_status(external_id: str, client: IntakeClient | None = None) -> dict | None:
    """The current state of the document ``client`` pushed under ``external_id``."""
    latest = (
        IntakeSubmission.objects.filter(external_id=external_id, client=client)
        .order_by("-received_at", "-pk")
        .first()
    )
    if latest is None:
        return None
    result = {
        "external_id": external_id,
        "status": latest.status,
        "status_display": str(latest.get_status_display()),
        "received_at": timezone.localtime(latest.received_at).isoformat(),
        "step": None,
        "waiting_for": None,
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
        task_state = state.current_task_state
        result["step"] = task_state.task.name if task_state else None
        result["waiting_for"] = _waiting_for(page, task_state)
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
            client=submission.client,
            external_id=submission.external_id,
            received_at__gt=submission.received_at,
        ).exists()
        if newer:
            continue
        try:
            done.append(process_submission(submission))
        except Exception:  # recorded on the submission by process_submission
            submission.refresh_from_db()
            done.append(submission)
    return done


def _waiting_for(page, task_state) -> str | None:
    """Who the current step waits for, as the office system shows it (机构：人员)."""
    if task_state is None:
        return None
    audience = getattr(task_state.task.specific, "audience", "reviewers")
    step = routing.route(page, audience, task_state)
    people = "、".join(person(u) for u in routing.reviewers_for(step, audience))
    return f"{step.describe()}：{people}" if people else step.describe()
