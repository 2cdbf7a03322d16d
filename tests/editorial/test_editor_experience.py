"""What staff meet in the page editor: the content check on what they typed, refusals that
explain themselves, 已发布 after the last approval, approvals logged as approvals (issue 11)."""

from __future__ import annotations

import html.parser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.editorial.models import CheckReport
from portal.editorial.transitions import submit_for_review

from .conftest import draft_article


class _Form(html.parser.HTMLParser):
    """The fields a browser would submit from the page editor's form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._option_value: str | None = None
        self._selected: dict[str, str] = {}
        self._first_option: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "form"
            and a.get("data-edit-form") is not None
            or (tag == "form" and a.get("id") == "page-edit-form")
        ):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file", "checkbox", "radio"):
            self.data.append((name, a.get("value", "")))
        elif tag == "input" and name and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.data.append((name, a.get("value", "on")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._first_option.setdefault(self._select, a.get("value", ""))
            if "selected" in a:
                self._selected[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if self._select in self._selected:
                self.data.append((self._select, self._selected[self._select]))
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)


def edit_form(client, page) -> dict[str, list[str]]:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    parser = _Form()
    parser.feed(response.content.decode())
    fields: dict[str, list[str]] = {}
    for name, value in parser.data:
        fields.setdefault(name, []).append(value)
    return fields


def post_edit(client, page, **extra):
    """Submit the editor's form as the browser would, with the page's current body."""
    data = edit_form(client, page)
    page = page.get_latest_revision_as_object()
    body = streamfield([(block.block_type, rich_text(block.value.source)) for block in page.body])
    for key, value in nested_form_data({"body": body}).items():
        data[key] = [value]
    data.update({k: [v] for k, v in extra.items()})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def messages_of(client, response) -> list[str]:
    """The messages the next page shows (what the browser sees after the redirect)."""
    shown = client.get(response["Location"])
    return [str(m) for m in get_messages(shown.wsgi_request)]


@pytest.fixture
def pending(district, django_capture_on_commit_callbacks):
    page = draft_article(district.edu_column, title="关于冬季校园安全工作的通知")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, district.editor)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "部门审核"
    return page


def test_the_content_check_runs_on_what_was_typed(client, district):
    page = draft_article(district.edu_column, title="原来的标题")
    client.force_login(district.editor)
    response = post_edit(client, page, title="改过的标题：含有易错词的标题", **{"action-content-check": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("editorial_check", args=[page.pk]))
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "改过的标题：含有易错词的标题", "saved first"
    report_page = client.get(response["Location"])
    assert "已先保存草稿" in report_page.content.decode()
    report = CheckReport.objects.filter(page_id=page.pk).first()
    assert report.revision == page.get_latest_revision()


def test_a_refused_reviewer_is_told_the_rule_in_chinese(client, district, pending):
    """三审分离: whoever approved 部门审核 may not also do 保密审查 — and the editor says so."""
    client.force_login(district.editor)
    text = client.get(reverse("wagtailadmin_pages:edit", args=[pending.pk])).content.decode()
    assert "本步骤须由审核人员或负责人办理，您的角色是编辑。" in text
    assert "Only reviewers" not in text

    state = pending.current_workflow_task_state.specific
    state.task.specific.on_action(state, district.lead, "approve", comment="")
    pending.refresh_from_db()
    assert pending.current_workflow_task.name == "保密审查"
    client.force_login(district.lead)
    text = client.get(reverse("wagtailadmin_pages:edit", args=[pending.pk])).content.decode()
    assert "三审分离：您已审核过本稿件的前一步骤，本步骤须由其他人员办理" in text


def test_approving_in_the_editor_logs_an_approval_and_the_last_says_published(client, district, pending):
    client.force_login(district.reviewer)
    response = post_edit(
        client, pending, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.current_workflow_task.name == "保密审查"
    assert not PageLogEntry.objects.filter(
        page=pending, action="wagtail.edit", user=district.reviewer
    ).exists()
    assert PageLogEntry.objects.filter(
        page=pending, action="wagtail.workflow.approve", user=district.reviewer
    ).exists()
    said = messages_of(client, response)
    assert any("审核通过，转入下一步：保密审查" in m for m in said), said

    client.force_login(district.lead)
    response = post_edit(
        client, pending, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
    )
    pending.refresh_from_db()
    assert pending.live
    said = messages_of(client, response)
    assert any("已发布" in m for m in said), said
    assert not any("已被更新" in m or "has been updated" in m for m in said), said
