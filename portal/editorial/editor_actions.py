"""What the page editor does around review: the messages after a review action, and one log entry
per approval (Wagtail logs every submission of the editor's form as an edit)."""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib import messages
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry

# The action menu's 保存并内容检查 button: save the form as a draft, then show the check report.
CHECK_ACTION = "action-content-check"

# Revision keys that change with every save, whatever the editor typed.
_VOLATILE = {
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
_SECONDS = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d):\d\d(?:\.\d+)?")


def _normalise(value: Any) -> Any:
    """Content as the reader sees it: no editor block keys, block ids or seconds of a date."""
    if isinstance(value, str):
        if value[:1] == "[" and value.endswith("]"):
            try:
                return _normalise(json.loads(value))
            except ValueError:
                pass
        return _SECONDS.sub(r"\1", _BLOCK_KEY.sub("", value))
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items() if key != "id"}
    return value


def content_changed(before: dict, after: dict) -> bool:
    keys = (set(before) | set(after)) - _VOLATILE
    return any(_normalise(before.get(key)) != _normalise(after.get(key)) for key in keys)


def forget_unchanged_edit(user, page: Page) -> None:
    """An approval given from the editor saves the form again; when nothing changed but Draftail's
    block keys or the date widget's seconds, the approval is the only thing logged."""
    revisions = list(page.revisions.order_by("-created_at", "-pk")[:2])
    if len(revisions) < 2 or revisions[0].user_id != user.pk:
        return
    if not content_changed(revisions[1].content, revisions[0].content):
        PageLogEntry.objects.filter(
            page=page, action="wagtail.edit", revision=revisions[0], user=user
        ).delete()


def say_what_the_action_did(request, page: Page, action: str) -> None:
    """Replace Wagtail's "页面已被更新" after a review action with what actually happened."""
    page = page.specific_class.objects.get(pk=page.pk) if page.specific_class else page
    title = page.get_admin_display_title()
    updated = _("Page '%(page_title)s' has been updated.") % {"page_title": title}
    storage = messages.get_messages(request)
    kept = [
        message for message in storage if updated not in str(message) and escape(updated) not in str(message)
    ]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    state = page.current_workflow_state
    if action == "approve" and state is None and page.live and not page.has_unpublished_changes:
        said = _("“%(title)s”审核通过，已发布。") % {"title": title}
    elif action == "approve" and state is not None:
        said = _("“%(title)s”已审核通过，转入下一步：%(step)s。") % {
            "title": title,
            "step": state.current_task_state.task.name if state.current_task_state else "—",
        }
    elif action == "reject":
        said = _("“%(title)s”已退回修改。") % {"title": title}
    elif action == "override":
        said = _("“%(title)s”已确认提示项并放行。") % {"title": title}
    else:
        said = updated
    messages.success(request, said)
