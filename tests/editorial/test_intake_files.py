"""OA attachments: the type is checked on the content, active types are refused with the file
named, names are stored safely, and a pushed draft's files are not public."""

import base64

import pytest
from django.conf import settings

from portal.demo.media import pdf_bytes
from portal.disclosure.models import PolicyDocumentPage
from portal.editorial.intake_schema import validate
from portal.editorial.models import IntakeSubmission

from .test_intake import oa, payload  # noqa: F401  (the intake fixture and payload builder)

HTML = b"<html><body><script>alert(document.domain)</script></body></html>"


def attachment(filename, content, title=""):
    return {"title": title, "filename": filename, "content_base64": base64.b64encode(content).decode()}


@pytest.mark.parametrize(
    "filename, content",
    [
        ("x.html", HTML),
        ("x.htm", HTML),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("x.xhtml", HTML),
        ("x.pdf.html", HTML),
        ("x.pdf", HTML),
    ],
)
def test_an_active_attachment_is_refused_with_400_naming_the_file(oa, filename, content):  # noqa: F811
    response = oa.push(payload(oa.policy_column, attachments=[attachment(filename, content)]))
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]["attachments"]
    assert errors[0].startswith("第 1 个附件：") and f"“{filename}”" in errors[0]
    assert not PolicyDocumentPage.objects.exists()
    assert IntakeSubmission.objects.get().status == "invalid"  # stored first, as every push


def test_a_pdf_attachment_is_stored_under_a_safe_name_and_kept_from_anonymous_readers(oa, client):  # noqa: F811
    name = "<script>alert(1)</script>" + "关于印发办法的通知" * 18 + ".pdf"
    response = oa.push(payload(oa.policy_column, attachments=[attachment(name, pdf_bytes("通知", ["正文"]))]))
    assert response.status_code == 201, response.content
    page = PolicyDocumentPage.objects.get()
    document = page.get_latest_revision_as_object().attachments.get().document
    assert document.title == name
    assert document.file.name.startswith("documents/") and len(document.file.name) <= 100
    assert not set(document.file.name) & set("<>\"' &")
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and response["Location"].startswith(
        settings.LOGIN_URL
    )  # a draft in review


def test_every_attachment_error_is_numbered_in_chinese(db):
    pdf = attachment("通知.pdf", pdf_bytes("通知", ["正文"]))
    _, errors = validate(
        {
            "attachments": [
                pdf,
                attachment("x.svg", b"<svg/>"),
                {"filename": "很" * 201, "content_base64": "@@"},
            ]
        }
    )
    assert errors["attachments"][0].startswith("第 2 个附件：文件“x.svg”")
    assert "第 3 个附件：附件文件名不能超过 200 个字符。" in errors["attachments"]
    assert "第 3 个附件：content_base64 不是有效的 Base64。" in errors["attachments"]
