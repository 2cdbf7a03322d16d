"""The organisation tree: the district government, its departments, streets and communities."""

from __future__ import annotations

from portal.core.models import Organisation

from .. import material
from ..registry import register_seed
from .context import SeedContext

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(prefix: str, serial: int) -> str:
    """A fictional 18-character unified social credit code with a valid check character."""
    body = f"{prefix}999900MB{serial:07d}"
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def duties_html(items: list[str]) -> str:
    numerals = "一二三四五六七八九十"
    return "".join(f"<p>（{numerals[i]}）{text}</p>" for i, text in enumerate(items))


def _contact(serial: int) -> dict:
    d = material.district()
    road = d["roads"][serial % len(d["roads"])]
    return {
        "address": f"{d['name']}{road}{18 + serial * 7 % 180}号",
        "office_hours": d["office_hours"],
        "phone": f"{d['area_code']}-8620{serial:04d}",
        "fax": f"{d['area_code']}-8621{serial:04d}",
        "postcode": f"{d['postcode_prefix']}{serial % 90 + 10:02d}",
    }


def ensure_org(ctx: SeedContext, serial: int, **fields) -> Organisation:
    existing = Organisation.objects.filter(slug=fields["slug"]).first()
    if existing:
        return existing
    registration = "55" if fields["kind"] == Organisation.Kind.COMMUNITY else "11"
    values = {
        "code": uscc(registration, serial),
        "sort_order": serial,
        "email": f"{fields['slug']}@{material.district()['domain']}",
        **_contact(serial),
        **fields,
    }
    org = Organisation(**values)
    org.full_clean()
    org.save()
    ctx.created["organisations"] += 1
    return org


def _district(ctx: SeedContext) -> Organisation:
    gov = material.district()["government"]
    return ensure_org(
        ctx,
        1,
        slug=gov["slug"],
        name=gov["name"],
        short_name=gov["short_name"],
        kind=Organisation.Kind.DISTRICT,
        parent=None,
        duties=duties_html(gov["duties"]),
        internal_units="\n".join(gov["units"]),
        address=gov["address"],
    )


def _departments(ctx: SeedContext, district: Organisation) -> None:
    d = material.district()
    for i, dept in enumerate(d["departments"]):
        ensure_org(
            ctx,
            10 + i,
            slug=dept["slug"],
            name=dept["name"],
            short_name=dept["short_name"],
            kind=Organisation.Kind.DEPARTMENT,
            parent=district,
            duties=duties_html(dept["duties"] + d["department_duties"]),
            internal_units="\n".join(dept["units"]),
        )


def _streets(ctx: SeedContext, district: Organisation) -> None:
    d = material.district()
    serial = 100
    for i, s in enumerate(d["streets"]):
        street = ensure_org(
            ctx,
            60 + i,
            slug=s["slug"],
            name=s["name"],
            short_name=s["short_name"],
            kind=Organisation.Kind.STREET,
            parent=district,
            duties=duties_html(d["street_duties"][:2] + s["duties"] + d["street_duties"][2:]),
            internal_units="\n".join(d["street_units"]),
        )
        for community in s["communities"]:
            serial += 1
            ensure_org(
                ctx,
                serial,
                slug=f"{s['slug']}-{community['slug']}",
                name=f"{s['short_name']}{community['name']}",
                short_name=community["name"],
                kind=Organisation.Kind.COMMUNITY,
                parent=street,
                duties=duties_html(d["community_duties"]),
                internal_units="\n".join(d["community_units"]),
                office_hours=d["service_hours"],
            )


@register_seed("organisations", order=10, label="机构")
def seed_organisations(ctx: SeedContext) -> dict[str, Organisation]:
    district = _district(ctx)
    _departments(ctx, district)
    _streets(ctx, district)
    ctx.orgs = {org.slug: org for org in Organisation.objects.all()}
    return ctx.orgs
