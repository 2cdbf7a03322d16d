"""Generated documents of disclosure (告知书, 年度报告) as DOCX (python-docx) and PDF (reportlab).

A document is a title, then blocks: ``("h", text)`` headings, ``("p", text)`` paragraphs,
``("right", text)`` right-aligned lines (signature, date) and ``("table", rows)`` tables whose
first row is the header. The PDF uses reportlab's built-in CID font STSong-Light, so Chinese
text needs no font file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

Block = tuple[str, object]

_FONT = "STSong-Light"


def to_docx(title: str, blocks: Sequence[Block]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    for kind, content in blocks:
        if kind == "h":
            para = document.add_paragraph()
            para.add_run(str(content)).bold = True
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind == "right":
            para = document.add_paragraph(str(content))
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "table":
            rows = [list(map(str, r)) for r in content]  # type: ignore[union-attr]
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, value in enumerate(row):
                    table.cell(i, j).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(title: str, blocks: Sequence[Block]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus.tables import LongTable

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    body = ParagraphStyle("body", fontName=_FONT, fontSize=11, leading=18, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11)
    strong = ParagraphStyle("h", parent=body, fontSize=12, leading=20, spaceBefore=6)
    right = ParagraphStyle("r", parent=body, alignment=TA_RIGHT)
    head = ParagraphStyle("t", parent=body, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=10)

    def esc(text) -> str:
        return (
            str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
        )

    story = [Paragraph(esc(title), head)]
    for kind, content in blocks:
        if kind == "h":
            story.append(Paragraph(esc(content), strong))
        elif kind == "p":
            story.append(Paragraph(esc(content), body))
        elif kind == "right":
            story.append(Paragraph(esc(content), right))
        elif kind == "table":
            rows = [[Paragraph(esc(v), small) for v in r] for r in content]  # type: ignore[union-attr]
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            first = 60 * mm if width > 3 else 80 * mm
            others = (170 * mm - first) / max(width - 1, 1)
            table = (LongTable if len(rows) > 30 else Table)(
                rows, colWidths=[first] + [others] * (width - 1), repeatRows=1
            )
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ]
                )
            )
            story += [Spacer(1, 4), table, Spacer(1, 6)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title, leftMargin=20 * mm, rightMargin=20 * mm).build(story)
    return out.getvalue()


def render(fmt: str, title: str, blocks: Sequence[Block]) -> bytes:
    if fmt == "docx":
        return to_docx(title, blocks)
    if fmt == "pdf":
        return to_pdf(title, blocks)
    raise ValueError(fmt)
