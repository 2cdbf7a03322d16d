"""XLSX import and export of the standard disclosure catalogue (openpyxl, through core.exports).

The sheet has one row per entry under a header row of the standard's field names
(:data:`HEADERS`). An import validates every row first and reports each problem with its row
and column; when any row is invalid nothing is applied. Rows are matched to existing entries by
(机构代码, 一级事项, 二级事项): a match is updated, anything else created; entries not in the
file are left alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext

from portal.core import audit
from portal.core.exports import xlsx_bytes
from portal.core.models import Organisation
from portal.pages.models import ColumnPage

from .catalogue import CHANNELS, CatalogueEntry

HEADERS = [
    "机构代码",
    "公开主体",
    "公开层级",
    "试点领域",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "时限（工作日）",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "触发事件日期",
    "发布栏目",
]
WIDTHS = (20, 24, 8, 14, 18, 24, 40, 40, 24, 8, 36, 10, 8, 12, 36)
REQUIRED = [
    "机构代码",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开层级",
    "公开对象",
    "公开方式",
]
SEPARATORS = ("、", ",", "，", ";", "；", "\n")
MAX_ROWS = 5000
IMPORT_ACTION = "disclosure.catalogue.import"


def _split(text: str) -> list[str]:
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def column_path(column: ColumnPage) -> str:
    """A column as the sheet names it: its path below the site's home page, e.g. ``zwgk/gkzn/``."""
    parts = column.url_path.strip("/").split("/")[1:]
    return "/".join(parts) + "/"


def export_rows(entries=None) -> list[list]:
    entries = entries if entries is not None else CatalogueEntry.objects.all()
    rows = []
    for e in entries.select_related("organisation").prefetch_related("columns"):
        rows.append(
            [
                e.organisation.code,
                e.organisation.name,
                e.get_level_display(),
                e.domain,
                e.item_level1,
                e.item_level2,
                e.content,
                e.basis,
                e.time_limit,
                e.time_limit_days,
                e.channel_text,
                e.get_audience_display(),
                e.get_mode_display(),
                e.event_on,
                "、".join(column_path(c) for c in e.columns.all()),
            ]
        )
    return rows


def export_xlsx(entries=None) -> bytes:
    return xlsx_bytes(HEADERS, export_rows(entries), title="公开事项标准目录", widths=WIDTHS)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return gettext("第 %(row)s 行“%(column)s”：%(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    rows: int = 0

    @property
    def applied(self) -> bool:
        return not self.errors and self.rows > 0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text[1:] if text.startswith("'") else text  # the export's guard against formulas


def _choice(label: str, choices) -> str | None:
    for value, text in choices:
        if label in (str(text), value):
            return value
    return None


def _columns_by_path() -> dict[str, ColumnPage]:
    return {column_path(c): c for c in ColumnPage.objects.filter(locale__language_code="zh-hans")}


def _parse_row(number: int, cells: dict, orgs: dict, columns: dict, errors: list) -> dict | None:
    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    before = len(errors)
    for name in REQUIRED:
        if not cells.get(name):
            error(name, gettext("必填，不能为空。"))
    org = orgs.get(cells.get("机构代码", ""))
    if cells.get("机构代码") and org is None:
        error("机构代码", gettext("没有机构代码为“%(code)s”的机构。") % {"code": cells["机构代码"]})
    values = {
        "domain": cells.get("试点领域", ""),
        "item_level1": cells.get("一级事项", ""),
        "item_level2": cells.get("二级事项", ""),
        "content": cells.get("公开内容（要素）", ""),
        "basis": cells.get("公开依据", ""),
        "time_limit": cells.get("公开时限", "") or "信息形成或者变更之日起20个工作日内",
    }
    for name, key, limit in (
        ("一级事项", "item_level1", 100),
        ("二级事项", "item_level2", 150),
        ("试点领域", "domain", 60),
    ):
        if len(values[key]) > limit:
            error(name, gettext("不能超过 %(n)s 个字。") % {"n": limit})
    if not values["domain"]:
        values["domain"] = values["item_level1"]
    for name, key, choices in (
        ("公开层级", "level", CatalogueEntry.Level.choices),
        ("公开对象", "audience", CatalogueEntry.Audience.choices),
        ("公开方式", "mode", CatalogueEntry.Mode.choices),
    ):
        if cells.get(name):
            value = _choice(cells[name], choices)
            if value is None:
                allowed = "、".join(str(label) for _v, label in choices)
                error(name, gettext("只能填写：%(allowed)s。") % {"allowed": allowed})
            values[key] = value
    days = cells.get("时限（工作日）", "")
    try:
        values["time_limit_days"] = int(float(days)) if days else 20
        if not 1 <= values["time_limit_days"] <= 366:
            raise ValueError
    except ValueError:
        error("时限（工作日）", gettext("应为 1 至 366 之间的整数。"))
    channels = _split(cells.get("公开渠道和载体", ""))
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        error("公开渠道和载体", gettext("未知的公开渠道：%(names)s。") % {"names": "、".join(unknown)})
    values["channels"] = channels
    event = cells.get("触发事件日期", "")
    values["event_on"] = None
    if event:
        try:
            values["event_on"] = date.fromisoformat(event[:10])
        except ValueError:
            error("触发事件日期", gettext("日期格式应为 YYYY-MM-DD。"))
    linked = []
    for path in _split(cells.get("发布栏目", "")):
        key = path.strip("/") + "/"
        if key not in columns:
            error("发布栏目", gettext("没有路径为“%(path)s”的栏目。") % {"path": path})
        else:
            linked.append(columns[key])
    if (
        org is not None
        and values.get("level") == CatalogueEntry.Level.STREET
        and org.kind
        not in (
            Organisation.Kind.STREET,
            Organisation.Kind.COMMUNITY,
        )
    ):
        error("公开层级", gettext("街道级事项的公开主体应为街道或社区。"))
    if len(errors) > before:
        return None
    return {"organisation": org, "values": values, "columns": linked}


def import_xlsx(content: bytes, user=None) -> ImportResult:
    """Validate every row; apply all of them in one transaction only if none is invalid."""
    from openpyxl import load_workbook

    result = ImportResult()
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        result.errors.append(RowError(0, gettext("文件"), gettext("不是有效的 XLSX 文件。")))
        return result
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        result.errors.append(RowError(1, "、".join(missing), gettext("表头缺少这些列。")))
        return result
    orgs = {o.code: o for o in Organisation.objects.all()}
    columns = _columns_by_path()
    parsed, seen = [], {}
    for number, row in enumerate(rows, start=2):
        cells = {h: _text(v) for h, v in zip(header, row, strict=False) if h}
        if not any(cells.values()):
            continue
        result.rows += 1
        if result.rows > MAX_ROWS:
            result.errors.append(
                RowError(number, gettext("文件"), gettext("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS})
            )
            break
        item = _parse_row(number, cells, orgs, columns, result.errors)
        if item is None:
            continue
        key = (item["organisation"].pk, item["values"]["item_level1"], item["values"]["item_level2"])
        if key in seen:
            result.errors.append(
                RowError(number, "二级事项", gettext("与第 %(row)s 行是同一事项。") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        parsed.append(item)
    book.close()
    if result.errors or not parsed:
        return result
    with transaction.atomic():
        for item in parsed:
            values = item["values"]
            entry, created = CatalogueEntry.objects.update_or_create(
                organisation=item["organisation"],
                item_level1=values["item_level1"],
                item_level2=values["item_level2"],
                defaults={k: v for k, v in values.items() if k not in ("item_level1", "item_level2")},
            )
            entry.columns.set(item["columns"])
            entry.save()
            audit.log(entry, IMPORT_ACTION, user=user, data={"created": created})
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result
