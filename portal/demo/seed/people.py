"""Leaders (领导信息) with CVs, portfolios and generated portrait placeholders."""

from __future__ import annotations

import random

from pypinyin import lazy_pinyin
from wagtail.images import get_image_model

from portal.core.models import Leader, Organisation

from .. import material
from ..media import image_file
from ..pictures import portrait_png
from ..registry import register_seed
from .context import SeedContext

PEOPLE = material.load("people")


def person_name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    """A fictional two- or three-character name, unique within the run, and a gender."""
    while True:
        gender = "女" if rng.random() < 0.3 else "男"
        pool = PEOPLE["given_female"] if gender == "女" else PEOPLE["given_male"]
        given = "".join(rng.choice(pool) for _ in range(rng.choice([1, 2, 2])))
        name = rng.choice(PEOPLE["surnames"]) + given
        if name not in used:
            used.add(name)
            return name, gender


def _titles(org: Organisation, rng: random.Random) -> list[tuple[str, str]]:
    if org.kind == Organisation.Kind.DISTRICT:
        return [(p["title"], f"{p['portfolio']}\n分管：{p['units']}。") for p in PEOPLE["district_leaders"]]
    if org.slug == "gov-office":
        titles = PEOPLE["leader_titles"]["office"]
    elif org.kind == Organisation.Kind.STREET:
        titles = PEOPLE["leader_titles"]["street"]
    else:
        titles = PEOPLE["leader_titles"]["department"]
    return [(t["title"], t["portfolio"]) for t in titles[: rng.choice([2, 3, 3])]]


# Rungs of the ladder: a leader rises from 科员 through the posts below the current one.
_SECTION_RUNGS = ["科员", "副科长", "科长"]
_LADDERS = {
    "区长": ["副局长", "局长", "副区长", "区长"],
    "常务副区长": ["副局长", "局长", "副区长", "常务副区长"],
    "副区长": ["副局长", "局长", "副区长"],
    "副区长（兼）": ["副局长", "局长", "副区长（兼）"],
    "局长": ["副局长", "局长"],
    "副局长": ["副局长"],
    "主任": ["副主任", "主任"],
    "副主任": ["副主任"],
    "党工委书记": ["办事处副主任", "办事处主任", "党工委书记"],
    "办事处主任": ["办事处副主任", "办事处主任"],
    "办事处副主任": ["办事处副主任"],
}


def career_posts(rng: random.Random, org: Organisation, title: str) -> list[str]:
    """The posts held, from the first job to the current one, each one rung above the last."""
    district = material.district()
    departments = [d for d in district["departments"] if d["slug"] not in ("gov-office", "police")]
    home = next((d for d in district["departments"] if d["name"] == org.name), rng.choice(departments))
    if title == "副区长（兼）":  # the district's police chief sits on the district government
        home = next(d for d in district["departments"] if d["slug"] == "police")
    if org.kind == Organisation.Kind.STREET:
        street = next(s for s in district["streets"] if s["name"] == org.name)
        early = rng.choice([s for s in district["streets"] if s["slug"] != street["slug"]])
        unit = rng.choice(district["street_units"][:6])
        posts = [f"{early['name']}{unit}{rung}" for rung in _SECTION_RUNGS]
        return posts + [f"{org.name}{rung}" for rung in _LADDERS[title]]
    section = rng.choice([u for u in home["units"] if u.endswith("科")] or ["办公室"])
    posts = [f"{home['name']}{section}{rung}" for rung in _SECTION_RUNGS]
    ladder = _LADDERS.get(title, ["副局长", "局长"])
    for rung in ladder:
        if rung in ("副局长", "局长") and org.kind == Organisation.Kind.DISTRICT:
            posts.append(f"{home['name']}{rung}")
        elif rung in ("副区长", "区长", "常务副区长"):
            posts.append(f"{district['government']['name']}{rung}")
        elif rung == "副区长（兼）":
            posts.append(f"{district['government']['name']}副区长，{home['name']}局长")
        else:
            posts.append(f"{org.name}{rung}")
    return posts


def career(
    rng: random.Random, posts: list[str], current_since: int, work_years: int
) -> list[tuple[str, str]]:
    """[(since, post)] from the first job to the current post, held since ``current_since``: the
    ``work_years`` before it shared among the earlier posts, at least two years each, no gaps."""
    gaps = len(posts) - 1
    spare = max(0, work_years - 2 * gaps)
    cuts = sorted(rng.randint(0, spare) for _ in range(gaps - 1))
    extra = [b - a for a, b in zip([0, *cuts], [*cuts, spare])] if gaps else []
    years = [current_since]
    for more in reversed(extra):
        years.append(years[-1] - 2 - more)
    years.reverse()
    stamps = [f"{years[0]}.07"] + [f"{y}.{rng.randint(1, 12):02d}" for y in years[1:]]
    return list(zip(stamps, posts))


def cv_html(rng: random.Random, name: str, gender: str, org: Organisation, title: str, year: int) -> str:
    chosen = rng.choice(PEOPLE["degrees"])
    edu, degree = chosen["education"], chosen["degree"]
    school, major = rng.choice(PEOPLE["universities"]), rng.choice(PEOPLE["majors"])
    posts = career_posts(rng, org, title)
    age, since = rng.randint(40 + len(posts), 54 + len(posts) // 2), year - rng.randint(1, 3)
    graduate = 25 if edu == "研究生" else 22
    birth = year - age
    steps = career(rng, posts, since, since - (birth + graduate))
    start = int(steps[0][0][:4])
    lines = [
        f"{since}—{steps[i + 1][0] if i + 1 < len(steps) else ''}　{post}"
        for i, (since, post) in enumerate(steps)
    ]
    head = (
        f"<p>{name}，{gender}，汉族，{birth}年{rng.randint(1, 12)}月生，{edu}学历，{degree}学位，"
        f"中共党员，{start}年7月参加工作。毕业于{school}{major}专业。</p>"
    )
    return head + "".join(f"<p>{line}</p>" for line in lines)


def _photo(name: str, slug: str, female: bool):
    Image = get_image_model()
    image = Image(
        title=f"{name}照片", file=image_file(portrait_png(slug, female=female), f"leader-{slug}.png")
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _unique_slug(base: str, used: set[str]) -> str:
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def _leaders_for(ctx, org, rng, names, slugs) -> None:
    for order, (title, portfolio) in enumerate(_titles(org, rng)):
        name, gender = person_name(rng, names)
        ctx.people.setdefault(org.slug, []).append((title, name))
        if org.has_leaders:
            continue
        slug = _unique_slug(f"{'-'.join(lazy_pinyin(name))}-{org.slug}", slugs)
        Leader.objects.create(
            organisation=org,
            sort_order=order,
            name=name,
            slug=slug,
            title=title,
            portfolio=portfolio,
            cv=cv_html(ctx.rng("cv", slug), name, gender, org, title, ctx.now.year),
            photo=_photo(name, slug, gender == "女"),
        )
        ctx.created["leaders"] += 1


@register_seed("leaders", order=20, label="领导")
def seed_leaders(ctx: SeedContext) -> None:
    """Names are drawn in a fixed order, so a second run sees the same people (and skips them)."""
    rng = ctx.rng("leaders")
    names: set[str] = set()
    slugs = set(Leader.objects.values_list("slug", flat=True))
    with_leaders = set(Leader.objects.values_list("organisation_id", flat=True))
    orgs = Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).order_by("sort_order", "pk")
    for org in orgs:
        org.has_leaders = org.pk in with_leaders
        _leaders_for(ctx, org, rng, names, slugs)
    for org in orgs:  # names actually stored win over freshly drawn ones
        stored = list(org.leaders.order_by("sort_order").values_list("title", "name"))
        if stored:
            ctx.people[org.slug] = stored
