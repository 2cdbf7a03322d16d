"""The editor's own path through the admin: save, submit for review, see the workflow start."""

from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from .conftest import draft_article


def test_editor_submits_from_the_page_editor(client, district):
    page = draft_article(district.edu_column)
    client.force_login(district.editor)
    data = nested_form_data(
        {
            "title": "编辑提交的稿件",
            "slug": page.slug,
            "subtitle": "",
            "date": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "source": "示范区教育局",
            "author": "",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>教育局召开冬季安全工作会议。</p>"))]),
            "comments": inline_formset([]),
            "action-submit": "submit",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "部门审核"
    assert not page.live
