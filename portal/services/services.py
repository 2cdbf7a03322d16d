"""The verbs of the service hall: completeness, guides' deadlines, scenario plans, nearest places
and ratings. Other apps use these functions, never the models directly."""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Page

from portal.core import deadlines
from portal.core.models import Organisation
from portal.core.workdays import deadline_in_working_days

from . import flows
from .models import ScenarioFlow, ServiceItemPage, ServicePlace, ServiceRating, ServiceSettings

#: The key fields of a service guide (国办秘函〔2019〕19号, veto item 6), with their labels.
KEY_FIELDS = OrderedDict(
    [
        ("title", _lazy("事项名称")),
        ("basis", _lazy("设定依据")),
        ("conditions", _lazy("申请条件")),
        ("materials", _lazy("办理材料")),
        ("places", _lazy("办理地点")),
        ("organisation", _lazy("办理机构")),
        ("fees", _lazy("收费标准")),
        ("hours", _lazy("办理时间")),
        ("phone", _lazy("联系电话")),
        ("steps", _lazy("办理流程")),
    ]
)


def _rich_text_empty(value: str) -> bool:
    return not strip_tags(value or "").strip()


def missing_key_fields(item: ServiceItemPage) -> list[str]:
    """Keys of :data:`KEY_FIELDS` the guide lacks (works on unsaved revisions too)."""
    missing = []
    if not (item.title or "").strip():
        missing.append("title")
    if not item.basis.all():
        missing.append("basis")
    if _rich_text_empty(item.conditions):
        missing.append("conditions")
    if not item.materials.all():
        missing.append("materials")
    if not (item.place_note.strip() or (item.pk and item.places.all())):
        missing.append("places")
    if not item.owner_organisation_id:
        missing.append("organisation")
    for name in ("fees", "hours", "phone"):
        if not (getattr(item, name) or "").strip():
            missing.append(name)
    if not item.steps.all():
        missing.append("steps")
    return missing


def labels(keys: list[str]) -> list[str]:
    return [str(KEY_FIELDS[k]) for k in keys]


@dataclass
class OrganisationCompleteness:
    organisation: Organisation | None
    items: int = 0
    incomplete: list[tuple[ServiceItemPage, list[str]]] = field(default_factory=list)
    veto_count: int = 0


@dataclass
class CompletenessReport:
    """Every live guide's missing key fields, per organisation, with the veto rule applied."""

    organisations: list[OrganisationCompleteness]
    veto_items: int
    veto_fields: int
    total: int

    @property
    def veto_count(self) -> int:
        return sum(o.veto_count for o in self.organisations)

    @property
    def fails(self) -> bool:
        """单项否决: at least ``veto_items`` guides each lack at least ``veto_fields`` key fields."""
        return self.veto_count >= self.veto_items


def completeness_report(queryset=None) -> CompletenessReport:
    conf = ServiceSettings.load()
    qs = queryset if queryset is not None else ServiceItemPage.objects.live()
    qs = qs.select_related("owner_organisation").prefetch_related("basis", "materials", "places", "steps")
    by_org: dict[int | None, OrganisationCompleteness] = {}
    total = 0
    for item in qs:
        total += 1
        org = item.owner_organisation
        row = by_org.setdefault(org.pk if org else None, OrganisationCompleteness(org))
        row.items += 1
        missing = missing_key_fields(item)
        if missing:
            row.incomplete.append((item, labels(missing)))
            if len(missing) >= conf.veto_fields:
                row.veto_count += 1
    rows = sorted(
        by_org.values(),
        key=lambda r: (-r.veto_count, -len(r.incomplete), r.organisation.name if r.organisation else ""),
    )
    return CompletenessReport(rows, conf.veto_items, conf.veto_fields, total)


# -- guides ------------------------------------------------------------------------------------


def due_date(days: int | None, today: date | None = None):
    """The date ``days`` working days from today (the core working-day clock), or None."""
    if days is None:
        return None
    if days == 0:
        return None
    return deadline_in_working_days(today or timezone.localdate(), days)


def guide_context(item: ServiceItemPage) -> dict:
    today = timezone.localdate()
    stats = rating_stats(ServiceRating.objects.filter(item=item)) if item.pk else None
    return {
        "legal_due": due_date(item.legal_days, today),
        "promised_due": due_date(item.promised_days, today),
        "materials": list(item.materials.all()),
        "steps": list(item.steps.all()),
        "faqs": list(item.faqs.all()),
        "basis_list": list(item.basis.all()),
        "places_list": list(item.places.all()) if item.pk else [],
        "rating_levels": ServiceRating.Level.choices,
        "rating_stats": stats,
    }


def live_items():
    return ServiceItemPage.objects.live().public()


def live_item_codes() -> set[str]:
    return set(live_items().exclude(code="").values_list("code", flat=True))


def featured_items(limit: int = 8):
    return live_items().filter(featured=True).order_by("path")[:limit]


def items_for(
    audience: str = "", life_event: str = "", lifecycle: str = "", organisation=None, initial: str = ""
):
    qs = live_items().select_related("owner_organisation")
    if audience:
        qs = qs.filter(audience__in=[audience, "both"])
    if life_event:
        qs = qs.filter(life_event=life_event)
    if lifecycle:
        qs = qs.filter(lifecycle=lifecycle)
    if organisation is not None:
        qs = qs.filter(owner_organisation=organisation)
    if initial:
        qs = qs.filter(initial=initial)
    return qs.order_by("initial", "title")


def organisations_with_items() -> list[tuple[Organisation, int]]:
    counts = dict(
        live_items()
        .values_list("owner_organisation")
        .annotate(n=Count("pk"))
        .values_list("owner_organisation", "n")
    )
    orgs = Organisation.objects.filter(pk__in=[k for k in counts if k]).order_by("sort_order", "pk")
    return [(org, counts[org.pk]) for org in orgs]


# -- scenario plans ----------------------------------------------------------------------------


@dataclass
class PlanMaterial:
    name: str
    form: str
    copies: int
    required: bool
    items: list[str]


@dataclass
class Plan:
    items: list[ServiceItemPage]
    materials: list[PlanMaterial]
    places: list[ServicePlace]
    total_promised_days: int
    critical_path_days: int
    missing_codes: list[str]


def _material_key(name: str) -> str:
    return "".join(name.split()).replace("（", "(").replace("）", ")").lower()


_FORM_RANK = {"electronic": 0, "copy": 1, "original": 2, "both": 3}


def build_plan(codes: list[str]) -> Plan:
    """The combined plan of the selected items: ordered so that prerequisites come first, the
    de-duplicated materials (one 营业执照 copy is asked once), the total promised time and the
    places to go."""
    found = {
        i.code: i
        for i in live_items()
        .filter(code__in=codes)
        .select_related("owner_organisation")
        .prefetch_related("materials", "places", "prerequisites")
    }
    selected = [found[c] for c in codes if c in found]
    missing = [c for c in codes if c not in found]
    ordered = _order(selected)
    materials: OrderedDict[str, PlanMaterial] = OrderedDict()
    for item in ordered:
        for m in item.materials.all():
            key = _material_key(m.name)
            if key in materials:
                entry = materials[key]
                entry.copies = max(entry.copies, m.copies)
                entry.required = entry.required or m.required
                if _FORM_RANK.get(m.form, 0) > _FORM_RANK.get(entry.form, 0):
                    entry.form = m.form
                if item.title not in entry.items:
                    entry.items.append(item.title)
            else:
                materials[key] = PlanMaterial(m.name.strip(), m.form, m.copies, m.required, [item.title])
    places = list(OrderedDict((p.pk, p) for item in ordered for p in item.places.all()).values())
    total = sum(i.promised_days or 0 for i in ordered)
    return Plan(ordered, list(materials.values()), places, total, _critical_path(ordered), missing)


def _order(items: list[ServiceItemPage]) -> list[ServiceItemPage]:
    """Topological order on prerequisites among the selected items, otherwise keeping their order."""
    pks = {i.pk for i in items}
    before = {i.pk: {p.pk for p in i.prerequisites.all() if p.pk in pks} for i in items}
    done: list[ServiceItemPage] = []
    placed: set[int] = set()
    remaining = list(items)
    while remaining:
        for item in remaining:
            if before[item.pk] <= placed:
                break
        else:  # a cycle in prerequisites: keep the given order
            item = remaining[0]
        done.append(item)
        placed.add(item.pk)
        remaining.remove(item)
    return done


def _critical_path(ordered: list[ServiceItemPage]) -> int:
    """Working days if items without a dependency between them run in parallel."""
    finish: dict[int, int] = {}
    pks = {i.pk for i in ordered}
    for item in ordered:
        start = max([finish[p.pk] for p in item.prerequisites.all() if p.pk in pks and p.pk in finish] or [0])
        finish[item.pk] = start + (item.promised_days or 0)
    return max(finish.values() or [0])


def live_flows():
    return ScenarioFlow.objects.filter(live=True)


def parsed(flow: ScenarioFlow) -> flows.Flow:
    return flows.validate(flow.definition)


# -- the service map -----------------------------------------------------------------------------


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine)."""
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def places_for(category: str = "", item: ServiceItemPage | None = None, street=None):
    qs = ServicePlace.objects.select_related("street", "community")
    if category:
        qs = qs.filter(category=category)
    if item is not None:
        qs = qs.filter(items=item)
    if street is not None:
        qs = qs.filter(street=street)
    return qs


def community_point(community: Organisation) -> tuple[float, float] | None:
    """The reference point of a community: the mean position of its places."""
    row = ServicePlace.objects.filter(community=community).aggregate(
        lat=Avg("latitude"), lng=Avg("longitude")
    )
    if row["lat"] is None:
        return None
    return row["lat"], row["lng"]


def nearest(places, lat: float, lng: float, limit: int | None = None) -> list[tuple[ServicePlace, float]]:
    ranked = sorted(
        ((p, distance_km(lat, lng, p.latitude, p.longitude)) for p in places), key=lambda t: (t[1], t[0].pk)
    )
    return ranked[:limit] if limit else ranked


def geojson(places) -> dict:
    """A GeoJSON FeatureCollection of ``places`` (longitude first, as RFC 7946 says)."""
    features = []
    for p in places:
        features.append(
            {
                "type": "Feature",
                "id": p.pk,
                "geometry": {"type": "Point", "coordinates": [round(p.longitude, 6), round(p.latitude, 6)]},
                "properties": {
                    "name": p.name,
                    "category": p.category,
                    "category_label": str(p.get_category_display()),
                    "address": p.address,
                    "hours": p.hours,
                    "phone": p.phone,
                    "accessibility": p.accessibility_list(),
                    "street": p.street.name if p.street_id else "",
                    "url": f"/banshi/ditu/{p.slug}/",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- ratings -------------------------------------------------------------------------------------

FOLLOWUP_CLOCK = "services.rating_followup"


def record_rating(rating: ServiceRating) -> None:
    """After a rating is committed: a bad one opens a follow-up for the owning organisation."""
    if rating.is_bad:
        deadlines.open_deadline(
            FOLLOWUP_CLOCK,
            rating,
            organisation=rating.organisation,
            started_at=rating.submitted_at,
            amount=ServiceSettings.load().followup_days,
        )


def follow_up(rating: ServiceRating, response: str, user=None) -> str:
    """Record the follow-up (回访整改) of a bad rating; a reason when refused."""
    from portal.core import audit

    if not rating.is_bad:
        return _("只有差评需要回访整改。")
    if not response.strip():
        return _("请填写回访整改情况。")
    rating.response = response.strip()
    rating.followed_up_at = timezone.now()
    rating.save(update_fields=["response", "followed_up_at"])
    deadlines.close_deadlines(rating, FOLLOWUP_CLOCK)
    audit.log(rating, "services.rating.followup", user=user, data={"response": rating.response[:200]})
    return ""


def rating_stats(qs=None) -> dict:
    qs = ServiceRating.objects.all() if qs is None else qs
    row = qs.aggregate(
        n=Count("pk"),
        avg=Avg("level"),
        good=Count("pk", filter=Q(level__gte=ServiceRating.Level.BASIC)),
        bad=Count("pk", filter=Q(level__lte=ServiceRating.Level.DISSATISFIED)),
        followed=Count(
            "pk", filter=Q(level__lte=ServiceRating.Level.DISSATISFIED, followed_up_at__isnull=False)
        ),
    )
    n = row["n"] or 0
    row["satisfaction"] = round(100 * row["good"] / n, 1) if n else None
    row["followup_rate"] = round(100 * row["followed"] / row["bad"], 1) if row["bad"] else None
    row["avg"] = round(row["avg"], 2) if row["avg"] is not None else None
    return row


def rating_stats_by_organisation() -> list[dict]:
    rows = []
    for org_id in ServiceRating.objects.values_list("organisation", flat=True).distinct():
        org = Organisation.objects.filter(pk=org_id).first()
        rows.append(
            {"organisation": org, **rating_stats(ServiceRating.objects.filter(organisation_id=org_id))}
        )
    return sorted(rows, key=lambda r: -(r["n"] or 0))


def page_for_code(code: str) -> Page | None:
    return live_items().filter(code=code).first()


def _install_guide_hook() -> None:
    from . import models

    models.guide_hook = guide_context


_install_guide_hook()
