"""The editorial verbs: install workflows, submit for review, run the content check.

Deadlines live in :mod:`portal.editorial.deadlines`, the audit trail in
:mod:`portal.editorial.audit` and the OA intake in :mod:`portal.editorial.intake`; their
public functions are re-exported here so other apps (and the demo seed) import one module.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Task, TaskState, Workflow, WorkflowPage, WorkflowTask

from .checks import run_checks
from .models import CheckReport, ContentCheckTask, OrganisationReviewTask

__all__ = [
    "CHINESE_WORKFLOW",
    "ENGLISH_WORKFLOW",
    "install_default_workflows",
    "run_content_check",
    "submit_for_review",
]

CHINESE_WORKFLOW = "中文栏目发布审核（撰稿→部门审核→保密审查→发布）"
ENGLISH_WORKFLOW = "英文网站三审（初审→复审→终审）"
CHECK_TASK = "内容检查"

# (task name, audience, due working hours, escalation after further working hours)
CHINESE_STEPS = [("部门审核", "reviewers", 16, 8), ("保密审查", "leads", 8, 8)]
ENGLISH_STEPS = [("初审", "reviewers", 16, 8), ("复审", "reviewers", 16, 8), ("终审", "leads", 8, 8)]


def _task(model: type[Task], name: str, **fields) -> Task:
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, **fields)
    return task


def _workflow(name: str, tasks: list[Task]) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


@transaction.atomic
def install_default_workflows(home_pages: Iterable[Page] | None = None) -> dict[str, Workflow]:
    """Create the standard tasks and workflows and assign them to the sites' home pages.

    Chinese home pages get 内容检查 → 部门审核 → 保密审查 (publish on approval); an English home
    page gets 内容检查 → 初审 → 复审 → 终审. Idempotent: safe to call on every seed. With no
    ``home_pages``, every site root page is used. Returns the workflows by language.
    """
    check = _task(ContentCheckTask, CHECK_TASK)
    chinese = _workflow(
        CHINESE_WORKFLOW,
        [check]
        + [
            _task(OrganisationReviewTask, name, audience=aud, due_hours=due, escalate_after_hours=esc)
            for name, aud, due, esc in CHINESE_STEPS
        ],
    )
    english = _workflow(
        ENGLISH_WORKFLOW,
        [check]
        + [
            _task(OrganisationReviewTask, name, audience=aud, due_hours=due, escalate_after_hours=esc)
            for name, aud, due, esc in ENGLISH_STEPS
        ],
    )
    if home_pages is None:
        from wagtail.models import Site

        home_pages = [site.root_page for site in Site.objects.select_related("root_page")]
        from portal.pages.models import HomePage

        home_pages += list(HomePage.objects.exclude(pk__in=[p.pk for p in home_pages]))
    for home in home_pages:
        language = home.locale.language_code if home.locale_id else "zh-hans"
        workflow = english if language.startswith("en") else chinese
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return {"zh-hans": chinese, "en": english}


def run_content_check(
    target: Revision | Page, task_state: TaskState | None = None, user=None, now=None
) -> CheckReport:
    """Check a revision (or a page's latest content), store the report and log it."""
    if isinstance(target, Revision):
        revision, page = target, target.as_object()
    else:
        page = target.specific
        revision = page.get_latest_revision()
        page = revision.as_object() if revision is not None else page
    findings = run_checks(page, now=now)
    report = CheckReport.objects.create(
        page_id=page.pk,
        revision=revision,
        task_state=task_state,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        findings=[f.as_dict() for f in findings],
        block_count=sum(1 for f in findings if f.blocking),
        warn_count=sum(1 for f in findings if not f.blocking),
    )
    log(
        instance=page,
        action="editorial.content_check",
        user=user if getattr(user, "is_authenticated", False) else None,
        revision=revision,
        data={
            "report_id": report.pk,
            "block": report.block_count,
            "warn": report.warn_count,
            "findings": [f.message for f in findings][:50],
            "comment": report.summary(),
        },
    )
    return report


def submit_for_review(page: Page, user=None) -> object:
    """Save the page's current content as a revision and start its workflow.

    This is what an editor's 提交审核 does; returns the workflow state. Raises ``ValueError``
    when the page has no workflow or one is already in progress.
    """
    page = page.specific
    workflow = page.get_workflow()
    if workflow is None:
        raise ValueError(_("该页面没有配置审核流程。"))
    if page.workflow_in_progress:
        raise ValueError(_("该页面已在审核中。"))
    page.save_revision(user=user, log_action=True)
    return workflow.start(page, user)


# Re-exported verbs of the other editorial modules.
from .audit import accountability, audit_entries, export_audit_csv, export_audit_xlsx  # noqa: E402
from .deadlines import pending_items, process_deadlines, recompute_open_deadlines  # noqa: E402
from .intake import process_submission, receive_submission  # noqa: E402

__all__ += [
    "accountability",
    "audit_entries",
    "export_audit_csv",
    "export_audit_xlsx",
    "pending_items",
    "process_deadlines",
    "process_submission",
    "receive_submission",
    "recompute_open_deadlines",
]
