"""Attachments of letters: types checked on the content, size and count limits, images re-encoded
without their metadata, private storage, downloads only for staff who may see the letter and for
the writer in the session that tracked it, never on the published reply."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.models import ModelLogEntry

from portal.interaction import attachments
from portal.interaction.models import Channel, InteractionSettings, Letter, LetterAttachment

from .conftest import letter

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def jpeg(exif: bool = True, size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x0110] = "Model X"  # Model
        data[0x0131] = "Editor 1.0"  # Software
        options["exif"] = data.tobytes()
    image.save(out, "JPEG", **options)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, "PNG")
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def site(home, district, depts):
    return home


def _token(client, channel="complaint"):
    page = client.get(reverse("interaction:write", args=[channel])).content.decode()
    return page, re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def _post(client, files, channel="complaint", **extra):
    _page, token = _token(client, channel)
    data = {
        "title": "小区门口垃圾堆放",
        "body": "小区门口的垃圾已经堆放了一周没有清运，气味很大，请尽快处理。",
        "name": "赵六",
        "phone": "13700002222",
        "form_token": token,
        "attachments": files,
        **extra,
    }
    return client.post(reverse("interaction:write", args=[channel]), data)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / attachments.FOLDER
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _with_file(lt, name="照片.jpg", content=None, content_type="image/jpeg") -> LetterAttachment:
    stored = default_storage.save(f"{attachments.FOLDER}/test/{name}", io.BytesIO(content or jpeg(False)))
    return LetterAttachment.objects.create(
        letter=lt, file=stored, name=name, content_type=content_type, size=len(content or b"1")
    )


def test_the_form_is_multipart_and_states_the_limits(client, site):
    page, _token_value = _token(client)
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and "multiple" in page
    assert 'aria-describedby="id_attachments-help"' in page and 'id="id_attachments-help"' in page
    assert "最多 3 个" in page and "每个不超过 5 MB" in page and "JPG、PNG、PDF、DOCX、XLSX" in page
    Channel.objects.filter(key="complaint").update(max_attachments=0)
    page, _token_value = _token(client)
    assert 'type="file"' not in page and "multipart" not in page


def test_a_letter_with_attachments_is_accepted_and_stored_privately(client, site):
    before = len(_stored_files())
    response = _post(
        client, [upload("现场照片.JPG", jpeg(), "image/jpeg"), upload("情况说明.pdf", PDF, "application/pdf")]
    )
    page = response.content.decode()
    number = re.search(r'id="tracking-number">([^<]+)<', page).group(1)
    stored = Letter.objects.get(tracking_number=number)
    items = list(stored.attachments.all())
    assert [(a.name, a.content_type) for a in items] == [
        ("现场照片.JPG", "image/jpeg"),
        ("情况说明.pdf", "application/pdf"),
    ]
    assert len(_stored_files()) == before + 2
    for item in items:
        assert item.file.name.startswith(attachments.FOLDER + "/")
        assert re.fullmatch(r"[0-9a-f]{32}\.(jpg|pdf)", Path(item.file.name).name)  # not the reader's name
        assert client.get(settings.MEDIA_URL + item.file.name).status_code == 404  # /media/ never serves it
    assert items[1].file.read() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [("发票.jpg", PDF), ("page.jpg", HTML), ("说明.pdf", HTML), ("tool.pdf", EXE), ("图.png", jpeg())],
)
def test_a_forged_extension_is_refused_in_chinese_keeping_the_text(client, site, name, content):
    before = len(_stored_files())
    response = _post(client, [upload(name, content, "image/jpeg")])
    page = response.content.decode()
    assert response.status_code == 200 and Letter.objects.count() == 0
    assert f"文件“{name}”的内容不是" in page and "与扩展名不符" in page
    assert "小区门口的垃圾已经堆放了一周" in page and 'value="赵六"' in page
    assert "重新选择" in page and "tracking-number" not in page
    assert len(_stored_files()) == before


def test_types_outside_the_list_are_refused(client, site):
    page = _post(client, [upload("脚本.html", HTML, "text/html"), upload("a.exe", EXE)]).content.decode()
    assert "附件“脚本.html”的类型不在允许范围内" in page and "附件“a.exe”的类型不在允许范围内" in page
    assert Letter.objects.count() == 0


def test_size_and_count_limits(client, site):
    config = InteractionSettings.load()
    config.attachment_max_mb, config.attachment_total_mb = 1, 2
    config.save()
    big = PDF + b"0" * (1024 * 1024)
    page = _post(client, [upload("大文件.pdf", big)]).content.decode()
    assert "附件“大文件.pdf”超过 1 MB" in page
    part = PDF + b"0" * (800 * 1024)
    page = _post(client, [upload(f"{i}.pdf", part) for i in range(3)]).content.decode()
    assert "附件合计超过 2 MB" in page
    page = _post(client, [upload(f"{i}.pdf", PDF) for i in range(4)]).content.decode()
    assert "最多可上传 3 个附件，您选择了 4 个" in page
    page = _post(client, [upload("空.pdf", b"")]).content.decode()
    assert "空文件" in page
    assert Letter.objects.count() == 0


def test_images_are_reencoded_without_metadata_or_trailing_bytes(client, site):
    original = jpeg() + b"<script>alert(1)</script>"  # an image/HTML polyglot
    assert b"SecretCam" in original
    response = _post(client, [upload("photo.jpg", original), upload("p.png", png())])
    assert response.status_code == 200
    photo, picture = LetterAttachment.objects.order_by("pk")
    data = photo.file.read()
    assert b"SecretCam" not in data and b"<script" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (40, 30) and not dict(image.getexif())
    with Image.open(picture.file) as image:
        assert image.format == "PNG" and image.mode == "RGBA"


def test_a_broken_image_is_refused(client, site):
    page = _post(client, [upload("坏图.png", png()[:60])]).content.decode()
    assert "图片“坏图.png”无法识别或已损坏" in page and Letter.objects.count() == 0


def test_a_huge_image_is_refused(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_PIXELS", 100)
    with pytest.raises(Exception, match="尺寸过大"):
        attachments.reencode(jpeg(False), "JPEG", "big.jpg")


def test_a_failure_after_validation_leaves_no_file(client, site):
    before = len(_stored_files())

    def fail(sender, **kwargs):
        raise DatabaseError("disk full")

    pre_save.connect(fail, sender=LetterAttachment)
    pre_save.connect(fail, sender=Letter)
    try:
        page = _post(client, [upload("a.pdf", PDF)]).content.decode()
    finally:
        pre_save.disconnect(fail, sender=Letter)
        pre_save.disconnect(fail, sender=LetterAttachment)
    assert "来信未能保存" in page and "tracking-number" not in page
    assert len(_stored_files()) == before and LetterAttachment.objects.count() == 0


def test_staff_who_may_see_the_letter_download_it_audited(client, site, district, depts):
    lt = letter(organisation=depts.a.org, state="handling")
    item = _with_file(lt, name='证据 "1".jpg')
    url = reverse("interaction_admin_attachment", args=[lt.pk, item.key])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(depts.b.editor)  # another organisation
    refused = client.get(url)
    assert refused.status_code == 403 and "证据" not in refused.content.decode()
    assert not ModelLogEntry.objects.filter(action="interaction.letter.attachment_download").exists()
    for user in (depts.a.editor, district.supervisor):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=UTF-8''" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["Content-Security-Policy"].startswith("default-src 'none'")
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    entries = ModelLogEntry.objects.filter(action="interaction.letter.attachment_download")
    assert entries.count() == 2 and entries.first().data["file"] == '证据 "1".jpg'
    page = client.get(reverse("interaction_admin_letter", args=[lt.pk])).content.decode()
    assert url in page and "下载记入审计日志" in page
    other = letter(organisation=depts.a.org)
    assert client.get(reverse("interaction_admin_attachment", args=[other.pk, item.key])).status_code == 404


def test_the_writer_downloads_only_after_tracking_in_that_session(client, site, depts):
    lt = letter(query_code_hash=make_password("ABCD2345"), organisation=depts.a.org, state="handling")
    item = _with_file(lt, name="情况说明.pdf", content=PDF, content_type="application/pdf")
    url = reverse("interaction:attachment", args=[item.key])
    assert client.get(url).status_code == 404
    track = reverse("interaction:track")
    wrong = client.post(track, {"tracking_number": lt.tracking_number, "query_code": "WRONG123"})
    assert url not in wrong.content.decode() and client.get(url).status_code == 404
    right = client.post(track, {"tracking_number": lt.tracking_number, "query_code": "ABCD2345"})
    assert url in right.content.decode() and "情况说明.pdf" in right.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert Client().get(url).status_code == 404  # another browser
    client.force_login(depts.b.editor)  # a staff login of its own does not open it either
    assert Client().get(url).status_code == 404
    other = letter(query_code_hash=make_password("ABCD2345"))
    theirs = _with_file(other, name="x.jpg")
    assert client.get(reverse("interaction:attachment", args=[theirs.key])).status_code == 404


def test_nginx_sends_the_bytes_when_configured(client, site, depts, settings):
    from wagtail.utils import sendfile as wagtail_sendfile

    settings.SENDFILE_BACKEND = "portal.core.sendfile"
    wagtail_sendfile._get_sendfile.clear()
    try:
        lt = letter(organisation=depts.a.org, state="handling")
        item = _with_file(lt)
        client.force_login(depts.a.editor)
        response = client.get(reverse("interaction_admin_attachment", args=[lt.pk, item.key]))
        assert response["X-Accel-Redirect"].startswith("/protected-media/interaction/letters/")
        assert (
            response["Content-Disposition"].startswith("attachment;")
            and "no-store" in response["Cache-Control"]
        )
    finally:
        wagtail_sendfile._get_sendfile.clear()


def test_attachments_never_show_on_the_published_reply(client, site, depts):
    lt = letter(
        organisation=depts.a.org, state="sent", published=True, reply="已安排清运。", replied_by=depts.a.org
    )
    from django.utils import timezone

    Letter.objects.filter(pk=lt.pk).update(replied_at=timezone.now(), accepted_at=timezone.now())
    item = _with_file(lt, name="现场照片.jpg")
    page = client.get(reverse("interaction:reply", args=[lt.tracking_number])).content.decode()
    assert lt.title in page and "现场照片" not in page and str(item.key) not in page


def test_deleting_a_letter_deletes_its_files(site, django_capture_on_commit_callbacks):
    lt = letter()
    item = _with_file(lt)
    path = Path(item.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        lt.delete()
    assert not path.exists() and LetterAttachment.objects.count() == 0


def test_a_storage_without_local_paths_streams_the_file(client, site, depts, monkeypatch):
    from django.db.models.fields.files import FieldFile

    def no_path(self):
        raise NotImplementedError

    lt = letter(organisation=depts.a.org, state="handling")
    item = _with_file(lt, name="表格.pdf", content=PDF, content_type="application/pdf")
    monkeypatch.setattr(FieldFile, "path", property(no_path))
    client.force_login(depts.a.editor)
    response = client.get(reverse("interaction_admin_attachment", args=[lt.pk, item.key]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        response["Content-Disposition"].startswith("attachment;") and "no-store" in response["Cache-Control"]
    )


def test_a_refused_submission_keeps_no_file(client, site, settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "1/m", "default:account": "1/m"}
    assert _post(client, [upload("a.pdf", PDF)]).status_code == 200
    before = len(_stored_files())
    refused = _post(client, [upload("b.pdf", PDF)])
    assert refused.status_code == 429 and len(_stored_files()) == before
    assert LetterAttachment.objects.count() == 1


def test_a_palette_png_keeps_its_transparency():
    image = Image.new("P", (8, 8), 0)
    image.info["transparency"] = 0
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    with Image.open(io.BytesIO(attachments.reencode(out.getvalue(), "PNG", "t.png"))) as result:
        assert result.mode == "RGBA" and result.getpixel((0, 0))[3] == 0


def test_cmyk_and_16_bit_images_are_converted():
    out = io.BytesIO()
    Image.new("CMYK", (8, 8), (0, 50, 50, 0)).save(out, "JPEG")
    with Image.open(io.BytesIO(attachments.reencode(out.getvalue(), "JPEG", "c.jpg"))) as result:
        assert result.mode == "RGB"
    out = io.BytesIO()
    Image.new("I;16", (8, 8), 1000).save(out, "PNG")
    with Image.open(io.BytesIO(attachments.reencode(out.getvalue(), "PNG", "i.png"))) as result:
        assert result.format == "PNG"
