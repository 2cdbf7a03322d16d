"""The organisation tree: the district government, its departments, streets and communities."""

from __future__ import annotations

from portal.core.models import Organisation

from .. import data
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
    road = data.ROADS[serial % len(data.ROADS)]
    return {
        "address": f"示范区{road}{18 + serial * 7 % 180}号",
        "office_hours": data.OFFICE_HOURS,
        "phone": f"{data.AREA_CODE}-8620{serial:04d}",
        "fax": f"{data.AREA_CODE}-8621{serial:04d}",
        "postcode": f"{data.POSTCODE_PREFIX}{serial % 90 + 10:02d}",
    }


def ensure_org(ctx: SeedContext, serial: int, **fields) -> Organisation:
    existing = Organisation.objects.filter(slug=fields["slug"]).first()
    if existing:
        return existing
    registration = "55" if fields["kind"] == Organisation.Kind.COMMUNITY else "11"
    values = {
        "code": uscc(registration, serial),
        "sort_order": serial,
        "email": f"{fields['slug']}@{data.DOMAIN}",
        **_contact(serial),
        **fields,
    }
    org = Organisation(**values)
    org.full_clean()
    org.save()
    ctx.created["organisations"] += 1
    return org


def _district(ctx: SeedContext) -> Organisation:
    d = data.DISTRICT_GOV
    return ensure_org(
        ctx,
        1,
        slug=d["slug"],
        name=d["name"],
        short_name=d["short_name"],
        kind=Organisation.Kind.DISTRICT,
        parent=None,
        duties=duties_html(d["duties"]),
        internal_units="\n".join(d["units"]),
        address="示范区政务大道88号",
    )


def _departments(ctx: SeedContext, district: Organisation) -> None:
    for i, (slug, name, short, _prefix, units, duties) in enumerate(data.DEPARTMENTS):
        ensure_org(
            ctx,
            10 + i,
            slug=slug,
            name=name,
            short_name=short,
            kind=Organisation.Kind.DEPARTMENT,
            parent=district,
            duties=duties_html(duties + data.GENERIC_DUTIES),
            internal_units="\n".join(units),
        )


def _streets(ctx: SeedContext, district: Organisation) -> None:
    serial = 100
    for i, (slug, name, short, communities) in enumerate(data.STREETS):
        street = ensure_org(
            ctx,
            60 + i,
            slug=slug,
            name=name,
            short_name=short,
            kind=Organisation.Kind.STREET,
            parent=district,
            duties=duties_html(data.STREET_DUTIES),
            internal_units="\n".join(data.STREET_UNITS),
        )
        for c_slug, c_name in communities:
            serial += 1
            ensure_org(
                ctx,
                serial,
                slug=f"{slug}-{c_slug}",
                name=f"{short}{c_name}",
                short_name=c_name,
                kind=Organisation.Kind.COMMUNITY,
                parent=street,
                duties=duties_html(data.COMMUNITY_DUTIES),
                internal_units="\n".join(data.COMMUNITY_UNITS),
                office_hours=data.SERVICE_HOURS,
            )


def seed_organisations(ctx: SeedContext) -> dict[str, Organisation]:
    district = _district(ctx)
    _departments(ctx, district)
    _streets(ctx, district)
    ctx.orgs = {org.slug: org for org in Organisation.objects.all()}
    return ctx.orgs
