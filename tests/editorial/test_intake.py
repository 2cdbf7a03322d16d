"""The OA intake API: token auth, create, idempotent update, invalid payloads, status, OpenAPI."""

import base64
import json

import pytest
from django.urls import reverse
from wagtail.models import Revision

from portal.disclosure.models import PolicyDocumentPage
from portal.editorial.models import IntakeClient, IntakeSubmission, IntakeToken
from portal.pages.models import ArticlePage
from tests import factories

PUSH = "/api/editorial/documents/"


@pytest.fixture
def oa(client, district):
    caller = IntakeClient.objects.create(name="区教育局OA", organisation=district.education)
    _token, raw = IntakeToken.issue(caller)
    district.caller = caller
    district.policy_column = factories.column(
        parent=district.home,
        title="部门文件",
        slug="bmwj",
        column_type="policy",
        owner_organisation=district.education,
    )

    def push(payload, raw_body=None):
        return client.post(
            PUSH,
            raw_body if raw_body is not None else json.dumps(payload, ensure_ascii=False),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {raw}",
        )

    def status(external_id):
        return client.get(f"{PUSH}{external_id}/", HTTP_AUTHORIZATION=f"Token {raw}")

    district.push, district.status = push, status
    return district


def payload(column, **changes):
    data = {
        "external_id": "OA-2026-0001",
        "title": "关于做好冬季校园安全工作的通知",
        "body": '<p onclick="x()">各学校：</p><script>alert(1)</script><p>请做好冬季安全工作。<a href="javascript:alert(1)">链接</a></p>',
        "document_number": "示教发〔2026〕8号",
        "issuing_organ": "示范区教育局",
        "written_date": "2026-11-20",
        "column": column.pk,
        "disclosure": "主动公开",
        "attachments": [
            {
                "title": "安全检查表",
                "filename": "table.txt",
                "content_base64": base64.b64encode("检查表".encode()).decode(),
            }
        ],
    }
    data.update(changes)
    return data


def test_token_is_required(client, oa):
    response = client.post(PUSH, json.dumps(payload(oa.policy_column)), content_type="application/json")
    assert response.status_code == 401
    bad = client.post(PUSH, "{}", content_type="application/json", HTTP_AUTHORIZATION="Token wrong")
    assert bad.status_code == 401
    assert not IntakeSubmission.objects.exists()


def test_push_creates_a_sanitised_draft_in_review(oa):
    response = oa.push(payload(oa.policy_column))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] and body["status"] == "in_review" and body["step"] == "部门审核"
    page = PolicyDocumentPage.objects.get()
    assert page.get_parent().pk == oa.policy_column.pk
    assert not page.live
    assert page.owner_organisation == oa.education
    draft = page.get_latest_revision_as_object()
    assert draft.document_number == "示教发〔2026〕8号"
    assert str(draft.written_date) == "2026-11-20"
    assert "<script" not in draft.body and "onclick" not in draft.body and "javascript:" not in draft.body
    assert [a.display_title for a in draft.attachments.all()] == ["安全检查表"]
    assert page.current_workflow_task.name == "部门审核"
    submission = IntakeSubmission.objects.get()
    assert submission.payload["external_id"] == "OA-2026-0001" and submission.page_id == page.pk


def test_resending_same_id_updates_and_identical_payload_changes_nothing(oa):
    assert oa.push(payload(oa.policy_column)).status_code == 201
    page = PolicyDocumentPage.objects.get()
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()

    again = oa.push(payload(oa.policy_column))
    assert again.status_code == 200 and not again.json()["created"]
    assert PolicyDocumentPage.objects.count() == 1
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions

    changed = oa.push(payload(oa.policy_column, title="关于做好冬季校园安全工作的通知（修订）"))
    assert changed.status_code == 200
    assert PolicyDocumentPage.objects.count() == 1
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title.endswith("（修订）")
    assert page.current_workflow_task.name == "部门审核"  # review restarted on the new revision
    assert IntakeSubmission.objects.count() == 3  # every push stored


def test_invalid_payload_gets_field_errors_in_chinese_and_is_stored(oa):
    response = oa.push(
        {
            "external_id": "OA-BAD",
            "title": "",
            "body": "<script>x</script>",
            "column": 999999,
            "written_date": "2026/11/20",
            "disclosure": "不予公开",
        }
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["title"] == ["标题为必填项。"]
    assert errors["body"] == ["正文为必填项。"]
    assert errors["column"] == ["找不到目标栏目。"]
    assert errors["written_date"] == ["成文日期格式应为 YYYY-MM-DD。"]
    assert errors["disclosure_reason"] == ["不予公开须说明理由。"]
    stored = IntakeSubmission.objects.get()
    assert stored.status == "invalid" and stored.payload["external_id"] == "OA-BAD"
    assert not PolicyDocumentPage.objects.exists()

    broken = oa.push(None, raw_body="{not json")
    assert broken.status_code == 400 and broken.json()["errors"]["__all__"] == ["请求体不是有效的 JSON。"]
    assert IntakeSubmission.objects.count() == 2


def test_news_payload_becomes_an_article(oa):
    response = oa.push(payload(oa.edu_column, external_id="OA-NEWS-1", kind="news", attachments=[]))
    assert response.status_code == 201
    article = ArticlePage.objects.get(slug="oa-oa-news-1")
    assert "请做好冬季安全工作" in article.get_latest_revision_as_object().body.raw_data[0]["value"]


def test_status_follows_the_review_to_publication(oa):
    oa.push(payload(oa.policy_column))
    assert oa.status("OA-2026-0001").json()["step"] == "部门审核"
    page = PolicyDocumentPage.objects.get()
    for user in (oa.reviewer, oa.lead):
        page.refresh_from_db()
        state = page.current_workflow_task_state.specific
        state.task.specific.on_action(state, user, "approve", comment="")
    result = oa.status("OA-2026-0001").json()
    assert result["status"] == "published" and result["status_display"] == "已发布"
    assert result["url"].endswith("/bmwj/oa-oa-2026-0001/")
    assert oa.status("NO-SUCH").status_code == 404


def test_rejected_status_carries_the_step_and_comment(oa):
    oa.push(payload(oa.policy_column, body="<p>本文件为内部资料。</p>"))
    result = oa.status("OA-2026-0001").json()
    assert result["status"] == "rejected" and result["step"] == "内容检查"
    assert "内部资料" in result["comment"]


def test_not_proactively_disclosed_documents_are_kept_out_of_review(oa):
    response = oa.push(payload(oa.policy_column, disclosure="依申请公开"))
    assert response.status_code == 201
    page = PolicyDocumentPage.objects.get()
    assert not page.live and not page.workflow_in_progress


def test_openapi_document_is_served(client):
    response = client.get(reverse("editorial_api:openapi"))
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "/documents/" in spec["paths"] and "/documents/{external_id}/" in spec["paths"]
    assert "external_id" in spec["components"]["schemas"]["Document"]["required"]


def test_stored_payload_survives_a_failure_and_is_processed_later(oa, monkeypatch):
    from django.core.management import call_command

    from portal.editorial import intake

    def crash(*args, **kwargs):
        raise RuntimeError("数据库暂时不可用")

    monkeypatch.setattr(intake, "_process_valid", crash)
    response = oa.push(payload(oa.policy_column))
    assert response.status_code == 202 and response.json()["status"] == "failed"
    stored = IntakeSubmission.objects.get()
    assert stored.status == "failed" and "数据库暂时不可用" in stored.errors["__all__"][0]
    assert stored.payload["title"] == "关于做好冬季校园安全工作的通知"

    monkeypatch.undo()
    call_command("editorial_intake_retry")
    stored.refresh_from_db()
    assert stored.status == "in_review" and stored.page_id
    assert PolicyDocumentPage.objects.count() == 1


def test_a_pushed_policy_keeps_every_metadata_field(oa):
    owner = factories.organisation(name="示范区财政局", code="11999900MB0000001X")
    response = oa.push(
        payload(
            oa.policy_column,
            date="2026-11-25",
            topic="财政、金融、审计",
            genre="意见",
            is_normative=True,
            validity="in_force",
            owner_organisation="11999900MB0000001X",
            summary="明确冬季校园安全检查的重点。",
        )
    )
    assert response.status_code == 201, response.content
    draft = PolicyDocumentPage.objects.get().get_latest_revision_as_object()
    assert draft.date.date().isoformat() == "2026-11-25"  # not the import day
    assert (draft.topic, draft.genre, draft.is_normative) == ("财政、金融、审计", "意见", True)
    assert draft.owner_organisation == owner
    assert draft.search_description == "明确冬季校园安全检查的重点。"


def test_wrong_metadata_values_are_named_in_chinese(oa):
    response = oa.push(
        payload(
            oa.policy_column, topic="天气", validity="valid", owner_organisation="不存在的局", date="昨天"
        )
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "主题分类“天气”" in errors["topic"][0]
    assert "有效性只能是" in errors["validity"][0]
    assert "找不到责任机构“不存在的局”" in errors["owner_organisation"][0]
    assert "发布日期格式" in errors["date"][0]
    kind = oa.push(payload(oa.policy_column, kind="video")).json()["errors"]["kind"][0]
    assert "policy（政策文件）" in kind and "news（新闻文章）" in kind


def test_a_pushed_article_keeps_its_date_source_and_summary(oa):
    response = oa.push(
        payload(
            oa.edu_column,
            external_id="OA-NEWS-2",
            kind="news",
            attachments=[],
            date="2026-11-28T15:30",
            source="示范区教育局",
            summary="全区开展冬季校园安全检查。",
        )
    )
    assert response.status_code == 201, response.content
    article = ArticlePage.objects.get(slug="oa-oa-news-2").get_latest_revision_as_object()
    assert article.date.strftime("%Y-%m-%d %H:%M") == "2026-11-28 15:30"
    assert article.source == "示范区教育局" and article.summary == "全区开展冬季校园安全检查。"
    refused = oa.push(payload(oa.edu_column, external_id="OA-NEWS-3", kind="news"))
    assert refused.status_code == 400 and "不接收附件" in refused.json()["errors"]["attachments"][0]


def test_a_section_heading_column_is_refused_with_its_sub_columns_named(oa):
    heading = factories.column(parent=oa.home, title="政府信息公开", slug="zfxxgk")
    factories.column(parent=heading, title="政策文件", slug="zcwj", owner_organisation=oa.education)
    response = oa.push(payload(heading))
    assert response.status_code == 400
    message = response.json()["errors"]["column"][0]
    assert "“政府信息公开”是栏目分组" in message and "政策文件" in message
    by_path = oa.push({**payload(heading), "column": "/zfxxgk/zcwj/"})
    assert by_path.status_code == 201, by_path.content


def test_status_says_who_the_step_waits_for(oa):
    oa.push(payload(oa.policy_column))
    waiting = oa.status("OA-2026-0001").json()["waiting_for"]
    assert waiting.startswith("示范区教育局：") and "edu_reviewer" in waiting and "edu_lead" in waiting


def test_openapi_schema_comes_from_the_serializers(client):
    spec = client.get(reverse("editorial_api:openapi")).json()
    document = spec["components"]["schemas"]["Document"]
    assert set(document["required"]) >= {"external_id", "title", "body", "column"}
    assert "财政、金融、审计" in document["properties"]["topic"]["enum"]
    assert document["properties"]["topic"]["description"].startswith("（policy）")
    assert set(document["properties"]["kind"]["enum"]) >= {"policy", "news"}
    assert "date" in document["properties"] and "owner_organisation" in document["properties"]
    assert document["properties"]["source"]["description"].startswith("（news）")


# -- clients, scope and hostile input (issue 8) ------------------------------------------------


def _other_client(oa, organisation=None):
    caller = IntakeClient.objects.create(name="另一OA", organisation=organisation or oa.education)
    _t, raw = IntakeToken.issue(caller)
    return raw


def _push_as(client, raw_token, body):
    return client.post(
        "/api/editorial/documents/",
        body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {raw_token}",
    )


def test_a_client_sees_and_updates_only_its_own_documents(client, oa):
    assert oa.push(payload(oa.policy_column)).status_code == 201
    other = _other_client(oa)
    status = client.get("/api/editorial/documents/OA-2026-0001/", HTTP_AUTHORIZATION=f"Token {other}")
    assert status.status_code == 404
    again = _push_as(client, other, payload(oa.policy_column, title="冒名修改"))
    assert again.status_code == 201  # its own, new document: A's draft is untouched
    assert PolicyDocumentPage.objects.count() == 2
    mine = PolicyDocumentPage.objects.get(slug="oa-oa-2026-0001")
    assert mine.get_latest_revision_as_object().title == "关于做好冬季校园安全工作的通知"


def test_a_client_targets_only_its_columns(client, oa):
    outsider = _other_client(oa, organisation=oa.health)
    refused = _push_as(client, outsider, payload(oa.policy_column))
    assert refused.status_code == 400
    assert "无权向栏目“部门文件”推送" in refused.json()["errors"]["column"][0]
    listed = IntakeClient.objects.get(name="另一OA")
    listed.columns.add(oa.policy_column)
    assert _push_as(client, outsider, payload(oa.policy_column)).status_code == 201


def test_only_the_documented_token_scheme_is_accepted(client, oa):
    raw = _other_client(oa)
    for header in (f"Bearer {raw}", f"token {raw}", raw, f"Token  {raw}x"):
        response = client.post(
            "/api/editorial/documents/", "{}", content_type="application/json", HTTP_AUTHORIZATION=header
        )
        assert response.status_code == 401, header


@pytest.mark.parametrize(
    "external_id", ["ＯＡ（2026）第 1 号", "a b", "x.y", "a+b", "<b>id</b>", "../../etc"]
)
def test_any_external_id_becomes_a_safe_slug(oa, external_id):
    response = oa.push(payload(oa.policy_column, external_id=external_id, attachments=[]))
    assert response.status_code == 201, response.content
    page = PolicyDocumentPage.objects.get()
    assert page.slug.startswith("oa-") and all(c.isalnum() or c == "-" for c in page.slug)
    assert oa.status(external_id).status_code in (200, 404)  # a path-unsafe id may not be addressable


@pytest.mark.parametrize(
    "body, field",
    [
        ("null", "__all__"),
        ('{"external_id": NaN}', "__all__"),
        ("[" * 1000 + "]" * 1000, "__all__"),
        ('{"external_id": "X-1", "title": "\\ud800", "body": "<p>正文</p>", "column": 1}', "title"),
        ('{"external_id": "X-2\\u0000", "title": "t", "body": "<p>b</p>", "column": 1}', "external_id"),
        (
            '{"external_id": "X-3", "title": "t", "body": "<p>b</p>", "column": 1000000000000000000000000000000}',
            "column",
        ),
        ('{"external_id": "X-4", "title": 123, "body": "<p>b</p>", "column": 1}', "title"),
        (
            '{"external_id": "X-5", "title": "t", "body": "<p>b</p>", "column": 1, "written_date": []}',
            "written_date",
        ),
        ('{"external_id": "X-6", "title": "t", "body": "<p>b</p>", "column": true}', "column"),
        (
            '{"external_id": "X-7", "title": "t", "body": "<p>b</p>", "column": 1, "is_normative": "yes"}',
            "is_normative",
        ),
        ("\xff\xfe", "__all__"),
        ("\x00", "__all__"),
        ('"\\u0000"', "__all__"),
    ],
)
def test_malformed_bodies_get_a_json_reason_and_are_stored(oa, body, field):
    response = oa.push(
        None, raw_body=body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert field in response.json()["errors"]
    stored = IntakeSubmission.objects.get()
    assert stored.status == "invalid"


def test_request_limits_follow_the_documentation(oa, settings):
    big = payload(oa.policy_column)
    big["attachments"][0]["content_base64"] = base64.b64encode(
        b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    ).decode()
    big["attachments"][0]["filename"] = "big.pdf"
    assert oa.push(big).status_code == 201  # beyond Django's 2.5 MB form cap, within the API's
    settings.EDITORIAL_INTAKE_MAX_REQUEST_BYTES = 100
    refused = oa.push(payload(oa.policy_column, external_id="OA-BIG"))
    assert refused.status_code == 413 and "超过" in refused.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_pushes_of_one_document_leave_one_draft(district):
    import threading

    from django.db import connection
    from django.test import Client

    caller = IntakeClient.objects.create(name="并发OA", organisation=district.education)
    _t, raw = IntakeToken.issue(caller)
    column = factories.column(
        parent=district.home, title="部门文件", slug="bmwj2", owner_organisation=district.education
    )
    body = json.dumps(payload(column, attachments=[]), ensure_ascii=False)
    results, barrier = [], threading.Barrier(8)

    def push():
        try:
            barrier.wait()
            response = Client().post(
                PUSH, body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {raw}"
            )
            results.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=push) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(code in (200, 201, 202) for code in results), results
    assert PolicyDocumentPage.objects.count() == 1
    assert IntakeSubmission.objects.count() == 8
