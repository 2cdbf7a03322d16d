"""Surveys, consultations and interviews: builder rules, conditional display, required flags,
one response per device, closing publishes results, moderation, transcript JSON, XSS inert."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.interaction.models import (
    Consultation,
    ConsultationComment,
    Interview,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    TranscriptEntry,
)
from portal.interaction.participation import services
from portal.interaction.participation.states import CommentModeration

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _survey(**fields):
    now = timezone.now()
    defaults = dict(
        title="社区养老服务需求调查",
        slug="yanglao",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
        live=True,
    )
    defaults.update(fields)
    survey = Survey.objects.create(**defaults)
    SurveyQuestion.objects.create(
        survey=survey, key="q1", kind="single", text="家中是否有老人？", options="有\n没有", sort_order=0
    )
    SurveyQuestion.objects.create(
        survey=survey,
        key="q2",
        kind="multiple",
        text="需要哪些服务？",
        options="助餐\n助浴\n陪诊",
        show_if_key="q1",
        show_if_value="有",
        sort_order=1,
    )
    SurveyQuestion.objects.create(
        survey=survey, key="q3", kind="text", text="其他建议", required=False, sort_order=2
    )
    return survey


def _token(client, url):
    page = client.get(url).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def test_builder_refuses_bad_questionnaires():
    errors = services.builder_errors(
        [
            {"key": "q1", "kind": "single", "options": "只有一个"},
            {"key": "q1", "kind": "scale", "scale_min": 5, "scale_max": 1},
            {"key": "q3", "kind": "text", "show_if_key": "q9", "show_if_value": "是"},
        ]
    )
    fields = {(i, f) for i, f, _m in errors}
    assert {(0, "options"), (1, "key"), (1, "scale_max"), (2, "show_if_key")} <= fields
    ok = services.builder_errors(
        [
            {"key": "q1", "kind": "single", "options": "有\n没有"},
            {"key": "q2", "kind": "text", "show_if_key": "q1", "show_if_value": "有"},
        ]
    )
    assert ok == []
    bad_value = services.builder_errors(
        [
            {"key": "q1", "kind": "single", "options": "有\n没有"},
            {"key": "q2", "kind": "text", "show_if_key": "q1", "show_if_value": "也许"},
        ]
    )
    assert bad_value and bad_value[0][1] == "show_if_value"


def test_conditional_and_required_are_decided_on_the_server(client):
    survey = _survey()
    url = reverse("interaction:survey", args=[survey.slug])
    token = _token(client, url)
    page = client.post(url, {"form_token": token, "q_q1": "有", "q_q3": "多办几个老年食堂"}).content.decode()
    assert "请至少选择一项。" in page and "多办几个老年食堂</textarea>" in page
    assert SurveyResponse.objects.count() == 0
    page = client.post(url, {"form_token": token, "q_q1": "没有", "q_q2": ["助餐"]}).content.decode()
    assert 'id="tracking-number"' in page
    response = SurveyResponse.objects.get()
    assert [a.value for a in response.answers.all()] == ["没有"]  # q2 was hidden: dropped


def test_one_response_per_device(client):
    survey = _survey()
    url = reverse("interaction:survey", args=[survey.slug])
    token = _token(client, url)
    response = client.post(url, {"form_token": token, "q_q1": "有", "q_q2": ["助餐", "陪诊"]})
    assert services.DEVICE_COOKIE in response.cookies
    assert "no-store" in response["Cache-Control"]
    again = client.get(url).content.decode()
    assert "您已参与过本次调查" in again and "form_token" not in again
    assert SurveyResponse.objects.count() == 1


def test_closing_hides_the_form_and_publishes_results_with_tables(client):
    survey = _survey(feedback="根据调查结果，新增两处社区老年食堂。")
    url = reverse("interaction:survey", args=[survey.slug])
    client.post(url, {"form_token": _token(client, url), "q_q1": "有", "q_q2": ["助餐"], "q_q3": XSS})
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    response = client.get(url)
    page = response.content.decode()
    assert "form_token" not in page and "采纳情况" in page and "新增两处社区老年食堂" in page
    assert "<svg" in page and "<table" in page and 'id="response-total"' in page
    assert "public" in response["Cache-Control"]
    assert XSS not in page
    refused = client.post(url, {"q_q1": "有"}).content.decode()
    assert "本次调查已截止" in refused


def test_xss_in_answers_is_inert_in_the_staff_view(admin_client):
    survey = _survey()
    url = reverse("interaction:survey", args=[survey.slug])
    admin_client.post(url, {"form_token": _token(admin_client, url), "q_q1": "没有", "q_q3": XSS})
    page = admin_client.get(reverse("interaction_admin_responses", args=[survey.pk])).content.decode()
    assert "&lt;script&gt;" in page and '<script>alert("x")' not in page


def _consultation(**fields):
    now = timezone.now()
    defaults = dict(
        title="示范区老旧小区改造管理办法（征求意见稿）",
        slug="gaizao",
        live=True,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        draft_text="总则\n第一条 为了规范改造，制定本办法。\n第二条 本办法适用于本区。",
    )
    defaults.update(fields)
    obj = Consultation.objects.create(**defaults)
    services.articles_from_text(obj)
    return obj


def test_draft_is_split_into_articles():
    assert services.split_articles("前言\n第一条 甲。\n第十二条 乙。") == [
        ("第一条", "甲。"),
        ("第十二条", "乙。"),
    ]
    assert [a.number for a in _consultation().articles.all()] == ["第一条", "第二条"]


def test_comments_are_moderated_before_publication(client, admin_user):
    obj = _consultation()
    article = obj.articles.first()
    url = reverse("interaction:comment", args=[obj.slug])
    page = client.post(url, {"form_token": _token(client, url), "article": article.pk, "body": f"建议{XSS}"})
    assert 'id="tracking-number"' in page.content.decode()
    comment = ConsultationComment.objects.get()
    detail = reverse("interaction:consultation", args=[obj.slug])
    assert "建议" not in client.get(detail).content.decode().split("草案条文")[1]
    CommentModeration.perform(comment, "publish", admin_user)
    public = client.get(detail).content.decode()
    assert "&lt;script&gt;" in public and '<script>alert("x")' not in public
    short = client.post(url, {"form_token": _token(client, url), "body": "好"}).content.decode()
    assert "内容至少 5 个字。" in short


def test_transcript_endpoint_and_cache_headers(client):
    now = timezone.now()
    interview = Interview.objects.create(
        title="优化营商环境在线访谈",
        slug="yingshang",
        live=True,
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=1),
    )
    first = TranscriptEntry.objects.create(
        interview=interview, speaker="主持人", role="host", text="欢迎各位网友"
    )
    TranscriptEntry.objects.create(interview=interview, speaker="嘉宾", text=XSS)
    url = reverse("interaction:transcript", args=[interview.slug])
    response = client.get(url, {"after": first.pk})
    data = response.json()
    assert response.status_code == 200 and data["phase"] == "live" and len(data["entries"]) == 1
    assert "public" in response["Cache-Control"] and "max-age=5" in response["Cache-Control"]
    assert client.get(url, {"after": "abc"}).status_code == 400
    page = client.get(reverse("interaction:interview", args=[interview.slug])).content.decode()
    assert "欢迎各位网友" in page and "data-poll" in page and '<script>alert("x")' not in page


def test_index_links_the_three_sections(client):
    page = client.get(reverse("interaction:index")).content.decode()
    for name in ("interaction:surveys", "interaction:consultations", "interaction:interviews"):
        assert reverse(name) in page
