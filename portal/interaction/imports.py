"""Import of messages from external platforms (a provincial 12345, a people's message board)
from their CSV or XLSX exports, into the same handling flow as letters written on the portal.

The first row names the columns; the names below are recognised (others are ignored). A row is
imported once per platform: a second import of the same export (or of a later export that
repeats rows) skips every external id it already holds, so imports can be repeated safely.
Imported letters start as 待甄别 with their original time of writing; the writer has no query
code on the portal (they follow their letter on the platform they used).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.submissions import _tracking_number

from .models import Channel, Letter

HEADERS = {
    "external_id": ("外部编号", "编号", "留言编号", "工单编号", "id"),
    "title": ("标题", "留言标题", "主题"),
    "body": ("内容", "留言内容", "诉求内容"),
    "name": ("姓名", "留言人", "来电人"),
    "phone": ("电话", "联系电话", "手机"),
    "submitted_at": ("时间", "留言时间", "来电时间", "提交时间"),
    "channel": ("渠道", "类别"),
}
REQUIRED = ("external_id", "title", "body")


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def _read_rows(content: bytes, filename: str) -> list[list]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    text = content.decode("utf-8-sig", errors="replace")
    return list(csv.reader(io.StringIO(text)))


def _columns(header: list) -> dict[str, int]:
    names = [str(h or "").strip().lower() for h in header]
    found = {}
    for key, aliases in HEADERS.items():
        for alias in aliases:
            if alias.lower() in names:
                found[key] = names.index(alias.lower())
                break
    return found


def _moment(value) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, datetime.min.time())
    else:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text.replace("/", "-"))
        except ValueError:
            return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def import_letters(content: bytes, filename: str, source: str, default_channel: Channel) -> ImportResult:
    """Import the rows of an export; existing external ids are skipped, bad rows reported."""
    result = ImportResult()
    rows = _read_rows(content, filename)
    if not rows:
        result.errors.append(_("文件为空。"))
        return result
    columns = _columns(rows[0])
    missing = [HEADERS[key][0] for key in REQUIRED if key not in columns]
    if missing:
        result.errors.append(_("缺少必需的列：%s") % "、".join(missing))
        return result
    channels = {c.name: c for c in Channel.objects.all()}

    def cell(row, key) -> str:
        index = columns.get(key)
        value = row[index] if index is not None and index < len(row) else None
        return "" if value is None else str(value).strip()

    for number, row in enumerate(rows[1:], start=2):
        if not any(str(v or "").strip() for v in row):
            continue
        external_id = cell(row, "external_id")[:64]
        title, body = cell(row, "title")[:100], cell(row, "body")
        if not (external_id and title and body):
            result.errors.append(_("第 %(row)d 行：编号、标题和内容不能为空。") % {"row": number})
            continue
        if Letter.objects.filter(external_source=source, external_id=external_id).exists():
            result.skipped += 1
            continue
        index = columns.get("submitted_at")
        raw_time = row[index] if index is not None and index < len(row) else None
        submitted_at = _moment(raw_time) or timezone.now()
        with transaction.atomic():
            Letter.objects.create(
                tracking_number=_tracking_number(Letter.TRACKING_PREFIX),
                query_code_hash=make_password(None),  # no code: followed on the platform of origin
                channel=channels.get(cell(row, "channel"), default_channel),
                title=title,
                body=body,
                name=cell(row, "name")[:50],
                phone=cell(row, "phone")[:30],
                submitted_at=submitted_at,
                external_source=source,
                external_id=external_id,
            )
        result.created += 1
    return result
