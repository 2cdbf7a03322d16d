"""A service-guide type, as the future services app would register it (no models needed here)."""

from dataclasses import dataclass

from portal.search.registry import EntityData, EntityRef, IndexEntry, SearchProvider, register


@dataclass
class Guide:
    pk: int
    name: str
    materials: str
    place: str
    online_url: str
    organisation_id: int


GUIDES = [
    Guide(1, "居民身份证申领", "户口簿、近期照片", "区政务服务中心一楼", "https://zwfw.example/id", 0),
]


@register
class ServiceGuideProvider(SearchProvider):
    type_key = "service_guide"
    label = "办事指南"
    order = 5
    entity_kind = "service_guide"
    card_template = "testapp/service_card.html"

    def get_queryset(self):
        return GUIDES

    def load(self, object_id):
        return next((g for g in GUIDES if str(g.pk) == str(object_id)), None)

    def entry(self, guide):
        return IndexEntry(
            object_id=str(guide.pk),
            title=guide.name,
            url=f"/services/{guide.pk}/",
            body=f"办理材料：{guide.materials} 办理地点：{guide.place}",
        )

    def dictionary_words(self):
        return [g.name for g in GUIDES]

    def entity(self, guide):
        relations = []
        if guide.organisation_id:
            relations.append(
                ("^responsible_for", EntityRef(f"organisation:{guide.organisation_id}", "organisation", ""))
            )
        return EntityData(
            key=f"service_guide:{guide.pk}",
            kind="service_guide",
            name=guide.name,
            url=f"/services/{guide.pk}/",
            aliases=["办身份证"],
            data={"materials": guide.materials, "place": guide.place, "online_url": guide.online_url},
            relations=relations,
        )
