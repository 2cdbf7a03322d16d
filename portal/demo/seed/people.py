"""Leaders (领导信息) with CVs, portfolios and generated portrait placeholders."""

from __future__ import annotations

import random

from pypinyin import lazy_pinyin
from wagtail.images import get_image_model

from portal.core.models import Leader, Organisation

from .. import material
from ..media import image_file, portrait_png
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


CAREER_UNITS, CAREER_POSTS = PEOPLE["career_units"], PEOPLE["career_posts"]


def _career(rng: random.Random, start: int, current: int) -> list[tuple[str, str]]:
    """(from, post) steps, each ending where the next begins."""
    count = rng.randint(3, 5)
    years = sorted(rng.sample(range(start + 2, current), count - 1)) if current - start > count + 2 else []
    stamps = [f"{start}.07"] + [f"{y}.{rng.randint(1, 12):02d}" for y in years]
    first_street = rng.choice(material.district()["streets"])["short_name"]
    posts = [f"示范区{first_street}办事处科员"]
    for i in range(1, len(stamps)):
        posts.append(f"示范区{rng.choice(CAREER_UNITS)}{CAREER_POSTS[min(i, len(CAREER_POSTS) - 1)]}")
    return list(zip(stamps, posts))


def cv_html(rng: random.Random, name: str, gender: str, org: Organisation, title: str, year: int) -> str:
    birth = year - rng.randint(42, 56)
    chosen = rng.choice(PEOPLE["degrees"])
    edu, degree = chosen["education"], chosen["degree"]
    school, major = rng.choice(PEOPLE["universities"]), rng.choice(PEOPLE["majors"])
    start, current = birth + 22, year - rng.randint(1, 4)
    steps = _career(rng, start, current) + [(f"{current}.{rng.randint(1, 12):02d}", f"{org.name}{title}")]
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
