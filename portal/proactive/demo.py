"""The demo's 服务找人 data: a synthetic population spread over the demo streets and communities
(户籍, 残联, 民政, 市场监管 and the claims of benefits already paid), ten benefits with their rules,
a completed matching run and outreach for one benefit in every state. Every dataset goes through the import, as a department's file would.

Small by default (``RESIDENTS``, ``ENTERPRISES``, times ``seed_demo --scale``) so that seeding
the district stays quick; the benchmark (``bench/proactive``) measures the matcher at a million.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone
from stdnum.cn import ric

from portal.core.models import Organisation
from portal.demo.registry import register_seed

from . import rules, services
from .imports import import_dataset
from .models import Attribute, Benefit, Dataset, MatchRun

RESIDENTS = 2000
ENTERPRISES = 200
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅兰"

DATASETS = [
    (
        "huji",
        "户籍人口",
        "区公安分局",
        Dataset.Subject.PERSON,
        [
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("name", "姓名", "text", {"role": "name"}),
            ("birth_date", "出生日期", "date", {"required": True}),
            ("gender", "性别", "code", {"required": True, "codes": "1=男\n2=女"}),
            ("local", "户籍在本区", "boolean", {"required": True}),
            ("household", "户别", "code", {"codes": "1=家庭户\n2=集体户"}),
            ("street", "街道", "text", {"role": "street", "required": True}),
            ("community", "社区", "text", {"role": "community", "required": True}),
            ("phone", "联系电话", "text", {"personal": True}),
        ],
    ),
    (
        "canlian",
        "持证残疾人",
        "区残联",
        Dataset.Subject.PERSON,
        [
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("grade", "残疾等级", "code", {"required": True, "codes": "1=一级\n2=二级\n3=三级\n4=四级"}),
            ("kind", "残疾类别", "code", {"codes": "1=视力\n2=听力\n3=言语\n4=肢体\n5=智力\n6=精神\n7=多重"}),
        ],
    ),
    (
        "minzheng",
        "社会救助对象",
        "区民政局",
        Dataset.Subject.PERSON,
        [
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("dibao", "低保对象", "boolean", {"required": True}),
            ("tekun", "特困人员", "boolean", {"required": True}),
            ("income", "家庭人均月收入", "decimal", {}),
        ],
    ),
    (
        "daiyu",
        "待遇发放名册",
        "区民政局",
        Dataset.Subject.PERSON,
        [
            ("id_number", "身份证号", "text", {"required": True, "role": "id_number"}),
            ("benefit", "待遇", "code", {"required": True, "codes": ""}),
        ],
    ),
    (
        "qiye",
        "市场主体登记",
        "区市场监管局",
        Dataset.Subject.ENTERPRISE,
        [
            ("id_number", "统一社会信用代码", "text", {"required": True, "role": "id_number"}),
            ("name", "企业名称", "text", {"role": "name"}),
            ("size", "企业规模", "code", {"required": True, "codes": "1=大型\n2=中型\n3=小型\n4=微型"}),
            (
                "industry",
                "行业门类",
                "code",
                {"codes": "C=制造业\nF=批发和零售业\nI=信息技术服务业\nM=科学研究和技术服务业"},
            ),
            ("employees", "参保职工人数", "integer", {}),
            ("registered", "成立日期", "date", {"required": True}),
            ("street", "所在街道", "text", {"role": "street"}),
            ("community", "所在社区", "text", {"role": "community"}),
        ],
    ),
    (
        "qiye_daiyu",
        "企业政策兑现名册",
        "区人社局",
        Dataset.Subject.ENTERPRISE,
        [
            ("id_number", "统一社会信用代码", "text", {"required": True, "role": "id_number"}),
            ("benefit", "待遇", "code", {"required": True, "codes": ""}),
        ],
    ),
]

BENEFITS = [
    (
        "gaoling80",
        "高龄津贴（80至89周岁）",
        "huji",
        "daiyu",
        "age_on(huji.birth_date, first_of_month) >= 80 and age_on(huji.birth_date, first_of_month) < 90 and huji.local = true",
    ),
    (
        "gaoling90",
        "高龄津贴（90周岁以上）",
        "huji",
        "daiyu",
        "age_on(huji.birth_date, first_of_month) >= 90 and huji.local = true",
    ),
    (
        "canji_shenghuo",
        "困难残疾人生活补贴",
        "huji",
        "daiyu",
        "not missing(canlian.grade) and (minzheng.dibao = true or minzheng.income < 1500) and huji.local = true",
    ),
    (
        "canji_huli",
        "重度残疾人护理补贴",
        "huji",
        "daiyu",
        'canlian.grade in ("1", "2") and huji.local = true',
    ),
    ("yuer", "育儿补贴", "huji", "daiyu", "age_on(huji.birth_date, run_date) < 3 and huji.local = true"),
    (
        "linshi_jiuzhu",
        "困难群众临时救助",
        "huji",
        "daiyu",
        "minzheng.income < 1000 and not minzheng.dibao = true and not minzheng.tekun = true",
    ),
    (
        "dibao_laoren",
        "低保老年人生活补助",
        "huji",
        "daiyu",
        "minzheng.dibao = true and age_on(huji.birth_date, first_of_month) >= 60",
    ),
    ("tekun_gongyang", "特困人员救助供养", "huji", "daiyu", "minzheng.tekun = true and huji.local = true"),
    (
        "wengang",
        "失业保险稳岗返还",
        "qiye",
        "qiye_daiyu",
        'qiye.size in ("2", "3", "4") and qiye.employees >= 5',
    ),
    (
        "xiaowei",
        "小微企业房租减免",
        "qiye",
        "qiye_daiyu",
        'qiye.size in ("3", "4") and days_between(qiye.registered, run_date) <= 1095',
    ),
]


def _areas() -> list[tuple[str, str]]:
    areas = []
    for street in Organisation.objects.filter(kind=Organisation.Kind.STREET).order_by("pk"):
        for community in Organisation.objects.filter(
            parent=street, kind=Organisation.Kind.COMMUNITY
        ).order_by("pk"):
            areas.append((street.name, community.name))
    return areas or [(f"第{s}街道", f"第{s}街道{c}社区") for s in "一二三" for c in "一二三四"]


def _id_number(rnd: random.Random, born: date) -> str:
    body = f"110101{born:%Y%m%d}{rnd.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")


_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uscc(rnd: random.Random) -> str:
    from stdnum.cn import uscc

    body = "9111" + "0101" + "MA" + "".join(rnd.choice(_USCC) for _ in range(7)) + rnd.choice(_USCC)
    body = body[:17]
    return body + uscc.calc_check_digit(body)


def _csv(header: list[str], rows: list[list]) -> bytes:
    lines = [",".join(header)] + [",".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _people(rnd: random.Random, today: date, areas, count: int) -> tuple[list, list, list, list]:
    huji, canlian, minzheng, daiyu = [], [], [], []
    seen = set()
    for i in range(count):
        roll = rnd.random()
        if roll < 0.04:  # under three
            born = today - timedelta(days=rnd.randrange(1, 3 * 365))
        elif roll < 0.16:  # 75 and over
            born = today - timedelta(days=rnd.randrange(75 * 365, 100 * 365))
        else:
            born = today - timedelta(days=rnd.randrange(3 * 365, 75 * 365))
        if i % 400 == 0:
            born = date(1944, 2, 29)  # a leap-day birthday
        if i % 401 == 0:
            born = today.replace(day=1).replace(year=today.year - 80)  # 80 on the first of this month
        number = _id_number(rnd, born)
        if number in seen:
            continue
        seen.add(number)
        street, community = rnd.choice(areas)
        local = rnd.random() < 0.93
        huji.append(
            [
                number,
                rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2)))),
                born.isoformat(),
                rnd.choice("12"),
                "是" if local else "否",
                "1" if rnd.random() < 0.95 else "2",
                street,
                community,
                f"13{rnd.randrange(100000000, 999999999)}",
            ]
        )
        if rnd.random() < 0.07:
            canlian.append([number, rnd.choice("1223344"), rnd.choice("1234567")])
        if rnd.random() < 0.09:
            dibao = rnd.random() < 0.5
            minzheng.append(
                [
                    number,
                    "是" if dibao else "否",
                    "是" if rnd.random() < 0.08 else "否",
                    f"{rnd.randrange(300, 2600)}.{rnd.randrange(10)}",
                ]
            )
        age = rules.age_on(born, today.replace(day=1))
        if local and age >= 80 and rnd.random() < 0.7:
            daiyu.append([number, "gaoling80" if age < 90 else "gaoling90"])
    return huji, canlian, minzheng, daiyu


def _enterprises(rnd: random.Random, today: date, areas, count: int) -> tuple[list, list]:
    qiye, daiyu, seen = [], [], set()
    words = ["智联", "恒信", "华创", "鑫达", "博远", "嘉禾", "启明", "瑞丰", "天成", "汇通"]
    kinds = ["科技有限公司", "商贸有限公司", "信息技术有限公司", "制造有限公司", "咨询服务有限公司"]
    for _ in range(count):
        code = _uscc(rnd)
        if code in seen:
            continue
        seen.add(code)
        street, community = rnd.choice(areas)
        size = rnd.choice("1223334444")
        qiye.append(
            [
                code,
                "示范区" + rnd.choice(words) + rnd.choice(words) + rnd.choice(kinds),
                size,
                rnd.choice("CFIM"),
                rnd.randrange(1, 300) if size in "12" else rnd.randrange(0, 40),
                (today - timedelta(days=rnd.randrange(30, 20 * 365))).isoformat(),
                street,
                community,
            ]
        )
        if rnd.random() < 0.2:
            daiyu.append([code, rnd.choice(["wengang", "xiaowei"])])
    return qiye, daiyu


@register_seed("proactive", order=90, label="服务找人（部门数据、待遇、匹配）")
def seed_proactive(ctx=None) -> None:
    if Dataset.objects.filter(key="huji").exists():
        return
    codes = "\n".join(f"{code}={name}" for code, name, *_rest in BENEFITS)
    datasets = {}
    for key, name, source, subject, attrs in DATASETS:
        dataset = Dataset.objects.create(
            key=key, name=name, source=source, subject=subject, retention_days=730
        )
        for i, (akey, label, kind, extra) in enumerate(attrs):
            extra = {**extra, "codes": codes} if akey == "benefit" else extra
            Attribute.objects.create(dataset=dataset, sort_order=i, key=akey, label=label, type=kind, **extra)
        datasets[key] = dataset
    rnd = random.Random(17)
    today = timezone.localdate()
    areas = _areas()
    scale = getattr(ctx, "scale", 1) or 1
    huji, canlian, minzheng, daiyu = _people(rnd, today, areas, max(200, int(RESIDENTS * scale)))
    qiye, qiye_daiyu = _enterprises(rnd, today, areas, max(30, int(ENTERPRISES * scale)))
    for key, rows in (
        ("huji", huji),
        ("canlian", canlian),
        ("minzheng", minzheng),
        ("daiyu", daiyu),
        ("qiye", qiye),
        ("qiye_daiyu", qiye_daiyu),
    ):
        header = [a.label for a in datasets[key].attributes.all()]
        report = import_dataset(datasets[key], _csv(header, rows), f"{key}.csv")
        if not report.ok:
            raise RuntimeError(f"demo dataset {key}: {[str(e) for e in report.errors[:3]]}")
    schema = services.full_schema()
    for code, name, population, claims, text in BENEFITS:
        tree = rules.parse(text)
        rules.check(tree, schema)
        Benefit.objects.create(
            code=code,
            name=name,
            population=datasets[population],
            claims=datasets[claims],
            rule=tree,
            description=rules.render(tree, schema),
        )
    run = services.perform_run(MatchRun.objects.create(run_date=today))
    _outreach(run)


def _outreach(run: MatchRun) -> None:
    """Outreach for the 高龄津贴 matches, in every state: told, opened, claimed, declined."""
    from .models import Outreach
    from .outreach import contact

    result = run.results.filter(benefit__code="gaoling80").first()
    if result is None:
        return
    items = contact(result)
    now = timezone.now()
    for i, item in enumerate(items):
        state = [
            Outreach.State.CONTACTED,
            Outreach.State.OPENED,
            Outreach.State.CLAIMED,
            Outreach.State.DECLINED,
        ][i % 4]
        opened = now if state != Outreach.State.CONTACTED else None
        answered = now if state in (Outreach.State.CLAIMED, Outreach.State.DECLINED) else None
        Outreach.objects.filter(pk=item.pk).update(state=state, opened_at=opened, answered_at=answered)
