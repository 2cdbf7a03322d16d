"""Install the standard review workflows (the verbs that move a page are in ``transitions``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, Site, Task, Workflow, WorkflowPage, WorkflowTask

from .models import ContentCheckTask, OrganisationReviewTask

__all__ = ["CHINESE_WORKFLOW", "ENGLISH_WORKFLOW", "install_default_workflows"]

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
    ``home_pages``, every site root and top-level page is used. Returns the workflows by language.
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
        # Site roots, and the other top-level pages (a language's home that is not a site root).
        roots = [site.root_page_id for site in Site.objects.all()]
        home_pages = list(Page.objects.filter(Q(pk__in=roots) | Q(depth=2)))
    for home in home_pages:
        language = home.locale.language_code if home.locale_id else "zh-hans"
        workflow = english if language.startswith("en") else chinese
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    retire_wagtail_default_workflow()
    return {"zh-hans": chinese, "en": english}


def retire_wagtail_default_workflow() -> None:
    """Wagtail installs a "Moderators approval" workflow (one step for its Moderators group) on the
    root page. Here review follows the organisations, so it is switched off and named in Chinese."""
    Workflow.objects.filter(name="Moderators approval").update(name="系统默认审核（已停用）", active=False)
    Task.objects.filter(name="Moderators approval", content_type__app_label="wagtailcore").update(
        name="系统默认审核步骤（已停用）", active=False
    )
