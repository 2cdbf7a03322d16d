"""The disclosure app's part of the demo district: the two directories and the policy documents.

Policy documents (政策文件) get 文号, validity, revisions and attachments. Discovered by
``portal.demo.registry``; imported only when the demo app is installed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from wagtail.documents import get_document_model

from portal.demo import documents, material
from portal.demo.documents import add_years, cn_date, cn_number
from portal.demo.media import content_file, docx_bytes, pdf_bytes, xlsx_bytes
from portal.demo.registry import register_seed
from portal.demo.seed.context import SeedContext
from portal.demo.seed.pages import ensure_child

from . import demo_catalogue, demo_requests  # noqa: F401  (the platform, catalogues, concerns, requests)
from .models import LeaderDirectoryPage, OrganisationDirectoryPage, PolicyAttachment, PolicyDocumentPage

cp = material.load("policies")
RETIRABLE_GENRES = set(cp["retirable_genres"])
PREFIXES = {d["slug"]: d["prefix"] for d in material.district()["departments"]}
TOPICS = {s["subject"]: s["topic"] for s in cp["subjects"]}
SUBJECT_KINDS = {s["subject"]: s["kind"] for s in cp["subjects"]}
SUBJECT_LEADS = {s["subject"]: s["lead"] for s in cp["subjects"]}


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
    return ctx.orgs[slug], PREFIXES[slug] + "发"


def _years(when) -> dict:
    """The years a document issued on ``when`` speaks of."""
    plan = when.year + (1 if when.month >= 10 else 0)  # a plan issued late in the year starts next year
    half = when.year if when.month >= 7 else when.year - 1  # the last half-year already over
    return {"year": when.year, "prev": when.year - 1, "plan": plan, "half": half}


def _choose(rng: random.Random, kind: str, org, used: set[str], when) -> tuple[dict, str, str]:
    """(title template, subject, title) whose title, and the name of the document it issues, are
    not used yet (``used`` holds both, for every column)."""
    subjects = [s["subject"] for s in cp["subjects"]]
    if kind != "normative":
        subjects = cp["department_subjects"].get(org.slug) or subjects
    templates = cp["normative_titles"] if kind == "normative" else cp["titles"]
    y = _years(when)
    for _ in range(40):
        chosen = rng.choice(templates)
        pool = [s for s in chosen.get("subjects", subjects) if s in subjects]
        if not pool:
            continue
        subject = rng.choice(pool)
        year = y["half"] if chosen["structure"] == "bulletin" else y["year"]
        if chosen["structure"] in ("action", "notice"):
            year = y["plan"]
        title = chosen["template"].format(
            issuer=org.name, subject=subject, year=year, year2=year + 2, prev=y["prev"]
        )
        name = title.split("《")[1].split("》")[0] if "《" in title else title
        if title not in used and name not in used:
            break
    used.update({title, name})
    return chosen, subject, title


def _first_of_next_month(day):
    return day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1, day=1)


def _spec(ctx: SeedContext, column: str, kind: str, index: int, total: int, span: int, used: set) -> dict:
    rng = ctx.rng("policy", column, index)
    org, prefix = _issuer(ctx, kind, rng, index)
    when = ctx.spread(rng, index, total, span, 20)
    chosen, subject, title = _choose(rng, kind, org, used, when)
    spec = {
        "column": column,
        "org": org,
        "prefix": prefix,
        "subject": subject,
        "kind": SUBJECT_KINDS.get(subject, "programme"),
        "date": when,
        "written": (when - timedelta(days=rng.randint(1, 10))).date(),
        "title": title,
        "genre": chosen["genre"],
        "inner": chosen["inner"],
        "structure": chosen["structure"],
        "inner_title": title.split("《")[1].split("》")[0] if "《" in title else "",
        "rng": rng,
        "key": (column, index),
        "ctx_orgs": ctx.orgs,
    }
    _term(spec, chosen, rng)
    spec["normative"] = kind == "normative" or (spec["expires"] is not None and index % 3 == 0)
    return spec


def _term(spec: dict, chosen: dict, rng: random.Random) -> None:
    """施行日期 and period of validity: the first of the next month, for the years the text states."""
    spec["start"] = _first_of_next_month(spec["date"].date())
    spec["years"] = rng.choice(chosen["years"]) if chosen.get("years") else None
    spec["expires"] = None
    if spec["years"]:
        spec["expires"] = add_years(spec["start"], spec["years"]) - timedelta(days=1)
    elif spec["structure"] == "action":
        year = int(spec["title"].split("（")[1][:4])
        spec["expires"] = date(year + 2, 12, 31)


def _revision_of(ctx: SeedContext, old: dict) -> dict | None:
    """A revised edition of a normative document, issued before the old one would have expired."""
    rng = ctx.rng("revision", *old["key"])
    today = ctx.now.date()
    latest = min(today - timedelta(days=5), (old["expires"] or today) - timedelta(days=30))
    earliest = old["date"].date() + timedelta(days=200)
    if latest <= earliest:
        return None
    day = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
    when = ctx.past(rng, (today - day).days)
    title = f"{old['title']}（{when.year}年修订）"
    new = {**old, "date": when, "written": (when - timedelta(days=3)).date(), "title": title, "rng": rng}
    new.update(key=("rev", *old["key"]), revises=old, inner_title="")
    chosen = next(t for t in cp["normative_titles"] if t["genre"] == old["genre"])
    _term(new, chosen, rng)
    return new


def build_specs(ctx: SeedContext) -> list[dict]:
    specs: list[dict] = []
    used: set[str] = set()
    for group in cp["groups"]:
        total = ctx.count(group["count"])
        specs += [
            _spec(ctx, group["column"], group["issuer"], i, total, group["span"], used) for i in range(total)
        ]
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
    """Revised, expired at the end of its stated term, repealed in a clean-up, or in force."""
    today = ctx.now.date()
    for spec in specs:
        spec.setdefault("validity", "in_force")
        spec.setdefault("changed", None)
        spec.setdefault("note", "")
        spec.setdefault("replaced_by", None)
    for spec in specs:
        old = spec.get("revises")
        if old:
            old.update(
                validity="revised",
                changed=spec["date"].date(),
                replaced_by=spec["key"],
                note=f"本文件已被《{spec['title']}》（{spec['number']}）修订。",
            )
    for spec in specs:
        if spec["validity"] != "in_force":
            continue
        if spec["expires"] and spec["expires"] < today:
            note = f"本文件有效期至{cn_date(spec['expires'])}，有效期届满后失效。"
            spec.update(validity="expired", changed=spec["expires"], note=note)
        elif spec["genre"] in RETIRABLE_GENRES and (today - spec["start"]).days > 365:
            _maybe_repeal(spec, today)


def _maybe_repeal(spec: dict, today) -> None:
    rng = spec["rng"]
    if rng.random() >= 0.25:
        return
    last = min(today, spec["expires"] or today) - timedelta(days=10)
    first = spec["start"] + timedelta(days=180)
    if last <= first:
        return
    changed = first + timedelta(days=rng.randint(0, (last - first).days))
    note = f"根据示范区行政规范性文件清理结果，本文件自{cn_date(changed)}起废止。"
    spec.update(validity="repealed", changed=changed, note=note)


def _lead(spec: dict) -> str:
    """The department in charge: a department's own documents are its own to carry out; the
    district's are carried out by the department whose field the subject is."""
    if spec["org"].kind == "department" and spec["org"].slug != "gov-office":
        return spec["org"].name
    return spec["ctx_orgs"][SUBJECT_LEADS[spec["subject"]]].name


def text_values(spec: dict) -> dict:
    rng, subject, when = spec["rng"], spec["subject"], spec["date"]
    plan = int(spec["title"].split("（")[1][:4]) if spec["structure"] == "action" else _years(when)["plan"]
    period = "half" if spec["structure"] == "bulletin" else "year"
    values = {
        "subject": subject,
        "inner": spec["inner"],
        "aim": rng.choice(cp["aims"]).format(subject=subject),
        "basis": rng.choice(cp["bases"][spec["kind"]]),
        "lead": _lead(spec),
        "n": rng.choice([5, 8, 10, 12, 15]),
        "done": 0,
        "pct": rng.randint(88, 97),
        "g": round(rng.uniform(0.8, 4.5), 1),
        "years": spec["years"],
        "start": cn_date(spec["start"]),
        "year": plan if spec["structure"] in ("action", "scheme", "notice") else _years(when)[period],
        "year1": plan + 1,
        "year2": plan + 2,
        "prev": when.year - 1,
        "month": min(12, when.month + 1),
    }
    values["done"] = values["n"] - rng.randint(1, 3)
    district = spec["org"].kind == "district"
    values["addressee"] = "区人民代表大会常务委员会：" if district else "示范区人民政府："
    values["short"] = "区政府" if district else spec["org"].short_name
    values["deadline"] = f"{min(12, when.month + 2)}月底" if when.month < 11 else f"{when.year + 1}年1月底"
    return values


def body_html(spec: dict) -> str:
    """The document's text, written once per document (its values are kept for its interpretation)."""
    if "body" not in spec:
        spec["values"] = text_values(spec)
        spec["body"] = "".join(documents.body(spec, spec["values"]))
    return spec["body"]


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
        written_date=spec["written"],
        topic=TOPICS.get(spec["subject"], "综合政务"),
        genre=spec["genre"],
        is_normative=spec["normative"],
        validity=spec["validity"],
        replaced_by=replaced_by,
        validity_changed_on=spec["changed"],
        validity_note=spec["note"],
        expires_on=spec["expires"],
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


INTERPRETED = {"articles", "scheme", "opinion", "action", "measures"}
_SCOPE = {
    "subsidy": "本区符合条件的单位和个人",
    "regulation": "本区行政区域内从事{subject}相关活动的单位和个人，以及负有监督管理职责的部门",
    "programme": "区政府各部门、各街道办事处及参与{subject}工作的社会各方",
}


def _term_text(spec: dict) -> str:
    if spec["structure"] == "action":
        year = int(spec["title"].split("（")[1][:4])
        return f"实施期限为{year}年至{year + 2}年"
    if spec["years"]:
        return f"自{cn_date(spec['start'])}起施行，有效期{spec['years']}年，至{cn_date(spec['expires'])}"
    return f"自{cn_date(spec['start'])}起实施"


def _content_text(spec: dict, name: str) -> str:
    body = body_html(spec)
    if spec["structure"] == "articles":
        count = body.count("</strong>　")
        return f"《{name}》共{cn_number(count)}条，规定了适用范围、职责分工、办理程序、监督管理和法律责任等内容。"
    if spec["structure"] == "measures":
        return (
            f"《{name}》共提出{cn_number(spec['measures'])}条具体措施，并明确了解释机关、施行日期和有效期。"
        )
    heads = documents.TEXT[spec["structure"]]["heads"]
    return f"《{name}》分为{'、'.join(heads)}{cn_number(len(heads))}个部分。"


def interpretation_spec(spec: dict, page, index: int, now) -> dict:
    """A policy interpretation (政策解读) or its questions and answers, written from the document."""
    name = spec["inner_title"] or spec["title"]
    body_html(spec)
    values = spec["values"]
    lead, subject = values["lead"], spec["subject"]
    link = f'<a linktype="page" id="{page.pk}">《{name}》</a>（{spec["number"]}）'
    scope = _SCOPE[spec["kind"]].format(subject=subject)
    contact = f"{lead}，联系电话：099-8620{index % 10}{index % 7}{index % 3}{index % 9}。"
    if index % 2:
        title = f"《{name}》政策问答"
        paragraphs = [
            f"<strong>问：为什么要制定{link}？</strong>答：为了{values['aim']}，{spec['org'].name}制定了这份文件，"
            f"于{cn_date(spec['date'].date())}印发。",
            f"<strong>问：文件适用于哪些对象？</strong>答：适用于{scope}。",
            f"<strong>问：文件主要有哪些内容？</strong>答：{_content_text(spec, name)}",
            f"<strong>问：文件什么时候施行？</strong>答：{_term_text(spec)}。",
            f"<strong>问：有疑问可以咨询哪个部门？</strong>答：{contact}",
        ]
    else:
        title = f"《{name}》政策解读"
        paragraphs = [
            f"<strong>一、制定背景</strong>为了{values['aim']}，{spec['org'].name}印发了{link}。",
            f"<strong>二、主要内容</strong>{_content_text(spec, name)}",
            f"<strong>三、适用对象</strong>{scope}。",
            f"<strong>四、施行时间</strong>{_term_text(spec)}。",
            f"<strong>五、解读机关及联系方式</strong>{contact}",
        ]
    when = min(spec["date"] + timedelta(days=1 + index % 3), now)
    return {
        "title": title,
        "paragraphs": paragraphs,
        "date": when,
        "slug": f"zcjd-{spec['slug']}",
        "owner": spec["org"],
        "source": spec["org"].name,
        "author": lead,
    }


def interpret(ctx: SeedContext, specs: list[dict], pages: dict) -> None:
    """Interpretations of the newest documents in force that have content to explain."""
    from portal.pages.demo import create_article

    column = ctx.columns["zcjd"]
    existing = set(column.get_children().values_list("slug", flat=True))
    chosen = [s for s in specs if s["structure"] in INTERPRETED and s["validity"] == "in_force"]
    chosen.sort(key=lambda s: s["date"], reverse=True)
    for index, spec in enumerate(chosen[: ctx.count(8)]):
        item = interpretation_spec(spec, pages[spec["key"]], index, ctx.now)
        if item["slug"] not in existing:
            create_article(ctx, column, item)


@register_seed("policies", order=70, label="政策文件与解读")
def seed_policies(ctx: SeedContext) -> None:
    specs = build_specs(ctx)
    pages = create_policies(ctx, specs)
    attach(ctx, specs, pages)
    interpret(ctx, specs, pages)
