"""Wire content events to the index: Wagtail publish/unpublish, view restrictions, and saves of
non-page models.

Additions and updates run as tasks after commit. Withdrawals of pages that stop being public
(unpublished, saved as not live, or placed under a view restriction) run at once, inside the
transaction that changes the page, so no search ever shows them once that transaction commits.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexer
from .registry import registry
from .tasks import enqueue_removal, enqueue_update


def _page_published(sender, instance, **kwargs) -> None:
    provider = registry.for_instance(instance)
    if provider is not None:
        enqueue_update(provider.type_key, instance.pk)


def _page_unpublished(sender, instance, **kwargs) -> None:
    provider = registry.for_instance(instance)
    if provider is not None:
        indexer.withdraw(provider, instance.pk)


def _page_saved(sender, instance, raw=False, **kwargs) -> None:
    """A page saved as not live (unpublished without the signal, or a new draft) leaves at once."""
    if raw or instance.live:
        return
    provider = registry.for_instance(instance)
    if provider is not None:
        indexer.withdraw(provider, instance.pk)


def _withdraw_subtree(page: Page) -> None:
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific(defer=True):
        provider = registry.for_instance(descendant)
        if provider is not None:
            indexer.withdraw(provider, descendant.pk)


def _restriction_saved(sender, instance, raw=False, **kwargs) -> None:
    """A view restriction (login, password, groups) hides the page and everything below it."""
    if not raw:
        _withdraw_subtree(instance.page)


def _restriction_deleted(sender, instance, **kwargs) -> None:
    """Lifting a restriction makes the pages below public again (if no other restriction applies)."""
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    for descendant in Page.objects.descendant_of(page, inclusive=True).live().public().specific():
        provider = registry.for_instance(descendant)
        if provider is not None:
            enqueue_update(provider.type_key, descendant.pk)


def _page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs) -> None:
    """A moved page (and everything below it) has new URLs: re-index them all; those that are
    no longer public (moved under a restricted section) leave the index at once."""
    if url_path_before == url_path_after:
        return
    public = set(
        Page.objects.descendant_of(instance, inclusive=True).live().public().values_list("pk", flat=True)
    )
    for page in Page.objects.descendant_of(instance, inclusive=True).specific(defer=True):
        provider = registry.for_instance(page)
        if provider is None:
            continue
        if page.pk in public:
            enqueue_update(provider.type_key, page.pk)
        else:
            indexer.withdraw(provider, page.pk)


def _page_deleted(sender, instance, **kwargs) -> None:
    provider = registry.for_instance(instance.specific_deferred if isinstance(instance, Page) else instance)
    if provider is not None:
        enqueue_removal(provider.type_key, instance.pk)


def _model_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    provider = registry.for_instance(instance)
    if provider is not None and not provider.is_page:
        enqueue_update(provider.type_key, instance.pk)


def _model_deleted(sender, instance, **kwargs) -> None:
    provider = registry.for_instance(instance)
    if provider is not None and not provider.is_page:
        enqueue_removal(provider.type_key, instance.pk)


def _vocabulary_changed(sender, **kwargs) -> None:
    from django.core.cache import cache

    from .query import CONTROLS_KEY
    from .services import hot_words_changed
    from .text import synonyms_changed
    from .understanding import intents_changed

    synonyms_changed()
    intents_changed()
    cache.delete(CONTROLS_KEY)
    hot_words_changed()


def _after_flush_or_migrate(sender, using="default", **kwargs) -> None:
    """`manage.py flush` (and test-case teardown) empties SearchDocument but not the engine's own
    table, which Django does not know about: clear it too, or stale entries would match new rows."""
    from django.db import connections

    from .index import get_engine
    from .models import SearchDocument

    connection = connections[using]
    if using != "default" or connection.vendor not in ("sqlite", "postgresql"):
        return
    tables = set(connection.introspection.table_names())
    side_table = "portal_search_fts" if connection.vendor == "sqlite" else "portal_search_pgindex"
    if {SearchDocument._meta.db_table, side_table} <= tables and not SearchDocument.objects.exists():
        get_engine().clear()


def connect() -> None:
    from django.apps import apps
    from django.db.models.signals import post_migrate

    post_migrate.connect(
        _after_flush_or_migrate,
        sender=apps.get_app_config("portal_search"),
        dispatch_uid="portal_search_flush",
    )
    from .models import BestBet, DeniedTerm, HotWord, QueryIntent, Synonym

    for model in (Synonym, HotWord, DeniedTerm, BestBet, QueryIntent):
        post_save.connect(
            _vocabulary_changed, sender=model, dispatch_uid=f"portal_search_vocab_{model.__name__}"
        )
        post_delete.connect(
            _vocabulary_changed, sender=model, dispatch_uid=f"portal_search_vocabd_{model.__name__}"
        )
    page_published.connect(_page_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="portal_search_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="portal_search_moved")
    post_save.connect(_restriction_saved, sender=PageViewRestriction, dispatch_uid="portal_search_restricted")
    post_delete.connect(
        _restriction_deleted, sender=PageViewRestriction, dispatch_uid="portal_search_unrestricted"
    )
    for provider in registry.providers():
        if provider.model is None:
            continue
        if provider.is_page:
            post_delete.connect(
                _page_deleted, sender=provider.model, dispatch_uid=f"portal_search_pdel_{provider.type_key}"
            )
            post_save.connect(
                _page_saved, sender=provider.model, dispatch_uid=f"portal_search_psave_{provider.type_key}"
            )
        else:
            uid = f"portal_search_{provider.type_key}"
            post_save.connect(_model_saved, sender=provider.model, dispatch_uid=uid + "_save")
            post_delete.connect(_model_deleted, sender=provider.model, dispatch_uid=uid + "_delete")
