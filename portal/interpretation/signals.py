"""Purges beyond the page's own set (``portal.core.purge``): an interpretation shows on its
documents' pages and in every package of those documents; a document's validity shows on each
of its interpretations and packages."""

from __future__ import annotations

from wagtail.signals import page_published, page_unpublished

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
