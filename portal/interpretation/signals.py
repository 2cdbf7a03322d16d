"""Purges beyond the page's own set (``portal.core.purge``): an interpretation shows on its
documents' pages and in every package of those documents; a document's validity shows on each
of its interpretations and packages. A package also lists each interpretation's count of
comments (``portal.core.list_annotations``): it is one of the lists showing them."""

from __future__ import annotations

from wagtail.signals import page_published, page_unpublished

from portal.core.list_annotations import listed_on
from portal.core.purge import purge_pages

from .models import InterpretationPackagePage, InterpretationPage, InterpretedPolicy
from .services import is_policy


def _shown_with(page) -> list:
    policy_ids: set[int] = set()
    if isinstance(page, InterpretationPage):
        policy_ids = set(
            InterpretedPolicy.objects.filter(interpretation=page).values_list("policy_id", flat=True)
        )
    elif isinstance(page, InterpretationPackagePage) and page.policy_id:
        policy_ids = {page.policy_id}
    elif is_policy(page):
        interpretations = InterpretationPage.objects.live().filter(originals__policy_id=page.pk)
        packages = InterpretationPackagePage.objects.live().filter(policy_id=page.pk)
        return [*interpretations, *packages]
    if not policy_ids:
        return []
    from wagtail.models import Page

    shown = list(Page.objects.live().filter(pk__in=policy_ids))
    shown += list(
        InterpretationPackagePage.objects.live().filter(policy_id__in=policy_ids).exclude(pk=page.pk)
    )
    return shown


def _purge_related(sender, instance, **kwargs):
    pages = _shown_with(instance.specific)
    if pages:
        purge_pages(pages)


page_published.connect(_purge_related, dispatch_uid="interpretation.purge_published")
page_unpublished.connect(_purge_related, dispatch_uid="interpretation.purge_unpublished")


def _packages_listing(sender, pages, **kwargs) -> list:
    """The packages that list these interpretations beside their own (those of their documents)."""
    interpretations = [p for p in pages if isinstance(p, InterpretationPage)]
    if not interpretations:
        return []
    policy_ids = InterpretedPolicy.objects.filter(interpretation__in=interpretations).values("policy_id")
    return list(InterpretationPackagePage.objects.live().filter(policy_id__in=policy_ids))


listed_on.connect(_packages_listing, dispatch_uid="interpretation.packages_listing")
