"""The public side: writing without JavaScript, errors that keep what was typed, nothing
acknowledged before commit, tracking, published replies, masking, cache headers, XSS."""

import re
from datetime import datetime

import pytest
from django.db import DatabaseError
from django.db.models.signals import pre_save
from django.urls import reverse

from portal.core.models import Leader
from portal.interaction.models import Letter
from portal.interaction.states import LetterMachine

from .conftest import SH, letter

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def site(home, district, depts):
    return home


def _form(client, channel="consultation"):
    response = client.get(reverse("interaction:write", args=[channel]))
    token = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
    return response, token


def _data(token, **extra):
    data = {
        "title": "咨询入学政策",
        "body": "孩子今年六岁，户口在示范区，请问入学需要准备哪些材料？",
        "name": "李四",
        "phone": "13900001111",
        "form_token": token,
        "publish_consent": "on",
    }
    data.update(extra)
    return data


def test_the_form_works_without_javascript_and_is_private(client, site, depts):
    response, token = _form(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = response.content.decode()
    assert "<script" not in body.split("<main")[1].split("</main>")[0]
    assert 'name="csrfmiddlewaretoken"' in body and "咨询部门" in body
    response = client.post(
        reverse("interaction:write", args=["consultation"]), _data(token, addressed_to=depts.a.org.pk)
    )
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    number = re.search(r'id="tracking-number">([^<]+)<', page).group(1)
    code = re.search(r'id="query-code">([^<]+)<', page).group(1)
    stored = Letter.objects.get(tracking_number=number)
    assert (
        stored.addressed_to == depts.a.org and stored.state == "submitted" and stored.check_query_code(code)
    )
    assert stored.name == "李四" and stored.publish_consent


def test_field_errors_are_chinese_and_keep_what_was_typed(client, site):
    _response, token = _form(client)
    response = client.post(
        reverse("interaction:write", args=["consultation"]),
        _data(token, body="太短", phone="abc", title=""),
    )
    page = response.content.decode()
    assert response.status_code == 200 and Letter.objects.count() == 0
    for message in ("请填写标题。", "至少 10 个字", "请填写正确的电话号码", "请选择咨询部门。"):
        assert message in page
    assert "太短</textarea>" in page and 'value="李四"' in page
    assert "受理编号" not in page


def test_the_leader_mailbox_asks_for_a_leader(client, site, depts):
    leader = Leader.objects.create(organisation=depts.a.org, name="张局长", slug="zhang", title="局长")
    _response, token = _form(client, "mailbox")
    client.post(reverse("interaction:write", args=["mailbox"]), _data(token, leader=leader.pk))
    stored = Letter.objects.get()
    assert stored.leader == leader and stored.addressed_to == depts.a.org and stored.channel.key == "mailbox"


def test_a_failure_after_validation_shows_an_error_and_never_a_number(client, site):
    def fail(sender, instance, **kwargs):
        raise DatabaseError("disk full")

    _response, token = _form(client, "complaint")
    pre_save.connect(fail, sender=Letter)
    try:
        response = client.post(reverse("interaction:write", args=["complaint"]), _data(token))
    finally:
        pre_save.disconnect(fail, sender=Letter)
    page = response.content.decode()
    assert "来信未能保存" in page and "tracking-number" not in page and "查询码只显示" not in page
    assert 'value="李四"' in page
    assert Letter.objects.count() == 0


def test_a_closed_channel_takes_no_letters(client, site):
    Letter._meta.get_field("channel").related_model.objects.filter(key="complaint").update(enabled=False)
    assert client.get(reverse("interaction:write", args=["complaint"])).status_code == 404


def test_tracking_reveals_nothing_to_a_wrong_code_and_masks_personal_data(client, site, depts):
    from django.contrib.auth.hashers import make_password

    lt = letter(query_code_hash=make_password("ABCD2345"), organisation=depts.a.org, state="handling")
    url = reverse("interaction:track")
    wrong = client.post(url, {"tracking_number": lt.tracking_number, "query_code": "WRONG123"})
    unknown = client.post(url, {"tracking_number": "HD000", "query_code": "ABCD2345"})
    assert lt.title not in wrong.content.decode()
    assert wrong.content.decode().count("未查到") == unknown.content.decode().count("未查到") == 1
    right = client.post(url, {"tracking_number": lt.tracking_number.lower(), "query_code": "abcd 2345"})
    page = right.content.decode()
    assert "no-store" in right["Cache-Control"]
    assert lt.title in page and "办理中" in page
    assert "138****5678" in page and "王*明" in page
    assert "13812345678" not in page and "王小明" not in page


def test_the_writer_rates_the_reply_or_reopens_it(client, site, depts):
    from django.contrib.auth.hashers import make_password

    lt = letter(
        query_code_hash=make_password("ABCD2345"), organisation=depts.a.org, state="sent", reply="已处理"
    )
    url = reverse("interaction:track")
    ident = {"tracking_number": lt.tracking_number, "query_code": "ABCD2345"}
    refused = client.post(url, {**ident, "satisfaction": "dissatisfied", "comment": ""})
    assert "不满意时请说明原因" in refused.content.decode()
    client.post(url, {**ident, "satisfaction": "dissatisfied", "comment": "问题没有解决"})
    lt.refresh_from_db()
    assert lt.state == "reopened" and lt.satisfaction == "dissatisfied"
    Letter.objects.filter(pk=lt.pk).update(state="sent")
    response = client.post(url, {**ident, "satisfaction": "satisfied"})
    lt.refresh_from_db()
    assert lt.state == "closed" and "感谢您的评价" in response.content.decode()


def _published(depts, **fields):
    defaults = {
        "organisation": depts.a.org,
        "replied_by": depts.a.org,
        "state": "sent",
        "published": True,
        "accepted_at": datetime(2026, 3, 2, 9, tzinfo=SH),
        "replied_at": datetime(2026, 3, 5, 16, tzinfo=SH),
        "reply": "您好，入学材料为户口簿和房产证明。",
    }
    defaults.update(fields)
    return letter(**defaults)


def test_published_replies_show_the_four_fields_and_are_cacheable(client, site, depts):
    shown = _published(depts, body="我的电话13812345678，身份证110101199003071234，请联系我。")
    hidden = letter(state="sent", organisation=depts.a.org, published=False, title="不公开的来信")
    response = client.get(reverse("interaction:replies"))
    page = response.content.decode()
    assert response["Cache-Control"] == "public, max-age=60"
    for header in ("受理日期", "答复日期", "答复部门", "答复内容"):
        assert header in page
    assert shown.title in page and "2026-03-02" in page and "2026-03-05" in page and "区教育局" in page
    assert hidden.title not in page
    detail = client.get(reverse("interaction:reply", args=[shown.tracking_number]))
    text = detail.content.decode()
    assert detail["Cache-Control"] == "public, max-age=60"
    assert "13812345678" not in text and "110101199003071234" not in text and "王小明" not in text
    assert "138****5678" in text
    assert client.get(reverse("interaction:reply", args=[hidden.tracking_number])).status_code == 404
    assert (
        client.get(reverse("interaction:replies"), {"channel": "mailbox"}).content.decode().count(shown.title)
        == 0
    )


def test_consent_decides_whether_a_sent_reply_is_published(district, depts):
    for consent in (True, False):
        lt = letter(state="reviewed", organisation=depts.a.org, publish_consent=consent, reply="答复")
        LetterMachine.perform(lt, "send", depts.a.lead)
        assert lt.published is consent


def test_xss_in_a_letter_is_inert_in_public_and_staff_views(client, site, district, depts):
    lt = _published(depts, title=f"标题{XSS}", body=f"内容{XSS}", reply=f"答复{XSS}")
    pages = [
        client.get(reverse("interaction:replies")),
        client.get(reverse("interaction:reply", args=[lt.tracking_number])),
    ]
    client.force_login(district.supervisor)
    pages += [
        client.get(reverse("interaction_admin_queue")),
        client.get(reverse("interaction_admin_letter", args=[lt.pk])),
    ]
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        assert '<script>alert("x")</script>' not in page and "<img src=x onerror" not in page
        assert "&lt;script&gt;" in page


def test_the_hub_index_lists_the_channels_with_their_limits(client, site):
    page = client.get(reverse("interaction:index")).content.decode()
    for name in ("领导信箱", "业务咨询", "投诉建议", "我为政府网站找错"):
        assert name in page
    assert "3 个工作日" in page


def test_published_replies_are_found_by_the_site_search(
    client, site, depts, django_capture_on_commit_callbacks
):
    from portal.search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        shown = _published(depts, title="实验小学学区划分", body="我家电话13812345678，想问学区。")
        letter(title="实验小学学区未公开", state="sent", organisation=depts.a.org, published=False)
    doc = SearchDocument.objects.get(key=f"letter_reply:{shown.pk}")
    assert "13812345678" not in doc.body and doc.url.endswith(f"/hudong/huifu/{shown.tracking_number}/")
    assert SearchDocument.objects.filter(key__startswith="letter_reply:").count() == 1
    page = client.get("/search/", {"q": "学区划分"}).content.decode()
    assert "共找到 1 条结果" in page and '回复选登 <span class="search-count">(1)' in page
    assert "学区未公开" not in page
    with django_capture_on_commit_callbacks(execute=True):
        Letter.objects.get(pk=shown.pk).delete()
    assert not SearchDocument.objects.filter(key__startswith="letter_reply:").exists()


def test_too_many_letters_are_refused_with_a_clear_message(client, site, settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "1/m"}
    _response, token = _form(client, "complaint")
    url = reverse("interaction:write", args=["complaint"])
    assert client.post(url, _data(token)).status_code == 200
    refused = client.post(url, _data(token, title="第二封"))
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert 'value="第二封"' in refused.content.decode() and Letter.objects.count() == 1
