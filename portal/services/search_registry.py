"""What the service hall contributes to search: service guides, with the answer card
(办理材料, 办理地点, 在线办理) for a query that names a service item.

Discovered by portal.search (see portal/search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.search.registry import (
    EntityData,
    EntityRef,
    Facet,
    IndexEntry,
    PageProvider,
    SearchProvider,
    plain_text,
    register,
)

from .models import ServiceItemPage, ServicePlace
from .vocabulary import AUDIENCES


@register
class ServiceItemProvider(PageProvider):
    type_key = "service_item"
    label = _("办事指南")
    order = 5
    model = ServiceItemPage
    entity_kind = "service_item"
    card_template = "services/search_cards/service_item.html"
    facets = (Facet("audience", _("服务对象"), dict(AUDIENCES)),)
    boost = 1.4

    def body_text(self, page: ServiceItemPage) -> str:
        materials = "、".join(m.name for m in page.materials.all())
        places = "、".join(p.name for p in page.places.all())
        return f"{page.code} 申请条件：{plain_text(page.conditions)} 办理材料：{materials} 办理地点：{places} {page.place_note}"

    def keywords(self, page: ServiceItemPage) -> str:
        return f"办事指南 {page.code}"

    def facet_values(self, page: ServiceItemPage) -> dict:
        return {"audience": page.audience}

    def extra(self, page: ServiceItemPage) -> dict:
        return {"online_url": page.online_url, "code": page.code}

    def dictionary_words(self):
        return ServiceItemPage.objects.live().values_list("title", flat=True)

    def entity(self, page: ServiceItemPage) -> EntityData:
        relations = []
        if page.owner_organisation_id:
            org = page.owner_organisation
            relations.append(
                ("^responsible_for", EntityRef(f"organisation:{org.pk}", "organisation", org.name))
            )
        places = [{"name": p.name, "url": f"/banshi/ditu/{p.slug}/"} for p in page.places.all()]
        relations += [("handled_at", _place_ref(p)) for p in page.places.all()]
        if page.place_note:
            places.append({"name": page.place_note, "url": ""})
        if page.promised_days == 0:
            promised = "即办"
        elif page.promised_days:
            promised = f"{page.promised_days}个工作日"
        else:
            promised = ""
        aliases = []
        for prefix in ("办理", "申请", "申领"):
            if page.title.startswith(prefix) and len(page.title) - len(prefix) >= 3:
                aliases.append(page.title.removeprefix(prefix))
        return EntityData(
            key=f"service_item:{page.pk}",
            kind="service_item",
            name=page.title,
            url=page.get_url(None) or "",
            aliases=aliases,
            data={
                "code": page.code,
                "materials": [m.name for m in page.materials.all()],
                "places": places,
                "online_url": page.online_url,
                "phone": page.phone,
                "promised": promised,
                "organisation": page.owner_organisation.name if page.owner_organisation_id else "",
            },
            relations=relations,
        )


def _place_ref(place: ServicePlace) -> EntityRef:
    return EntityRef(f"service_place:{place.pk}", "service_place", place.name, f"/banshi/ditu/{place.slug}/")


@register
class ServicePlaceProvider(SearchProvider):
    """Places of the service map: found by name and address, the target of ``handled_at`` edges."""

    type_key = "service_place"
    label = _("便民服务地点")
    order = 6
    model = ServicePlace
    entity_kind = "service_place"
    card_template = "services/search_cards/service_place.html"
    card_min_coverage = 0.6

    def get_queryset(self):
        return ServicePlace.objects.select_related("street", "community")

    def entry(self, place: ServicePlace) -> IndexEntry:
        where = " ".join(o.name for o in (place.street, place.community) if o is not None)
        return IndexEntry(
            object_id=str(place.pk),
            title=place.name,
            url=f"/banshi/ditu/{place.slug}/",
            body=(
                f"{place.get_category_display()} 地址：{place.address} {where} 开放时间：{place.hours} "
                f"联系电话：{place.phone} 无障碍设施：{place.accessibility} {place.description}"
            ),
            organisation_id=place.street_id,
            organisation_name=place.street.name if place.street_id else "",
            keywords=f"便民服务地图 {place.get_category_display()}",
            extra={"address": place.address, "phone": place.phone},
        )

    def dependents(self, place: ServicePlace) -> list:
        # The guides' answer cards name their places.
        return [("service_item", pk) for pk in place.items.values_list("pk", flat=True)]

    def entity(self, place: ServicePlace) -> EntityData:
        return EntityData(
            key=f"service_place:{place.pk}",
            kind="service_place",
            name=place.name,
            url=f"/banshi/ditu/{place.slug}/",
            data={
                "category": str(place.get_category_display()),
                "address": place.address,
                "hours": place.hours,
                "phone": place.phone,
                "accessibility": place.accessibility,
            },
        )
