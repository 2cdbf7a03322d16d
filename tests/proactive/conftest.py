"""Datasets (户籍, 残联, claims of 高龄津贴) and a benefit, built the way the admin would."""

from __future__ import annotations

import pytest

from portal.proactive.models import Attribute, Benefit, Dataset

from .helpers import id_number

HUJI_HEADER = "身份证号,姓名,出生日期,户籍在本区,街道,社区,电话\n"


def dataset(key="huji", name="户籍人口", subject=Dataset.Subject.PERSON, attrs=None, **fields) -> Dataset:
    ds = Dataset.objects.create(key=key, name=name, subject=subject, **fields)
    for i, (akey, label, kind, extra) in enumerate(attrs or []):
        Attribute.objects.create(dataset=ds, sort_order=i, key=akey, label=label, type=kind, **extra)
    return ds


@pytest.fixture
def huji(db):
    return dataset(
        attrs=[
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("name", "姓名", "text", {"role": "name"}),
            ("birth_date", "出生日期", "date", {"required": True}),
            ("local", "户籍在本区", "boolean", {"required": True}),
            ("street", "街道", "text", {"role": "street"}),
            ("community", "社区", "text", {"role": "community"}),
            ("phone", "电话", "text", {"personal": True}),
        ]
    )


@pytest.fixture
def canlian(db):
    return dataset(
        key="canlian",
        name="残联",
        attrs=[
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("grade", "残疾等级", "code", {"required": True, "codes": "1=一级\n2=二级\n3=三级\n4=四级"}),
            ("income", "月收入", "decimal", {}),
            ("members", "家庭人口", "integer", {}),
        ],
    )


@pytest.fixture
def claims(db):
    return dataset(
        key="claims",
        name="待遇发放",
        attrs=[
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("benefit", "待遇", "code", {"required": True, "codes": "gaoling=高龄津贴\nother=其他"}),
        ],
    )


def huji_csv(rows) -> bytes:
    lines = [HUJI_HEADER] + [",".join(str(v) for v in row) + "\n" for row in rows]
    return "".join(lines).encode("utf-8-sig")


PEOPLE = [
    # (born, local, street, community)
    ("19460301", "是", "东街道", "一社区"),  # 80 on 1 March 2026 exactly
    ("19460302", "是", "东街道", "一社区"),  # one day short
    ("19440229", "是", "西街道", "二社区"),  # leap-day birthday, 82
    ("19400101", "否", "西街道", "二社区"),  # not local
    ("19450615", "是", "西街道", "三社区"),  # 80, already receiving
    ("19500101", "是", "东街道", "一社区"),  # 76
]


def people_rows():
    return [
        (id_number(b, i), f"张{i}明", f"{b[:4]}-{b[4:6]}-{b[6:]}", local, s, c, f"1380000{i:04d}")
        for i, (b, local, s, c) in enumerate(PEOPLE, 1)
    ]


@pytest.fixture
def benefit(huji, claims):
    return Benefit.objects.create(
        code="gaoling",
        name="高龄津贴",
        population=huji,
        claims=claims,
        rule={
            "op": "and",
            "args": [
                {
                    "op": "cmp",
                    "cmp": ">=",
                    "left": {
                        "fn": "age_on",
                        "args": [{"attr": "huji.birth_date"}, {"ref": "first_of_month"}],
                    },
                    "right": {"const": 80},
                },
                {"op": "cmp", "cmp": "=", "left": {"attr": "huji.local"}, "right": {"const": True}},
            ],
        },
    )
