"""The disclosure app's part of the demo district: the two directories and the policy documents.

Policy documents (政策文件) get 文号, validity, revisions and attachments. Discovered by
``portal.demo.registry``; imported only when the demo app is installed.
"""

from __future__ import annotations

import random
from datetime import timedelta

from wagtail.documents import get_document_model

from portal.demo import material
from portal.demo.media import content_file, docx_bytes, pdf_bytes, xlsx_bytes
from portal.demo.registry import register_seed
from portal.demo.seed.context import SeedContext
from portal.demo.seed.pages import ensure_child

from .models import LeaderDirectoryPage, OrganisationDirectoryPage, PolicyAttachment, PolicyDocumentPage

cp = material.load("policies")
RETIRABLE_GENRES = set(cp["retirable_genres"])
PREFIXES = {d["slug"]: d["prefix"] for d in material.district()["departments"]}
TOPICS = {s["subject"]: s["topic"] for s in cp["subjects"]}
NUMERALS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    if n <= 10:
        return NUMERALS[n - 1]
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


@register_seed("directories", order=45, label="机构职能与领导信息")
def seed_directories(ctx: SeedContext) -> None:
    """The organisation and leader directories below 法定主动公开内容."""
    parent = ctx.columns["fdzdgknr"]
    owner = ctx.orgs["gov-office"]
    ctx.columns["jgzn"] = ensure_child(
        ctx,
        parent,
        OrganisationDirectoryPage(
            title="机构职能",
            slug="jgzn",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>示范区人民政府、区政府工作部门和街道办事处的机构职能、办公地址、办公时间和联系方式。</p>",
        ),
    )
    ctx.columns["ldxx-dir"] = ensure_child(
        ctx,
        parent,
        LeaderDirectoryPage(
            title="领导信息",
            slug="ldxx",
            owner_organisation=owner,
            date=ctx.now,
            intro="<p>示范区人民政府及区政府工作部门、街道办事处领导姓名、照片、简历和工作分工。</p>",
        ),
    )


def _issuer(ctx: SeedContext, kind: str, rng: random.Random, index: int):
    if kind == "district":
        return ctx.orgs["district"], "示政发"
    if kind == "office":
        return ctx.orgs["gov-office"], "示政办发"
    if kind == "normative":
        return ctx.orgs[rng.choice(["district", "gov-office"])], "示政规"
    slugs = [s for s in cp["department_subjects"] if s != "gov-office"]
    slug = slugs[index % len(slugs)]
    return ctx.orgs[slug], PREFIXES[slug]


def _title(rng: random.Random, kind: str, org, subject: str, year: int) -> tuple[str, str]:
    chosen = rng.choice(cp["normative_titles"] if kind == "normative" else cp["titles"])
    template, genre = chosen["template"], chosen["genre"]
    issuer = org.name
    return template.format(issuer=issuer, subject=subject, year=year, year2=year + 2), genre


def _spec(ctx: SeedContext, column: str, kind: str, index: int, total: int) -> dict:
    rng = ctx.rng("policy", column, index)
    org, prefix = _issuer(ctx, kind, rng, index)
    subjects = cp["department_subjects"].get(org.slug) or [s["subject"] for s in cp["subjects"]]
    subject = rng.choice(subjects)
    when = ctx.spread(rng, index, total, 720, 20)
    title, genre = _title(rng, kind, org, subject, when.year)
    return {
        "column": column,
        "org": org,
        "prefix": prefix,
        "subject": subject,
        "date": when,
        "title": title,
        "genre": genre,
        "normative": kind == "normative" or index % 9 == 4,
        "rng": rng,
        "key": (column, index),
    }


def _revision_of(ctx: SeedContext, old: dict) -> dict | None:
    rng = ctx.rng("revision", *old["key"])
    age = (ctx.now - old["date"]).days
    if age < 200:
        return None
    when = ctx.past(rng, rng.randint(5, age - 120))
    title = (
        old["title"].removesuffix("》的通知") + f"（{when.year}年修订）》的通知"
        if "》的通知" in old["title"]
        else f"{old['title']}（{when.year}年修订）"
    )
    return {**old, "date": when, "title": title, "rng": rng, "key": ("rev", *old["key"]), "revises": old}


def build_specs(ctx: SeedContext) -> list[dict]:
    specs: list[dict] = []
    for group in cp["groups"]:
        total = ctx.count(group["count"])
        specs += [_spec(ctx, group["column"], group["issuer"], i, total) for i in range(total)]
    normative = [s for s in specs if s["column"] == "gfxwj"]
    revisions = [r for r in map(lambda s: _revision_of(ctx, s), normative[::-1]) if r][
        : ctx.count(cp["revisions"])
    ]
    specs += revisions
    _number(specs)
    _validity(ctx, specs)
    return specs


def _number(specs: list[dict]) -> None:
    """文号 and slug: per prefix and year, numbered in date order."""
    counters: dict[tuple, int] = {}
    for spec in sorted(specs, key=lambda s: (s["date"], s["key"])):
        year = spec["date"].year
        n = counters[(spec["prefix"], year)] = counters.get((spec["prefix"], year), 0) + 1
        spec["number"] = f"{spec['prefix']}〔{year}〕{n}号"
        spec["slug"] = f"{spec['org'].slug if spec['prefix'] != '示政规' else 'gfx'}-{year}-{n:03d}"


def _validity(ctx: SeedContext, specs: list[dict]) -> None:
    for spec in specs:
        spec.update(validity="in_force", changed=None, note="", replaced_by=None)
        old = spec.get("revises")
        if old:
            old.update(
                validity="revised",
                changed=spec["date"].date(),
                replaced_by=spec["key"],
                note=f"本文件已被《{spec['title']}》（{spec['number']}）修订。",
            )
            continue
        rng = spec["rng"]
        age = (ctx.now - spec["date"]).days
        retirable = spec["genre"] in RETIRABLE_GENRES
        if retirable and age > 365 and rng.random() < 0.5 and spec.get("validity") == "in_force":
            _retire(ctx, spec, rng, age)


def _retire(ctx: SeedContext, spec: dict, rng: random.Random, age: int) -> None:
    changed = (ctx.now - timedelta(days=rng.randint(10, age - 300))).date()
    if rng.random() < 0.5:
        note = f"根据示范区行政规范性文件清理结果，本文件自{changed:%Y年%m月%d日}起废止。"
        spec.update(validity="repealed", changed=changed, note=note)
    else:
        spec.update(
            validity="expired", changed=changed, note=f"本文件有效期已届满，自{changed:%Y年%m月%d日}起失效。"
        )


def body_html(spec: dict) -> str:
    rng, subject, genre = spec["rng"], spec["subject"], spec["genre"]
    values = {
        "subject": subject,
        "genre": genre if genre in ("办法", "规定", "细则") else "办法",
        "aim": rng.choice(cp["aims"]).format(subject=subject),
        "basis": rng.choice(cp["bases"]),
        "lead": spec["org"].name,
        "n": rng.choice([5, 10, 15, 20]),
        "years": rng.choice([3, 5]),
        "start": f"{spec['date'].year}年{spec['date'].month}月{spec['date'].day}日",
    }
    parts = []
    if "印发" in spec["title"]:
        parts.append(
            "<p>各街道办事处，区政府各部门，各有关单位：</p>"
            f"<p>现将《{spec['title'].split('《')[-1].split('》')[0]}》印发给你们，请结合实际认真贯彻执行。</p>"
        )
    articles = [t.format(**values) for t in cp["articles"]]
    chosen = articles[:3] + rng.sample(articles[3:-2], 5) + articles[-2:]
    parts += [f"<p><strong>第{cn_number(i)}条</strong>　{text}</p>" for i, text in enumerate(chosen, start=1)]
    parts.append(f'<p class="doc-signature">{spec["org"].name}<br/>{values["start"]}</p>')
    return "".join(parts)


def _page(ctx: SeedContext, spec: dict, replaced_by=None) -> PolicyDocumentPage:
    when = spec["date"]
    return PolicyDocumentPage(
        title=spec["title"],
        slug=spec["slug"],
        date=when,
        first_published_at=when,
        last_published_at=when,
        document_number=spec["number"],
        issuing_organ=spec["org"].name,
        written_date=(when - timedelta(days=spec["rng"].randint(1, 10))).date(),
        topic=TOPICS.get(spec["subject"], "综合政务"),
        genre=spec["genre"],
        is_normative=spec["normative"],
        validity=spec["validity"],
        replaced_by=replaced_by,
        validity_changed_on=spec["changed"],
        validity_note=spec["note"],
        body=body_html(spec),
        owner_organisation=spec["org"],
        live=True,
    )


def create_policies(ctx: SeedContext, specs: list[dict]) -> dict:
    pages: dict = {}
    ordered = sorted(specs, key=lambda s: s["validity"] == "revised")  # replacements first
    for spec in ordered:
        column = ctx.columns[spec["column"]]
        page = column.get_children().filter(slug=spec["slug"]).first()
        if page is None:
            replaced_by = pages.get(spec["replaced_by"]) if spec["replaced_by"] else None
            page = _page(ctx, spec, replaced_by)
            column.add_child(instance=page)
            ctx.created["policy documents"] += 1
            spec["new"] = True
        pages[spec["key"]] = page.specific
    return pages


def _attachment_file(spec: dict, n: int) -> tuple[str, bytes, str]:
    name = f"{spec['slug']}-{n}"
    if n % 3 == 0:
        lines = [spec["number"], spec["org"].name, "本附件为示范区演示数据。"]
        return f"{spec['subject']}申请表", pdf_bytes(spec["title"][:30], lines), f"{name}.pdf"
    if n % 3 == 1:
        rows = [[i, f"示范区{spec['subject']}项目{i}", spec["org"].short_name, 10 * i] for i in range(1, 9)]
        return (
            f"{spec['subject']}项目清单",
            xlsx_bytes(spec["title"][:30], ["序号", "项目名称", "责任单位", "金额（万元）"], rows),
            f"{name}.xlsx",
        )
    paragraphs = [
        f"一、{spec['subject']}工作要求。",
        "二、申报材料及时限。",
        "三、联系人及联系电话：099-86200001。",
    ]
    return f"{spec['subject']}工作指引", docx_bytes(spec["title"][:40], paragraphs), f"{name}.docx"


def attach(ctx: SeedContext, specs: list[dict], pages: dict) -> None:
    Document = get_document_model()
    chosen = [s for s in specs if s.get("new") and s["key"][-1] % 6 == 2][: ctx.count(cp["attachments"])]
    for n, spec in enumerate(chosen):
        title, data, filename = _attachment_file(spec, n)
        document = Document(title=f"{title}（{spec['number']}）", file=content_file(data, filename))
        document._set_document_file_metadata()
        document.save()
        PolicyAttachment.objects.create(page=pages[spec["key"]], document=document, title=title, sort_order=0)
        ctx.created["attachments"] += 1


@register_seed("policies", order=70, label="政策文件")
def seed_policies(ctx: SeedContext) -> None:
    specs = build_specs(ctx)
    pages = create_policies(ctx, specs)
    attach(ctx, specs, pages)
