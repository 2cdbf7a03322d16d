"""Import of a department's CSV or XLSX file into a new version of a dataset.

The first row names the columns by the attributes' 列名 (or 代号). Every row is checked against
the declared schema (required values, types, code lists, the ID number with python-stdnum, one
row per ID number); the report lists each problem with its row number (as the spreadsheet shows
it: the header is row 1), column and reason. If any row fails, nothing is stored. Otherwise the
new version replaces the current one in one transaction; the replaced version is kept as 上一版本
for comparison and any older one is deleted.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from portal.core import audit
from portal.core.personal_data import blind_index

from .models import Attribute, Dataset, DatasetVersion, Record

MAX_ERRORS = 200
TRUE = {"是", "true", "1", "y", "yes", "t", "真"}
FALSE = {"否", "false", "0", "n", "no", "f", "假"}


@dataclass
class RowError:
    row: int
    column: str
    problem: str

    def __str__(self) -> str:
        return _("第 %(row)d 行“%(column)s”：%(problem)s") % {
            "row": self.row,
            "column": self.column,
            "problem": self.problem,
        }


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    truncated: bool = False
    version: DatasetVersion | None = None
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and self.version is not None

    def add(self, row: int, column: str, problem: str) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.truncated = True
            return
        self.errors.append(RowError(row, column, problem))


def read_rows(content: bytes, filename: str) -> list[list]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    text = content.decode("utf-8-sig", errors="replace")
    return list(csv.reader(io.StringIO(text)))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_value(attr: Attribute, value, codes: dict):
    """The JSON-storable typed value, or raise ``ValueError`` with a Chinese reason."""
    kind = attr.type
    if isinstance(value, str):
        value = value.strip()
    if kind == "integer":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            return int(value)
        raise ValueError(_("“%(v)s”不是整数") % {"v": value})
    if kind == "decimal":
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(_("“%(v)s”不是数字") % {"v": value}) from None
        if not number.is_finite():
            raise ValueError(_("“%(v)s”不是数字") % {"v": value})
        return str(number)
    if kind == "date":
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        text = str(value).replace("/", "-").replace(".", "-")
        if re.fullmatch(r"\d{8}", text):
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(_("“%(v)s”不是有效日期（应为 2024-01-31）") % {"v": value}) from None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise ValueError(_("“%(v)s”应为“是”或“否”") % {"v": value})
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if kind == "code" and text not in codes:
        raise ValueError(
            _("“%(v)s”不在代码表中（可用：%(codes)s）") % {"v": text, "codes": "、".join(list(codes)[:12])}
        )
    return text


def check_id(subject: str, value) -> str:
    text = re.sub(r"\s+", "", str(value or "")).upper()
    try:
        if subject == Dataset.Subject.ENTERPRISE:
            return uscc.validate(text)
        return ric.validate(text)
    except stdnum_errors.InvalidLength:
        problem = _("位数不对")
    except stdnum_errors.InvalidChecksum:
        problem = _("校验位不对")
    except stdnum_errors.ValidationError:
        problem = _("格式或日期不对")
    label = _("统一社会信用代码") if subject == Dataset.Subject.ENTERPRISE else _("身份证号")
    raise ValueError(_("%(label)s无效（%(problem)s）") % {"label": label, "problem": problem})


def validate(dataset: Dataset, rows: list[list], report: ImportReport) -> list[dict]:
    """The typed rows, filling ``report.errors`` with every problem found."""
    attrs = list(dataset.attributes.all())
    id_attr = dataset.attribute_for(Attribute.Role.ID_NUMBER)
    if id_attr is None:
        report.add(1, "", _("数据集未声明“证件号码”属性，无法导入。"))
        return []
    if not rows:
        report.add(1, "", _("文件为空。"))
        return []
    header = [str(h or "").strip() for h in rows[0]]
    columns = {}
    for attr in attrs:
        for name in (attr.label, attr.key):
            if name in header:
                columns[attr.key] = header.index(name)
                break
        else:
            if attr.required:
                report.add(1, attr.label, _("缺少必填列"))
    codes = {a.key: a.code_map() for a in attrs}
    seen: dict[str, int] = {}
    out = []
    for number, raw in enumerate(rows[1:], start=2):
        if all(_blank(v) for v in raw):
            continue
        report.rows += 1
        values: dict = {}
        for attr in attrs:
            index = columns.get(attr.key)
            value = raw[index] if index is not None and index < len(raw) else None
            if _blank(value):
                if attr.required:
                    report.add(number, attr.label, _("必填项为空"))
                values[attr.key] = None
                continue
            try:
                values[attr.key] = (
                    check_id(dataset.subject, value)
                    if attr.role == Attribute.Role.ID_NUMBER
                    else parse_value(attr, value, codes[attr.key])
                )
            except ValueError as exc:
                report.add(number, attr.label, str(exc))
        identity = values.get(id_attr.key)
        if identity:
            if identity in seen:
                report.add(number, id_attr.label, _("与第 %(row)d 行重复") % {"row": seen[identity]})
            seen[identity] = number
        out.append({"row": number, "values": values})
    if not report.rows and not report.errors:
        report.add(2, "", _("文件中没有数据行。"))
    return out


def import_dataset(dataset: Dataset, content: bytes, filename: str, user=None) -> ImportReport:
    """Validate the file; store it as the new current version only if every row passed."""
    report = ImportReport()
    try:
        rows = read_rows(content, filename)
    except Exception:  # a damaged workbook: openpyxl raises many kinds
        report.add(1, "", _("无法读取文件，请确认是 CSV（UTF-8）或 XLSX 格式。"))
        return report
    typed = validate(dataset, rows, report)
    if report.errors:
        return report
    attrs = list(dataset.attributes.all())
    id_key = dataset.attribute_for(Attribute.Role.ID_NUMBER).key
    name_attr = dataset.attribute_for(Attribute.Role.NAME)
    records = []
    for item in typed:
        values = item["values"]
        personal = {a.key: values[a.key] for a in attrs if a.personal and values.get(a.key) is not None}
        records.append(
            Record(
                row_number=item["row"],
                person_key=blind_index(values[id_key]),
                id_number=values[id_key],
                name=(values.get(name_attr.key) or "") if name_attr else "",
                personal=json.dumps(personal, ensure_ascii=False) if personal else "",
                attributes={a.key: values[a.key] for a in attrs if a.in_frame},
            )
        )
    with transaction.atomic():
        Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
        previous = dataset.versions.filter(status=DatasetVersion.Status.CURRENT).first()
        dataset.versions.filter(status=DatasetVersion.Status.PREVIOUS).delete()
        number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        if previous:
            DatasetVersion.objects.filter(pk=previous.pk).update(status=DatasetVersion.Status.PREVIOUS)
        version = DatasetVersion.objects.create(
            dataset=dataset,
            number=number,
            status=DatasetVersion.Status.CURRENT,
            filename=filename[:200],
            imported_by=user if getattr(user, "pk", None) else None,
            row_count=len(records),
        )
        for record in records:
            record.version = version
        Record.objects.bulk_create(records, batch_size=2000)
        report.version = version
        if previous:
            report.added, report.removed, report.changed = compare(previous, version)
        audit.log(
            dataset,
            "proactive.dataset.import",
            user=user,
            data={"version": number, "rows": len(records), "file": filename[:200]},
        )
    return report


def compare(old: DatasetVersion, new: DatasetVersion) -> tuple[int, int, int]:
    """(people added, removed, with changed attributes) from ``old`` to ``new``."""
    before = dict(old.records.values_list("person_key", "attributes"))
    after = dict(new.records.values_list("person_key", "attributes"))
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    changed = sum(1 for key in after.keys() & before.keys() if after[key] != before[key])
    return added, removed, changed
