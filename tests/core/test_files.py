"""Files: allowed types checked on the content, safe storage names, who may download a document,
and what ``/media/`` still serves."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from portal.core.files import check_upload, safe_filename, sniff
from portal.demo.media import docx_bytes, pdf_bytes, xlsx_bytes
from tests import factories

PDF = pdf_bytes("通知", ["正文"])
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


def png_bytes() -> bytes:
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    return out.getvalue()


# -- the type check ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("通知.pdf", PDF),
        ("通知.PDF", PDF),
        ("表.docx", docx_bytes("标题", ["段落"])),
        ("表.xlsx", xlsx_bytes("标题", ["列"], [["值"]])),
        ("旧格式.doc", OLE),
        ("金山.wps", OLE),
        ("表.xls", OLE),
        ("数据.zip", zip_bytes()),
        ("版式.ofd", zip_bytes()),
        ("图.png", png_bytes()),
        ("说明.txt", "安全检查表\n第一条".encode()),
        ("说明.txt", "国标编码的说明".encode("gb18030")),
        ("数据.csv", "名称,数量\n学校,3\n".encode()),
    ],
)
def test_allowed_types_pass(name, content):
    check_upload(name, content)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("x.html", HTML, "不在允许范围内"),
        ("x.htm", HTML, "不在允许范围内"),
        ("x.svg", SVG, "不在允许范围内"),
        ("x.xhtml", HTML, "不在允许范围内"),
        ("x.pdf.html", HTML, "不在允许范围内"),
        ("x.js", b"alert(1)", "不在允许范围内"),
        ("noextension", PDF, "不在允许范围内"),
        ("renamed.pdf", HTML, "与扩展名不符"),
        ("renamed.png", SVG, "与扩展名不符"),
        ("renamed.txt", HTML, "与扩展名不符"),
        ("renamed.csv", b"  <svg onload=alert(1)>", "与扩展名不符"),
        ("binary.txt", b"\x00\x01\x02\x03garbage", "与扩展名不符"),
        ("renamed.docx", PDF, "与扩展名不符"),
        ("image.pdf", png_bytes(), "与扩展名不符"),
        ("empty.pdf", b"", "空文件"),
    ],
)
def test_active_and_mismatched_types_are_refused_naming_the_file(name, content, reason):
    with pytest.raises(ValidationError) as exc:
        check_upload(name, content)
    assert reason in exc.value.messages[0] and name in exc.value.messages[0]


def test_sniff_names_the_container_or_markup():
    assert sniff(PDF) == "pdf"
    assert sniff(OLE) == "ole"
    assert sniff(HTML) == "markup"
    assert sniff(b"plain words") == "text"


@override_settings(PORTAL_ALLOWED_FILE_TYPES=["pdf"])
def test_the_allowed_list_is_a_setting():
    with pytest.raises(ValidationError):
        check_upload("a.png", png_bytes())


@pytest.mark.parametrize(
    "name, expected",
    [
        ("<script>alert(1)<script>.pdf", "script-alert-1-script.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("关于印发《办法》的通知.PDF", "GuanYuYinFa-BanFa-DeTongZhi.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\"b'c d&e.docx", "a-b-c-d-e.docx"),
        ("《》.pdf", "file.pdf"),
        (".htaccess", "htaccess"),
    ],
)
def test_storage_names_are_ascii_and_markup_free(name, expected):
    assert safe_filename(name) == expected


def test_storage_names_are_bounded():
    name = safe_filename("很" * 300 + ".pdf")
    assert len(name) <= 80 and name.endswith(".pdf")


def test_stored_document_has_a_safe_path(db):
    doc = get_document_model()(title="<script>x</script>")
    doc.file.save("<script>alert(1)</script>" + "长" * 300 + ".pdf", ContentFile(PDF), save=False)
    doc.save()
    assert doc.file.name.startswith("documents/") and len(doc.file.name) <= 100
    assert not set(doc.file.name) & set("<>\"' &")


# -- uploads in the admin ---------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x"))
    return client


def _upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_admin_refuses_an_html_file_renamed_pdf(admin_client, home):
    response = _upload(admin_client, "通知.pdf", HTML)
    assert response.status_code == 200
    assert "与扩展名不符" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_admin_refuses_an_svg(admin_client, home):
    response = _upload(admin_client, "图.svg", SVG)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_admin_accepts_a_pdf_under_an_ascii_name(admin_client, home):
    response = _upload(admin_client, "<b>通知<b>.pdf", PDF)
    assert response.status_code == 302
    doc = get_document_model().objects.get()
    assert doc.title == "<b>通知<b>.pdf"
    assert doc.filename == "b-TongZhi-b.pdf"


def test_admin_multiple_upload_is_checked_too(admin_client, home):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("x.pdf", HTML), "collection": Collection.get_first_root_node().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()


# -- who may download a document --------------------------------------------------------------


def document(name="通知.pdf", content=PDF, collection=None):
    return factories.document(name, content, collection)


attached = factories.attached_article


def test_a_document_of_a_live_page_is_public_and_a_pdf_opens_inline(client, home):
    doc = document()
    attached(doc)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    # whether a reader may have the file is decided per request: no cache keeps a document
    assert response["Cache-Control"] == "private, no-store"


def test_an_active_type_is_only_ever_a_download(client, home):
    doc = document("旧的.html", HTML)  # stored before the type check existed
    attached(doc)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_text_file_is_a_download(client, home):
    doc = document("说明.txt", "说明".encode())
    attached(doc)
    assert client.get(doc.url)["Content-Disposition"].startswith("attachment")


def test_a_document_of_a_draft_is_refused_anonymously(client, home, django_user_model):
    doc = document()
    page = attached(doc, live=False)
    response = client.get(doc.url)
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)

    citizen = django_user_model.objects.create_user("citizen", password="x")
    client.force_login(citizen)
    assert client.get(doc.url).status_code == 403

    editor = factories.staff_user(factories.organisation())
    client.force_login(editor)
    response = client.get(doc.url)
    assert response.status_code == 200  # staff may use documents (choose permission)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    page.save_revision().publish()
    client.logout()
    assert client.get(doc.url).status_code == 200


def test_unpublishing_closes_the_file_at_once(client, home):
    doc = document()
    page = attached(doc)
    assert client.get(doc.url).status_code == 200
    page.unpublish()
    assert client.get(doc.url).status_code == 302


def test_a_document_of_a_login_restricted_page_is_refused_anonymously(client, home, django_user_model):
    doc = document()
    page = attached(doc)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(doc.url)
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)
    client.force_login(django_user_model.objects.create_user("citizen", password="x"))
    response = client.get(doc.url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_a_document_below_a_restricted_column_is_refused(client, home):
    doc = document()
    column = factories.column(parent=home)
    PageViewRestriction.objects.create(page=column, restriction_type=PageViewRestriction.LOGIN)
    attached(doc, parent=column)
    assert client.get(doc.url).status_code == 302


def test_a_document_in_a_login_only_collection_is_refused_anonymously(client, home):
    private = Collection.get_first_root_node().add_child(name="内部")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = document(collection=private)
    attached(doc)
    response = client.get(doc.url)
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


def test_an_unused_document_is_not_public(client, home):
    doc = document()
    assert client.get(doc.url).status_code == 302


def test_a_policy_attachment_follows_its_page(client, home):
    from portal.disclosure.models import PolicyAttachment

    doc = document()
    policy = factories.policy_document(live=False)
    PolicyAttachment.objects.create(page=policy, document=doc, title="附件一")
    policy.save()
    assert client.get(doc.url).status_code == 302
    policy.save_revision().publish()
    assert client.get(doc.url).status_code == 200


def test_a_wrong_or_odd_document_url_is_404(client, home):
    doc = document()
    attached(doc)
    assert client.get(f"/documents/{doc.pk}/other.pdf").status_code == 404
    assert client.get("/documents/99999999999999999999999/x.pdf").status_code == 404
    assert client.get(f"/documents/{doc.pk}/" + "a" * 300 + ".pdf").status_code == 404
    assert client.get(f"/documents/{doc.pk}/%3Cscript%3E.pdf").status_code == 404


@override_settings(SENDFILE_BACKEND="portal.core.sendfile", PORTAL_SENDFILE_URL="/protected-media/")
def test_nginx_sends_the_bytes_after_the_checks(client, home):
    from wagtail.utils.sendfile import _get_sendfile

    _get_sendfile.clear()
    try:
        doc = document()
        attached(doc)
        response = client.get(doc.url)
        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == f"/protected-media/{doc.file.name}"
        assert response["Content-Disposition"].startswith("inline")
        draft = document("草稿.pdf")
        attached(draft, live=False)
        refused = client.get(draft.url)
        assert refused.status_code == 302 and "X-Accel-Redirect" not in refused
    finally:
        _get_sendfile.clear()


# -- /media/ ----------------------------------------------------------------------------------


def test_media_serves_renditions_but_not_documents_or_originals(client, home):
    doc = document()
    attached(doc)
    assert client.get(f"/media/{doc.file.name}").status_code == 404

    image = Image.objects.create(title="图", file=ImageFile(io.BytesIO(png_bytes()), name="<svg>图.png"))
    assert image.file.name.startswith("original_images/") and "<" not in image.file.name
    assert client.get(f"/media/{image.file.name}").status_code == 404
    rendition = image.get_rendition("fill-20x20")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/" + "a" * 300 + ".png",
        "/media/images/%00.png",
        "/media/images/../documents/x.pdf",
        "/media/images/..%2F..%2Fsettings.py",
        "/media/images/a\\b.png",
        "/media/" + "a" * 300,
        "/media/documents/x.html",
    ],
)
def test_odd_media_paths_are_refused(client, db, path):
    assert client.get(path).status_code in (301, 400, 404)  # 301: the slash is appended, then 404
