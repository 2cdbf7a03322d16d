"""The public application form and tracking: works as a plain form, validated ID numbers,
errors that keep what was typed, committed before acknowledgement, a wrong code reveals
nothing, the reply letter downloads, private caching, and no personal data in logs."""

from __future__ import annotations

import io
import logging
import re

import pytest
from django.core.cache import cache

from portal.core.models import StaffProfile
from portal.disclosure.request_states import RequestMachine, reply_deadline
from portal.disclosure.requests import DisclosureRequest
from tests import factories

pytestmark = pytest.mark.django_db

ID = "11010519491231002X"
USCC = "91110000600037341L"


@pytest.fixture(autouse=True)
def _open_rates(settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "1000/m", "default:account": "1000/m"}
    cache.clear()


def _url(tree, tail=""):
    return f"{tree.platform.url}ysqgk/{tail}"


def _token(client, tree):
    response = client.get(_url(tree))
    return response, re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def _data(tree, token, **extra):
    data = {
        "organisation": tree.dept.pk,
        "kind": "natural",
        "name": "张三丰",
        "id_number": ID,
        "phone": "13812345678",
        "address": "示范区政务大道 1 号",
        "description": "2025 年学前教育专项资金分配表",
        "purpose": "了解资金使用情况",
        "delivery_form": "email",
        "obtain_method": "email",
        "email": "zhang@example.cn",
        "form_token": token,
    }
    data.update(extra)
    return data


def _submit(client, tree, **extra):
    _response, token = _token(client, tree)
    response = client.post(_url(tree), _data(tree, token, **extra))
    page = response.content.decode()
    number = re.search(r'id="tracking-number">([^<]+)<', page)
    code = re.search(r'id="query-code">([^<]+)<', page)
    return response, (number.group(1) if number else None), (code.group(1) if code else None)


def test_form_is_private_and_a_valid_request_is_committed_with_its_clock(client, tree, caplog):
    response, _token_value = _token(client, tree)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "统一社会信用代码" in response.content.decode()
    with caplog.at_level(logging.DEBUG):
        response, number, code = _submit(client, tree)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    case = DisclosureRequest.objects.get(tracking_number=number)
    assert number.startswith("YS") and case.check_query_code(code)
    assert case.organisation == tree.dept and case.applicant_type == "natural" and case.state == "received"
    assert reply_deadline(case) is not None
    for secret in (ID, "13812345678", "示范区政务大道", "zhang@example.cn"):
        assert secret not in caplog.text


def test_organisation_applicant_with_a_credit_code(client, tree):
    response, number, _code = _submit(
        client, tree, kind="organisation", org_type="legal_service", id_number=USCC, contact_person="李律师"
    )
    assert number, response.content.decode()[:2000]
    assert DisclosureRequest.objects.get(tracking_number=number).applicant_type == "legal_service"


def test_field_errors_in_chinese_keep_what_was_typed(client, tree):
    response, number, _code = _submit(
        client, tree, id_number="110105194912310021", phone="abc", description=""
    )
    page = response.content.decode()
    assert number is None and DisclosureRequest.objects.count() == 0
    for message in ("居民身份证号码不正确", "请填写正确的电话号码", "请描述所需的政府信息。"):
        assert message in page
    assert 'value="张三丰"' in page and 'value="110105194912310021"' in page and "受理编号：" not in page
    response, number, _code = _submit(client, tree, kind="organisation", id_number=ID)
    page = response.content.decode()
    assert number is None
    assert "统一社会信用代码不正确" in page and "请选择组织类型。" in page and "请填写联系人。" in page


def test_honeypot_refuses(client, tree):
    response, number, _code = _submit(client, tree, website="http://spam.example")
    assert number is None and DisclosureRequest.objects.count() == 0


def test_rate_limit(client, tree, settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "1/m", "default:account": "1/m"}
    cache.clear()
    assert _submit(client, tree)[1]
    response, number, _code = _submit(client, tree)
    assert number is None and response.status_code == 429


def test_tracking_a_wrong_code_and_an_unknown_number_look_alike(client, tree):
    _response, number, code = _submit(client, tree)
    wrong = client.post(_url(tree, "chaxun/"), {"tracking_number": number, "query_code": "WRONG234"})
    unknown = client.post(
        _url(tree, "chaxun/"), {"tracking_number": "YS20260101999999", "query_code": "WRONG234"}
    )

    def main(response):
        body = response.content.decode().split("<main")[1].split("</main>")[0]
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
        return body.replace("YS20260101999999", "N").replace(number, "N")

    assert wrong.status_code == unknown.status_code == 200
    assert main(wrong) == main(unknown)
    assert "未查到" in main(wrong) and "张" not in main(wrong)
    right = client.post(_url(tree, "chaxun/"), {"tracking_number": number, "query_code": code})
    page = right.content.decode()
    assert "no-store" in right["Cache-Control"]
    assert "办理中" in page and "张*丰" in page and "张三丰" not in page and ID not in page


def test_applicant_downloads_the_reply_letter(client, tree):
    from docx import Document

    _response, number, code = _submit(client, tree)
    case = DisclosureRequest.objects.get(tracking_number=number)
    reviewer = factories.staff_user(tree.dept, StaffProfile.Role.REVIEWER)
    RequestMachine.perform(
        case, "reply", reviewer, outcome="partial", reply_text="部分内容涉及个人隐私，已作区分处理。"
    )
    data = {"tracking_number": number, "query_code": code}
    page = client.post(_url(tree, "chaxun/"), data).content.decode()
    assert "部分公开" in page and 'value="pdf"' in page
    pdf = client.post(_url(tree, "chaxun/"), data | {"download": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "no-store" in pdf["Cache-Control"]
    docx = client.post(_url(tree, "chaxun/"), data | {"download": "docx"})
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "政府信息公开申请答复告知书" in text and "部分公开" in text and number in text
    assert "张*丰" in text and "张三丰" not in text
    stolen = client.post(
        _url(tree, "chaxun/"), {"tracking_number": number, "query_code": "X", "download": "pdf"}
    )
    assert not stolen.content.startswith(b"%PDF")
