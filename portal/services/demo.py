"""The service hall's part of the demo district: guides of 16 departments (from data/demo.yaml),
the places of the service map around every street (inside its outline), the scenario flows
(data/flows.yaml) and ratings on many guides.

Idempotent: guides are found by slug, places by slug, flows by slug, ratings by tracking number.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from django.contrib.auth.hashers import make_password
from django.db.models import Count

from portal.core.models import Organisation
from portal.demo import material
from portal.demo.registry import register_seed
from portal.demo.seed.pages import ensure_child

from . import maps, services
from .models import (
    ScenarioFlow,
    ServiceBasis,
    ServiceFAQ,
    ServiceItemPage,
    ServiceMaterial,
    ServicePlace,
    ServiceRating,
    ServiceStep,
)

DATA = Path(__file__).parent / "data"
PERSON_EVENTS_AT_STREETS = {
    "assistance",
    "elderly",
    "social_security",
    "medical",
    "birth",
    "death",
    "veterans",
}
BASIS = {
    "licence": "《中华人民共和国行政许可法》",
    "confirmation": "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》",
    "payment": "《社会救助暂行办法》",
    "award": "《示范区行政奖励实施办法》",
    "ruling": "《中华人民共和国劳动争议调解仲裁法》",
    "other_admin": "《示范区权责清单》",
    "public_service": "《示范区公共服务事项清单》",
}
# (organisation slug, item number): left incomplete for the completeness check; the value is what stays.
INCOMPLETE = {
    ("swj", 9): "few",
    ("whlt", 9): "few",
    ("yjgl", 10): "few",
    ("cgzf", 10): "most",
    ("tyjr", 10): "most",
    ("jtj", 9): "most",
}


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _code(prefix: str, n: int) -> str:
    return f"{prefix}-{n:03d}"


@register_seed("service places", order=72, label="便民服务地图")
def seed_places(ctx) -> None:
    d = material.district()
    roads = d["roads"]
    shapes = {
        f["properties"].get("slug"): f
        for f in maps.outline().get("features", [])
        if f["properties"].get("slug")
    }
    centre_pt = _centroid(shapes) if shapes else (30.05, 160.03)
    _place(
        ctx,
        "qu-zwfwzx",
        "示范区政务服务中心",
        "service_center",
        centre_pt,
        None,
        None,
        "示范区政务大道88号",
        d["service_hours"],
        "0000-12345",
        "无障碍通道、无障碍卫生间、轮椅借用、母婴室、帮办代办窗口",
    )
    for s in d["streets"]:
        street = Organisation.objects.filter(slug=s["slug"]).first()
        shape = shapes.get(s["slug"])
        if street is None or shape is None:
            continue
        _street_places(ctx, d, s, street, shape["geometry"]["coordinates"][0], roads)


def _street_places(ctx, d, s, street, ring, roads) -> None:
    """A street's service centre, its communities' stations and its public places."""
    rng = random.Random(f"places-{s['slug']}")
    short = s["short_name"]
    communities = list(
        Organisation.objects.filter(parent=street, kind=Organisation.Kind.COMMUNITY).order_by("pk")
    )

    def point():
        return _random_point(rng, ring)

    def road():
        return rng.choice(roads)

    _place(
        ctx,
        f"{s['slug']}-bmfw",
        f"{short}便民服务中心",
        "street_center",
        point(),
        street,
        None,
        f"示范区{road()}{rng.randint(1, 300)}号",
        d["service_hours"],
        f"0000-{rng.randint(60000000, 69999999)}",
        "无障碍通道、无障碍卫生间、爱心座椅",
    )
    for c in communities:
        _place(
            ctx,
            f"{c.slug}-fwz",
            f"{c.name}服务站",
            "community_station",
            point(),
            street,
            c,
            f"示范区{road()}{rng.randint(1, 300)}号",
            "周一至周六 8:30—17:30",
            f"0000-{rng.randint(60000000, 69999999)}",
            "无障碍通道、老年人助餐点",
        )
    specs = [
        (
            "hospital",
            2,
            lambda n: f"{short}社区卫生服务中心" if n == 1 else f"示范区{short[:2]}医院",
            "24小时急诊",
            "无障碍通道、无障碍卫生间、轮椅借用",
        ),
        ("school", 4, lambda n: f"示范区{road()[:2]}{['第一', '第二', '实验', '外国语'][n - 1]}小学", "", ""),
        (
            "park",
            3,
            lambda n: f"{short[:2]}{['滨河', '湿地', '口袋'][n - 1]}公园",
            "6:00—22:00",
            "无障碍通道",
        ),
        ("toilet", 6, lambda n: f"{road()}公厕（{short[:2]}{n}号）", "全天开放", "无障碍厕位、第三卫生间"),
        ("parking", 4, lambda n: f"{road()}公共停车场（{short[:2]}{n}号）", "全天开放", "无障碍停车位"),
        (
            "police",
            1,
            lambda n: f"示范区公安分局{short[:2]}派出所",
            "户籍窗口 工作日 9:00—17:00",
            "无障碍通道",
        ),
        (
            "elderly_care",
            2,
            lambda n: f"{short[:2]}{['颐养院', '长者照护之家'][n - 1]}",
            "全天开放",
            "无障碍通道、无障碍卫生间、助浴设施",
        ),
        ("charging", 4, lambda n: f"{road()}充电站（{short[:2]}{n}号）", "全天开放", ""),
    ]
    for category, count, name, hours, access in specs:
        for n in range(1, count + 1):
            community = communities[(n - 1) % len(communities)] if communities else None
            _place(
                ctx,
                f"{s['slug']}-{category}-{n}",
                name(n),
                category,
                point(),
                street,
                community,
                f"示范区{road()}{rng.randint(1, 500)}号",
                hours,
                f"0000-{rng.randint(60000000, 69999999)}"
                if category in ("hospital", "police", "elderly_care", "school")
                else "",
                access,
            )


def _centroid(shapes) -> tuple[float, float]:
    pts = [pt for f in shapes.values() for pt in f["geometry"]["coordinates"][0]]
    return sum(p[1] for p in pts) / len(pts), sum(p[0] for p in pts) / len(pts)


def _inside(x: float, y: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _random_point(rng: random.Random, ring) -> tuple[float, float]:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    for _attempt in range(200):
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if _inside(x, y, ring):
            return round(y, 5), round(x, 5)
    return round(sum(ys) / len(ys), 5), round(sum(xs) / len(xs), 5)


def _place(ctx, slug, name, category, point, street, community, address, hours, phone, accessibility):
    if ServicePlace.objects.filter(slug=slug).exists():
        return
    ServicePlace.objects.create(
        slug=slug,
        name=name,
        category=category,
        latitude=point[0],
        longitude=point[1],
        street=street,
        community=community,
        address=address,
        hours=hours,
        phone=phone,
        accessibility=accessibility,
    )
    ctx.created["places"] += 1


@register_seed("service guides", order=74, label="办事指南")
def seed_guides(ctx) -> None:
    person, legal = ctx.columns.get("grbs"), ctx.columns.get("frbs")
    if person is None or legal is None:
        return
    d = material.district()
    centre = ServicePlace.objects.filter(slug="qu-zwfwzx").first()
    street_centres = list(ServicePlace.objects.filter(category="street_center"))
    data = _load("demo.yaml")["organisations"]
    for slug, spec in data.items():
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            continue
        for n, line in enumerate(spec["items"], 1):
            title, kind, who, topic, promised, legal_days, mats = line.split("|")
            code = _code(spec["prefix"], n)
            parent = person if who == "p" else legal
            if parent.get_children().filter(slug=code.lower()).exists():
                continue
            incomplete = INCOMPLETE.get((slug, n))
            audience = {"p": "person", "l": "legal", "b": "both"}[who]
            is_stage = topic in {"start", "operate", "build", "hire", "tax", "change", "close"}
            page = ServiceItemPage(
                title=title,
                slug=code.lower(),
                code=code,
                item_type=kind,
                audience=audience,
                life_event="" if is_stage else topic,
                lifecycle=topic if is_stage else "",
                owner_organisation=org,
                date=ctx.now,
                promised_days=int(promised),
                legal_days=int(legal_days),
                visits=0 if int(promised) <= 1 else 1,
                online_url=f"https://zwfw.shifan.gov.cn/item/{code}",
                featured=n == 1 and slug in {"police", "mzj", "rsj", "scjg", "edu", "ybj", "zjj", "wjj"},
                search_description=f"{title}的办事指南：申请条件、办理材料、办理地点、办理时限和流程。",
            )
            if incomplete != "most":
                page.conditions = f"<p>符合{title}相关规定、材料齐全且符合法定形式的申请人。</p>"
                page.fees = "不收费"
                page.hours = d["service_hours"] if incomplete is None else ""
                page.phone = org.phone or "0000-12345"
                page.supervision_phone = "12345"
                page.place_note = f"区政务服务中心{org.short_name or org.name}综合窗口"
                page.materials = _materials(mats)
                page.basis = [ServiceBasis(name=BASIS.get(kind, BASIS["public_service"]))]
                if incomplete is None:
                    page.steps = [
                        ServiceStep(
                            title="申请", description="申请人通过示范区政务服务网或到窗口提交申请材料。"
                        ),
                        ServiceStep(
                            title="受理", description="窗口工作人员当场核验材料，材料齐全的予以受理。"
                        ),
                        ServiceStep(
                            title="审查",
                            description=f"{org.short_name or org.name}在承诺时限内审查并作出决定。",
                        ),
                        ServiceStep(title="办结", description="结果通过短信告知，可选择邮寄送达或窗口领取。"),
                    ]
                    page.faqs = [
                        ServiceFAQ(
                            question="可以委托他人代为办理吗？",
                            answer="可以，代办人须携带本人居民身份证和委托书。",
                        ),
                        ServiceFAQ(
                            question="如何查询办理进度？",
                            answer="登录示范区政务服务网“我的办件”或拨打咨询电话查询。",
                        ),
                    ]
                if who == "p" and topic in PERSON_EVENTS_AT_STREETS:
                    page.places = [centre, *street_centres] if centre else street_centres
                elif centre:
                    page.places = [centre]
            else:
                page.phone = ""
            ensure_child(ctx, parent, page, "service items")
    # Everything a legal person applies for with a business licence needs the licence first.
    licence = ServiceItemPage.objects.filter(code="SC-001").first()
    if licence is not None:
        for item in (
            ServiceItemPage.objects.filter(materials__name="营业执照").exclude(pk=licence.pk).distinct()
        ):
            if not item.prerequisites.exists():
                item.prerequisites.add(licence)


def _materials(text: str) -> list[ServiceMaterial]:
    rows = []
    for n, name in enumerate(m for m in text.split("、") if m and m != "无需材料"):
        electronic = name in {"营业执照", "居民户口簿", "结婚证"}
        rows.append(
            ServiceMaterial(
                name=name,
                form="electronic" if electronic else ("original" if "证" in name else "copy"),
                copies=1,
                source="电子证照库调取" if electronic else "申请人自备",
                required=n < 3,
                condition="" if n < 3 else "委托办理或特殊情形时提供",
                sort_order=n,
            )
        )
    return rows


@register_seed("scenario flows", order=76, label="场景式服务")
def seed_flows(ctx) -> None:
    for n, spec in enumerate(_load("flows.yaml")):
        if ScenarioFlow.objects.filter(slug=spec["slug"]).exists():
            continue
        definition = {
            "start": spec["questions"][0]["key"],
            "always": spec.get("always", []),
            "questions": spec["questions"],
        }
        flow = ScenarioFlow(
            slug=spec["slug"],
            title=spec["title"],
            description=spec["description"],
            organisation=Organisation.objects.filter(slug=spec["organisation"]).first(),
            audience=spec["audience"],
            definition=definition,
            examples=spec["examples"],
            sort_order=n,
        )
        flow.full_clean()
        flow.save()
        ctx.created["scenario flows"] += 1


COMMENTS_GOOD = ["指南写得很清楚，一次就办好了。", "窗口人员很耐心。", "网上办理很方便，不用跑腿。", ""]
COMMENTS_BAD = ["材料清单和窗口要求不一致，多跑了一趟。", "排队时间太长。", "指南里的咨询电话打不通。"]


@register_seed("service ratings", order=78, label="好差评")
def seed_ratings(ctx) -> None:
    if ServiceRating.objects.filter(tracking_number__startswith="PJDEMO").exists():
        return
    code = make_password("DEMO2026")
    items = list(
        ServiceItemPage.objects.live().annotate(n=Count("materials")).filter(n__gt=0).order_by("path")
    )
    serial = 0
    for index, item in enumerate(items):
        if index % 4 == 3:
            continue  # not every guide has ratings yet
        rng = ctx.rng("rating", item.pk)
        for _n in range(rng.randint(2, 8)):
            serial += 1
            level = rng.choices([5, 4, 3, 2, 1], weights=[50, 30, 10, 6, 4])[0]
            bad = level <= 2
            rating = ServiceRating.objects.create(
                item=item,
                organisation_id=item.owner_organisation_id,
                level=level,
                comment=rng.choice(COMMENTS_BAD if bad else COMMENTS_GOOD),
                tracking_number=f"PJDEMO{serial:05d}",
                query_code_hash=code,
                submitted_at=ctx.past(rng, rng.uniform(1, 120)),
            )
            services.record_rating(rating)
            if bad and rng.random() < 0.6:
                services.follow_up(rating, "已电话回访，按意见更新了办事指南并加强窗口引导。")
    ctx.created["service ratings"] += serial
