"""What interpretation contributes to search and the knowledge graph: interpretations and
packages (each ``interprets`` its documents), and every 问答 pair as an answer card — a resident
asking the question gets the official answer first, with a link to the package.

Discovered by portal.search (see portal/search/registry.py)."""

from __future__ import annotations

import re

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

from .models import InterpretationPackagePage, InterpretationPage, QuestionAnswer
from .vocabulary import KINDS

_PUNCTUATION = re.compile(r"[？?。！!，,：:；;\s“”\"《》]+")


def _policy_ref(page) -> EntityRef:
    return EntityRef(f"policy:{page.pk}", "policy", page.title, page.get_url(None) or "")


@register
class InterpretationProvider(PageProvider):
    type_key = "interpretation"
    label = _("政策解读")
    order = 22
    model = InterpretationPage
    entity_kind = "interpretation"
    facets = (Facet("interpretation_kind", _("解读形式"), dict(KINDS)),)
    boost = 1.1

    def body_text(self, page: InterpretationPage) -> str:
        qa = " ".join(f"{q.question} {q.answer}" for q in page.questions.all())
        speaker = f"{page.speaker_name} {page.speaker_title}"
        return f"{page.summary} {page.body} {qa} {speaker} {page.media_source} {page.transcript}"

    def keywords(self, page: InterpretationPage) -> str:
        return f"政策解读 {page.kind_label}"

    def facet_values(self, page: InterpretationPage) -> dict:
        return {"interpretation_kind": page.kind}

    def entity(self, page: InterpretationPage) -> EntityData:
        originals = page.original_pages()
        return EntityData(
            key=f"interpretation:{page.pk}",
            kind="interpretation",
            name=page.title,
            url=page.get_url(None) or "",
            data={"kind": page.kind, "kind_label": page.kind_label},
            relations=[("interprets", _policy_ref(p)) for p in originals],
        )

    def dependents(self, page: InterpretationPage) -> list:
        return [("policy_qa", pk) for pk in page.questions.values_list("pk", flat=True)]


@register
class PackageProvider(PageProvider):
    type_key = "interpretation_package"
    label = _("解读专题")
    order = 21
    model = InterpretationPackagePage
    entity_kind = "interpretation_package"
    boost = 1.2

    def body_text(self, page: InterpretationPackagePage) -> str:
        return f"{page.intro} " + " ".join(p.title for p in page.interpretations())

    def keywords(self, page: InterpretationPackagePage) -> str:
        return "政策解读 解读专题"

    def entity(self, page: InterpretationPackagePage) -> EntityData:
        original = page.original()
        return EntityData(
            key=f"interpretation_package:{page.pk}",
            kind="interpretation_package",
            name=page.title,
            url=page.get_url(None) or "",
            relations=[("interprets", _policy_ref(original))] if original else [],
        )


def _question_key(text: str) -> str:
    return _PUNCTUATION.sub("", text)


@register
class QuestionAnswerProvider(SearchProvider):
    """A 问答 pair of a live interpretation: found by its question, shown as an answer card."""

    type_key = "policy_qa"
    label = _("政策问答")
    order = 23
    model = QuestionAnswer
    entity_kind = "policy_qa"
    card_template = "interpretation/search_cards/question.html"
    card_min_coverage = 0.6

    def get_queryset(self):
        live = InterpretationPage.objects.live().public()
        return QuestionAnswer.objects.filter(interpretation__in=live).select_related("interpretation")

    def load(self, object_id: str):
        return self.get_queryset().filter(pk=object_id).first()

    def _target(self, qa: QuestionAnswer) -> tuple[str, str, str]:
        """URL of the answer (in its package when there is one), the package's title and URL."""
        page = qa.interpretation
        package = page.package()
        if package is not None and package.live:
            return f"{page.get_url(None) or ''}#{qa.anchor}", package.title, package.get_url(None) or ""
        return f"{page.get_url(None) or ''}#{qa.anchor}", "", ""

    def entry(self, qa: QuestionAnswer) -> IndexEntry | None:
        page = qa.interpretation
        if not page.live:
            return None
        url, _title, _package_url = self._target(qa)
        site = page.get_site()
        org = page.owner_organisation
        return IndexEntry(
            object_id=str(qa.pk),
            title=qa.question,
            url=url,
            body=plain_text(qa.answer),
            organisation_id=org.pk if org else None,
            organisation_name=org.name if org else "",
            date=page.date,
            site_id=site.pk if site else None,
            locale=page.locale.language_code,
            keywords="政策问答",
        )

    def entity(self, qa: QuestionAnswer) -> EntityData:
        page = qa.interpretation
        url, package_title, package_url = self._target(qa)
        key = _question_key(qa.question)
        originals = page.original_pages()
        return EntityData(
            key=f"policy_qa:{qa.pk}",
            kind="policy_qa",
            name=qa.question,
            url=url,
            aliases=[key] if key and key != qa.question else [],
            data={
                "answer": qa.answer,
                "interpretation": page.title,
                "package": package_title,
                "package_url": package_url,
                "originals": [{"title": p.title, "url": p.get_url(None) or ""} for p in originals],
                "organisation": page.owner_organisation.name if page.owner_organisation_id else "",
            },
            relations=[("interprets", _policy_ref(p)) for p in originals],
        )
