"""Attachments of letters (来信附件): limits, the content check, re-encoded images, private storage
and the only two ways a file goes out again.

- **Limits.** A channel allows ``Channel.max_attachments`` files (0: none); 设置 › 互动交流设置 sets
  the size of one file and of all files together. The types are ``PORTAL_LETTER_ATTACHMENT_TYPES``
  (JPG, PNG, PDF, DOCX, XLSX by default), each also on ``PORTAL_ALLOWED_FILE_TYPES``.
- **Content, not the name.** :func:`portal.core.files.check_file` decides on the first bytes, so
  an HTML page, a script or a PDF called ``x.jpg`` is refused with the file named in the error.
- **Images are re-encoded** with Pillow (orientation applied, then saved without EXIF, GPS,
  comments or trailing bytes), which also breaks image/HTML or image/ZIP polyglots.
- **Private storage.** Files are stored under ``interaction/letters/`` of the default storage with a
  random name; ``/media/`` serves image renditions only, so no URL reaches them. The reader's file
  name is kept on the row.
- **Who gets a file**: staff who may see the letter (:func:`portal.interaction.access.may_see`;
  each download is in the audit trail) and the writer, in the browser session in which the letter
  was tracked with its number and query code. Always a download (``attachment``), ``nosniff``,
  ``default-src 'none'``, ``private, no-store``.
"""

from __future__ import annotations

import io
import os
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from portal.core import files

DEFAULT_TYPES = ("jpg", "jpeg", "png", "pdf", "docx", "xlsx")
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
MAX_PIXELS = 40_000_000
FOLDER = "interaction/letters"
SESSION_KEY = "interaction.tracked_letters"
SESSION_MAX = 10
MB = 1024 * 1024


def allowed_types() -> list[str]:
    """The extensions a letter's attachment may have."""
    types = getattr(settings, "PORTAL_LETTER_ATTACHMENT_TYPES", DEFAULT_TYPES)
    return [t for t in types if t in files.allowed_extensions() and t in CONTENT_TYPES]


def types_text() -> str:
    return "、".join(dict.fromkeys(("JPG" if t == "jpeg" else t.upper()) for t in allowed_types()))


def size_limits() -> tuple[int, int]:
    """(one file, all files) in bytes, from 设置 › 互动交流设置."""
    from .models import InteractionSettings

    config = InteractionSettings.load()
    return config.attachment_max_mb * MB, config.attachment_total_mb * MB


def display_name(name: str) -> str:
    """The reader's file name as shown and sent back: no folders, no control characters, bounded."""
    base = os.path.basename(str(name or "").replace("\\", "/"))
    base = re.sub(r"[\x00-\x1f\x7f\"]+", "", base).strip() or "file"
    stem, ext = os.path.splitext(base)
    return stem[: 100 - len(ext)] + ext


@dataclass
class Prepared:
    """A checked (and, for an image, re-encoded) attachment, not stored yet."""

    name: str
    ext: str
    content: bytes
    content_type: str
    stored_as: str = ""


def reencode(data: bytes, fmt: str, name: str) -> bytes:
    """The image decoded and saved again with nothing but its pixels (orientation applied)."""
    unreadable = ValidationError(
        _("图片“%(name)s”无法识别或已损坏，请换一张图片。") % {"name": name}, code="image"
    )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("图片“%(name)s”的尺寸过大，请缩小后再上传。") % {"name": name}, code="image_size"
                )
            image.load()
            clean = ImageOps.exif_transpose(image)
            if clean.mode == "P" and "transparency" in clean.info:
                clean = clean.convert("RGBA")  # keep transparency, which lives in the metadata
            if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            elif fmt == "PNG" and clean.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                clean = clean.convert("RGBA")
            clean.info = {}
            out = io.BytesIO()
            options = {"quality": 88, "optimize": True} if fmt == "JPEG" else {"optimize": True}
            clean.save(out, fmt, **options)
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise unreadable from None
    return out.getvalue()


def prepare(upload) -> Prepared:
    """Check one uploaded file on its content and re-encode an image; ``ValidationError`` in
    Chinese, naming the file, when it is refused."""
    name = display_name(upload.name)
    ext = files.extension(name)
    if ext not in allowed_types():
        raise ValidationError(
            _("附件“%(name)s”的类型不在允许范围内。允许的类型：%(types)s。")
            % {"name": name, "types": types_text()},
            code="file_type",
        )
    files.check_file(name, upload)  # the first bytes decide, not the name or the browser's type
    upload.seek(0)
    content = upload.read()
    if ext in IMAGE_FORMATS:
        content = reencode(content, IMAGE_FORMATS[ext], name)
    return Prepared(name=name, ext=ext, content=content, content_type=CONTENT_TYPES[ext])


def check_all(uploads, max_files: int) -> list[Prepared]:
    """Every upload of one letter checked against the channel's count and the size limits; all
    problems raised together."""
    if len(uploads) > max_files:
        raise ValidationError(
            _("最多可上传 %(count)d 个附件，您选择了 %(chosen)d 个。")
            % {"count": max_files, "chosen": len(uploads)},
            code="too_many",
        )
    per_file, total = size_limits()
    errors, prepared = [], []
    for upload in uploads:
        if upload.size > per_file:
            errors.append(
                ValidationError(
                    _("附件“%(name)s”超过 %(mb)d MB，请压缩后再上传。")
                    % {"name": display_name(upload.name), "mb": per_file // MB},
                    code="file_size",
                )
            )
            continue
        try:
            prepared.append(prepare(upload))
        except ValidationError as error:
            errors.extend(error.error_list)
    if not errors and sum(upload.size for upload in uploads) > total:
        errors.append(
            ValidationError(
                _("附件合计超过 %(mb)d MB，请减少或压缩后再上传。") % {"mb": total // MB}, code="total_size"
            )
        )
    if errors:
        raise ValidationError(errors)
    return prepared


# -- storing -----------------------------------------------------------------------------------


def store(prepared: list[Prepared]) -> list[Prepared]:
    """Write the files (before the letter's transaction, so a retried save never writes twice);
    :func:`discard` removes them again if the letter is not stored."""
    for item in prepared:
        path = f"{FOLDER}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{item.ext}"
        item.stored_as = default_storage.save(path, ContentFile(item.content))
    return prepared


def discard(prepared: list[Prepared]) -> None:
    for item in prepared:
        if item.stored_as:
            default_storage.delete(item.stored_as)
            item.stored_as = ""


def attach(letter, prepared: list[Prepared]) -> None:
    """The rows of stored files (inside the letter's transaction)."""
    from .models import LetterAttachment

    LetterAttachment.objects.bulk_create(
        LetterAttachment(
            letter=letter,
            file=item.stored_as,
            name=item.name,
            content_type=item.content_type,
            size=len(item.content),
        )
        for item in prepared
    )


# -- the writer's session ----------------------------------------------------------------------


def remember_writer(request, letter) -> None:
    """The letter was tracked with its number and query code in this session: its files open."""
    tracked = [pk for pk in request.session.get(SESSION_KEY, []) if pk != letter.pk]
    request.session[SESSION_KEY] = [letter.pk, *tracked][:SESSION_MAX]


def writer_may_download(request, attachment) -> bool:
    return attachment.letter_id in request.session.get(SESSION_KEY, [])


# -- serving -----------------------------------------------------------------------------------


def response(request, attachment) -> HttpResponse:
    """The file as a download that no cache keeps and no browser runs."""
    try:
        local_path = attachment.file.path
    except NotImplementedError:  # a storage without local files (S3)
        local_path = None
    if local_path is not None:
        backend = None if getattr(settings, "SENDFILE_BACKEND", None) else sendfile_streaming_backend.sendfile
        result = sendfile(
            request,
            local_path,
            attachment=True,
            attachment_filename=attachment.name,
            mimetype=attachment.content_type,
            backend=backend,
        )
    else:
        result = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )
    result["X-Content-Type-Options"] = "nosniff"
    result["Content-Security-Policy"] = "default-src 'none'; sandbox"
    result.headers.pop("Last-Modified", None)
    patch_cache_control(result, private=True, no_store=True)
    return result
