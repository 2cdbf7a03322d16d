"""Spreadsheet exports (CSV and XLSX) that every app uses, safe to open in Excel and WPS.

Cells are neutralised against formula injection (a value starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return, also after leading spaces, is prefixed with an apostrophe, as OWASP
recommends) and control characters that XLSX cannot hold (NUL and friends) and lone surrogates
are removed. Sheet names lose the characters Excel forbids in them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A value fit for a spreadsheet cell: numbers and dates as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    text = _CONTROL.sub("", str(value))
    if text.lstrip(" \n").startswith(_FORMULA_START):
        text = "'" + text
    return text


def sheet_title(title: str) -> str:
    """A name Excel accepts for a sheet: no ``[]:*?/\\'``, no control characters, ≤ 31 characters."""
    return _SHEET_FORBIDDEN.sub("", _CONTROL.sub("", str(title or ""))).strip()[:31] or "Sheet1"


def _rows(rows: Iterable[Sequence]) -> Iterable[list]:
    for row in rows:
        yield [safe_cell(v) for v in row]


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(c) for c in columns])
    for row in _rows(rows):
        writer.writerow([v.isoformat() if isinstance(v, date) else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8


def xlsx_bytes(
    columns: Sequence[str], rows: Iterable[Sequence], title: str = "Sheet1", widths: Sequence[int] = ()
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title(title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([safe_cell(c) for c in columns])
    for row in _rows(rows):
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


#: Generated downloads the portal serves (tables, and letters and reports as DOCX or PDF).
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_TYPE,
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    content_type = CONTENT_TYPES.get(fmt, XLSX_TYPE)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def export_response(
    fmt: str, filename: str, columns: Sequence[str], rows: Iterable[Sequence], title: str = "", widths=()
) -> HttpResponse:
    """A CSV or XLSX download of ``rows`` named ``filename-<timestamp>``."""
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    if fmt == "csv":
        return download(csv_bytes(columns, rows), f"{filename}-{stamp}", "csv")
    return download(xlsx_bytes(columns, rows, title or filename, widths), f"{filename}-{stamp}", "xlsx")
