"""What disclosure contributes to search: policy documents, organisations and leaders.

Discovered by portal.search (see portal/search/registry.py); the search app never imports these models.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.core.models import Leader, Organisation
from portal.search.registry import (
    EntityData,
    EntityRef,
    Facet,
    IndexEntry,
    PageProvider,
    SearchProvider,
    plain_text,
    register,
    topic_ref,
)

from .models import LeaderDirectoryPage, OrganisationDirectoryPage, PolicyDocumentPage


def _org_ref(org: Organisation) -> EntityRef:
    return EntityRef(f"organisation:{org.pk}", "organisation", org.name)


@register
class PolicyProvider(PageProvider):
    type_key = "policy"
    label = "政策文件"
    order = 20
    model = PolicyDocumentPage
    entity_kind = "policy"
    card_template = "disclosure/search_cards/policy.html"
    facets = (Facet("validity", _("文件有效性"), dict(PolicyDocumentPage.Validity.choices)),)
    boost = 1.2

    def body_text(self, page: PolicyDocumentPage) -> str:
        return f"{page.document_number} {page.issuing_organ} {page.index_number} {page.topic} {page.body}"

    def keywords(self, page: PolicyDocumentPage) -> str:
        return page.document_number

    def facet_values(self, page: PolicyDocumentPage) -> dict:
        return {"validity": page.validity}

    def extra(self, page: PolicyDocumentPage) -> dict:
        return {"document_number": page.document_number, "index_number": page.index_number}

    def entity(self, page: PolicyDocumentPage) -> EntityData:
        relations = [("concerns_topic", topic_ref(page.topic))]
        if page.owner_organisation_id:
            relations.append(("issued_by", _org_ref(page.owner_organisation)))
        replaced_by = page.replaced_by
        if replaced_by is not None:
            relations.append(("^replaces", self.entity_ref(replaced_by)))
        replaces = [
            {"title": p.title, "url": p.get_url(None), "document_number": p.document_number}
            for p in page.replaces.live()
        ]
        for old in page.replaces.live():
            relations.append(("replaces", self.entity_ref(old)))
        return EntityData(
            key=f"policy:{page.pk}",
            kind="policy",
            name=page.title,
            url=page.get_url(None) or "",
            aliases=[page.document_number] if page.document_number else [],
            data={
                "document_number": page.document_number,
                "index_number": page.index_number,
                "issuing_organ": page.issuing_organ,
                "written_date": page.written_date.isoformat() if page.written_date else "",
                "validity": page.validity,
                "validity_label": str(page.get_validity_display()),
                "in_force": page.in_force,
                "replaced_by": (
                    {
                        "title": replaced_by.title,
                        "url": replaced_by.get_url(None),
                        "document_number": replaced_by.document_number,
                    }
                    if replaced_by
                    else None
                ),
                "replaces": replaces,
                "topic": page.topic,
            },
            relations=relations,
        )

    def dependents(self, page: PolicyDocumentPage) -> list:
        related = [("policy", p.pk) for p in page.replaces.all()]
        if page.replaced_by_id:
            related.append(("policy", page.replaced_by_id))
        return related


def _org_aliases(org: Organisation) -> list[str]:
    """Short name, and names without the district prefix (区人社局 → 人社局, 示范区民政局 → 民政局)."""
    root = org.root()
    district = root.name.removesuffix("人民政府")
    aliases = {org.short_name} if org.short_name else set()
    if district and org.name.startswith(district) and org.pk != root.pk:
        aliases.add(org.name.removeprefix(district))
    for alias in list(aliases):
        if alias.startswith("区") and len(alias) > 3:
            aliases.add(alias[1:])
    return sorted(a for a in aliases if len(a) >= 2 and a != org.name)


def _directory_url(page_model, obj) -> str:
    directory = page_model.objects.live().first()
    return directory.url_for(obj) if directory else ""


def _directory_site_id(page_model) -> int | None:
    """The site whose directory page shows these entries (None: no directory, shared by all)."""
    directory = page_model.objects.live().first()
    site = directory.get_site() if directory else None
    return site.pk if site else None


@register
class OrganisationProvider(SearchProvider):
    type_key = "organisation"
    label = "机构"
    order = 10
    model = Organisation
    entity_kind = "organisation"
    card_template = "disclosure/search_cards/organisation.html"

    def entry(self, org: Organisation) -> IndexEntry:
        return IndexEntry(
            object_id=str(org.pk),
            title=org.name,
            url=_directory_url(OrganisationDirectoryPage, org) or f"/search/entity/organisation:{org.pk}/",
            body=" ".join(
                [
                    org.short_name,
                    f"办公地址：{org.address} 办公时间：{org.office_hours} 联系电话：{org.phone}",
                    plain_text(org.duties),
                    org.internal_units,
                ]
            ),
            organisation_id=org.pk,
            organisation_name=org.name,
            keywords=org.short_name,
            extra={"phone": org.phone, "address": org.address},
            site_id=_directory_site_id(OrganisationDirectoryPage),
            boost=1.5,
        )

    def dictionary_words(self):
        for name, short in Organisation.objects.values_list("name", "short_name"):
            yield name
            if short:
                yield short

    def entity(self, org: Organisation) -> EntityData:
        relations = [("belongs_to", _org_ref(org.parent))] if org.parent_id else []
        return EntityData(
            key=f"organisation:{org.pk}",
            kind="organisation",
            name=org.name,
            url=_directory_url(OrganisationDirectoryPage, org),
            aliases=_org_aliases(org),
            data={
                "kind": str(org.get_kind_display()),
                "address": org.address,
                "office_hours": org.office_hours,
                "phone": org.phone,
                "email": org.email,
                "duties": plain_text(org.duties)[:300],
                "leaders": [
                    {"name": ldr.name, "title": ldr.title, "url": _directory_url(LeaderDirectoryPage, ldr)}
                    for ldr in org.leaders.all()[:6]
                ],
            },
            relations=relations,
        )


@register
class LeaderProvider(SearchProvider):
    type_key = "leader"
    label = "领导"
    order = 15
    model = Leader
    entity_kind = "leader"
    card_template = "disclosure/search_cards/leader.html"

    def get_queryset(self):
        return Leader.objects.select_related("organisation")

    def entry(self, leader: Leader) -> IndexEntry:
        org = leader.organisation
        return IndexEntry(
            object_id=str(leader.pk),
            title=f"{leader.name} {leader.title}",
            url=_directory_url(LeaderDirectoryPage, leader) or f"/search/entity/leader:{leader.pk}/",
            body=f"{leader.portfolio} {plain_text(leader.cv)}",
            organisation_id=org.pk,
            organisation_name=org.name,
            keywords=" ".join([org.name, *_org_aliases(org), "领导"]),
            extra={"title": leader.title},
            site_id=_directory_site_id(LeaderDirectoryPage),
            boost=1.5,
        )

    def dictionary_words(self):
        return Leader.objects.values_list("name", flat=True)

    def dependents(self, leader: Leader) -> list:
        return [("organisation", leader.organisation_id)]

    def entity(self, leader: Leader) -> EntityData:
        return EntityData(
            key=f"leader:{leader.pk}",
            kind="leader",
            name=leader.name,
            url=_directory_url(LeaderDirectoryPage, leader),
            data={
                "title": leader.title,
                "portfolio": leader.portfolio,
                "organisation": leader.organisation.name,
            },
            relations=[("belongs_to", _org_ref(leader.organisation))],
        )
