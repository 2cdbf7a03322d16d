"""Uploaded files: which types are accepted, checked on the content, and how they are named on disk.

Every way a file enters the portal (the admin's document upload, the office-system intake) calls
:func:`check_upload`. The name only chooses the expected type; the first bytes must then be that
type (sniffed with ``filetype``, plus the OLE and ZIP containers and a plain-text test for
``txt``/``csv``). A file whose name or content is an active type (HTML, SVG, XML, JavaScript) is
refused whatever it is called. Stored names are ASCII, markup-free and bounded
(:class:`SafeNameStorage`); the reader's own file name lives on in the document title.
"""

from __future__ import annotations

import os
import re

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

SNIFF_BYTES = 8192
MAX_NAME_LENGTH = 80
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ZIP_FAMILY = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"}
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<object", b"<embed")

# What the content of a file with each extension may be sniffed as.
ACCEPTED_CONTENT: dict[str, set[str]] = {
    "pdf": {"pdf"},
    "doc": {"doc", "ole"},
    "wps": {"doc", "ole"},
    "xls": {"xls", "ole"},
    "et": {"xls", "ole"},
    "ppt": {"ppt", "ole"},
    "dps": {"ppt", "ole"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
    "odp": {"odp", "zip"},
    "ofd": {"zip"},
    "zip": _ZIP_FAMILY,
    "txt": {"text"},
    "csv": {"text"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png", "apng"},
    "gif": {"gif"},
    "webp": {"webp"},
    "mp4": {"mp4"},
    "webm": {"webm"},
    "vtt": {"text"},
}


def allowed_extensions() -> list[str]:
    """The extensions accepted for documents and attachments (``PORTAL_ALLOWED_FILE_TYPES``)."""
    return [e for e in settings.PORTAL_ALLOWED_FILE_TYPES if e in ACCEPTED_CONTENT]


def extension(name: str) -> str:
    return os.path.splitext(str(name or ""))[1].lstrip(".").lower()


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):  # the sample may end inside a multi-byte character
            try:
                text = head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)
    return False


def _is_markup(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(b"<") or any(marker in head[:SNIFF_BYTES].lower() for marker in _MARKUP)


def sniff(head: bytes) -> str | None:
    """What the first bytes of a file are: a ``filetype`` extension, ``ole``, ``zip``, ``text``,
    ``markup`` or ``None``."""
    kind = filetype.guess_extension(head) if head else None
    if kind:
        return kind
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(_ZIP):
        return "zip"
    if _is_markup(head):
        return "markup"
    if _is_text(head):
        return "text"
    return None


def check_upload(name: str, head: bytes) -> None:
    """Raise ``ValidationError`` (in Chinese, naming the file) unless ``head`` — the first bytes of
    a file called ``name`` — is an allowed type that matches its extension."""
    ext = extension(name)
    allowed = allowed_extensions()
    if ext not in allowed:
        raise ValidationError(
            _("文件“%(name)s”的类型不在允许范围内。允许的类型：%(types)s。")
            % {"name": name, "types": "、".join(e.upper() for e in allowed)},
            code="file_type",
        )
    if not head:
        raise ValidationError(_("文件“%(name)s”是空文件。") % {"name": name}, code="file_empty")
    kind = sniff(head[:SNIFF_BYTES])
    if kind not in ACCEPTED_CONTENT[ext]:
        raise ValidationError(
            _("文件“%(name)s”的内容不是 %(type)s 文件（与扩展名不符），已拒绝。")
            % {"name": name, "type": ext.upper()},
            code="file_content",
        )


def check_file(name: str, file) -> None:
    """:func:`check_upload` on an open file, which is left at its start."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(position)
    check_upload(name, head)


def safe_filename(name: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """An ASCII file name of letters, digits, ``.``, ``-`` and ``_``, at most ``max_length`` long,
    keeping the (lower-cased) extension: ``<script>通知.PDF`` → ``script-TongZhi.pdf``."""
    from wagtail.coreutils import string_to_ascii

    base = os.path.basename(str(name or "").replace("\\", "/"))
    stem, ext = os.path.splitext(base)
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())[:10]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", string_to_ascii(stem))
    stem = re.sub(r"-{2,}", "-", stem).strip(".-_")
    room = max_length - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(".-_") or "file"
    return f"{stem}.{ext}" if ext else stem


class SafeNameStorage(FileSystemStorage):
    """The file system storage with :func:`safe_filename` names (no markup, no spaces, bounded)."""

    def get_valid_name(self, name):
        return safe_filename(name)

    def generate_filename(self, filename):
        """Every folder of the path made safe too: a name with ``/`` in it (``</script>``) or ``..``
        never creates or climbs out of a folder of markup."""
        *folders, name = str(filename).replace("\\", "/").split("/")
        safe = [re.sub(r"[^A-Za-z0-9_-]+", "-", f).strip("-") for f in folders if f.strip(". ")]
        return "/".join([f for f in safe if f] + [self.get_valid_name(name)])
