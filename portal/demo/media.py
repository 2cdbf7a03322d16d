"""Generated files for the demo: image files, attachment documents, video clips and captions.

Everything is drawn from a seed, so the same seed always gives the same bytes.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

# ------------------------------------------------------------------ images


def image_file(data: bytes, name: str) -> ImageFile:
    return ImageFile(io.BytesIO(data), name=name)


# ------------------------------------------------------------------ documents


def _pdf_text(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small valid PDF (one A4 page) using the standard Chinese font STSong-Light."""
    ops = ["BT", "/F1 18 Tf", "72 770 Td", f"{_pdf_text(title)} Tj", "/F1 11 Tf"]
    for line in lines:
        ops += ["0 -24 Td", f"{_pdf_text(line)} Tj"]
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def xlsx_bytes(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A minimal valid Word (OOXML) document: a bold title and plain paragraphs."""
    runs = [
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr>'
        f"<w:t>{escape(title)}</w:t></w:r></w:p>"
    ]
    runs += [f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs]
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "".join(runs)
        + "</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in [
            ("[Content_Types].xml", _DOCX_TYPES),
            ("_rels/.rels", _DOCX_RELS),
            ("word/document.xml", document),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            zf.writestr(info, text)
    return buf.getvalue()


def content_file(data: bytes, name: str) -> ContentFile:
    return ContentFile(data, name=name)


# ------------------------------------------------------------------ video

VIDEO_SIZE = (640, 360)
VIDEO_FPS = 12
FALLBACK_VIDEO = Path(__file__).with_name("data") / "video" / "clip.webm"


def _frames(scene: str, seed: str, count: int):
    """A slow zoom across the scene's drawing, ``count`` frames of raw RGB."""
    from .pictures import scene_image

    w, h = VIDEO_SIZE
    big = scene_image(scene, seed, (w * 5 // 4, h * 5 // 4))
    for i in range(count):
        t = i / max(count - 1, 1)
        zoom = 1.25 - 0.2 * t
        cw, ch = int(w * zoom), int(h * zoom)
        left = int((big.width - cw) * (0.2 + 0.6 * t))
        top = int((big.height - ch) * 0.5)
        yield big.crop((left, top, left + cw, top + ch)).resize(VIDEO_SIZE).tobytes()


def video_webm(scene: str, seed: str, seconds: float) -> bytes:
    """A WebM (VP8) clip of the scene, rendered with ffmpeg; without ffmpeg, the shipped clip."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return FALLBACK_VIDEO.read_bytes()
    w, h = VIDEO_SIZE
    frames = b"".join(_frames(scene, seed, max(1, round(seconds * VIDEO_FPS))))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "clip.webm"  # a file, not a pipe, so that the duration is written
        command = [
            ffmpeg, "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
            "-r", str(VIDEO_FPS), "-i", "-", "-c:v", "libvpx", "-b:v", "200k", "-threads", "1",
            "-deadline", "good", "-cpu-used", "5", "-auto-alt-ref", "0",
            "-fflags", "+bitexact", "-flags", "+bitexact", str(out),
        ]  # fmt: skip
        result = subprocess.run(command, input=frames, capture_output=True, check=False, timeout=120)
        if result.returncode != 0 or not out.exists():
            return FALLBACK_VIDEO.read_bytes()
        return out.read_bytes()


def _stamp(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def webvtt(captions: list[str], seconds_each: float) -> bytes:
    """A WebVTT caption track showing each caption in turn for ``seconds_each`` seconds."""
    cues = ["WEBVTT", ""]
    for i, text in enumerate(captions):
        cues += [str(i + 1), f"{_stamp(i * seconds_each)} --> {_stamp((i + 1) * seconds_each)}", text, ""]
    return "\n".join(cues).encode("utf-8")
