"""Office-system (OA) intake: finished documents pushed as JSON become drafts in review.

:func:`receive_submission` stores the payload first (nothing is lost), then
:func:`process_submission` validates it (:mod:`.intake_schema`) and creates or updates the page
of the payload's kind (:mod:`.intake_kinds`: each app declares its own) in the target column and
starts its workflow. The same
``external_id`` always maps to the same page: re-sending updates it, and re-sending an identical
payload changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState

from portal.core.audit import person

from . import routing
from .intake_kinds import kinds
from .intake_schema import validate
from .models import IntakeSubmission, IntakeToken
from .transitions import submit_for_review


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
    except ValidationError as exc:  # the page type's own rules (e.g. an owner is required)
        submission.status = IntakeSubmission.Status.INVALID
        submission.errors = {
            ("__all__" if k == "__all__" else k): [str(m) for m in v] for k, v in exc.message_dict.items()
        }
        submission.processed_at = timezone.now()
        submission.save(update_fields=["status", "errors", "processed_at"])
        return submission
    except Exception as exc:  # recorded; the stored payload can be processed again
        submission.status = IntakeSubmission.Status.FAILED
        submission.errors = {"__all__": [_("处理失败：%(error)s") % {"error": exc}]}
        submission.processed_at = timezone.now()
        submission.save(update_fields=["status", "errors", "processed_at"])
        raise
    return submission


def _process_valid(submission: IntakeSubmission, data: dict, previous: IntakeSubmission | None) -> None:
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


def _waiting_for(page, task_state) -> str | None:
    """Who the current step waits for, as the office system shows it (机构：人员)."""
    if task_state is None:
        return None
    audience = getattr(task_state.task.specific, "audience", "reviewers")
    step = routing.route(page, audience, task_state)
    people = "、".join(person(u) for u in routing.reviewers_for(step, audience))
    return f"{step.describe()}：{people}" if people else step.describe()
