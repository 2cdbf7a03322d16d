"""Schemas and frames for the pure tests of the rule language and the matcher."""

from portal.proactive.rules import AttrSpec

SCHEMA = {
    "huji.birth_date": AttrSpec("huji.birth_date", "date", "户籍·出生日期"),
    "huji.local": AttrSpec("huji.local", "boolean", "户籍·户籍在本区"),
    "huji.street": AttrSpec("huji.street", "text", "户籍·街道"),
    "huji.community": AttrSpec("huji.community", "text", "户籍·社区"),
    "huji.income": AttrSpec("huji.income", "decimal", "户籍·月收入"),
    "huji.children": AttrSpec("huji.children", "integer", "户籍·子女数"),
    "canlian.grade": AttrSpec(
        "canlian.grade", "code", "残联·残疾等级", {"1": "一级", "2": "二级", "3": "三级", "4": "四级"}
    ),
}


def id_number(born: str, seq: int = 1, area: str = "110101") -> str:
    """A valid 18-digit resident ID number for a birth date written 19460301."""
    from stdnum.cn import ric

    body = f"{area}{born}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")
