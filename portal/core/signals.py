from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import tree_cache
from .models import Organisation, SiteIdentity, StaffProfile
from .permissions import ensure_organisation_groups, sync_staff_groups


@receiver(post_save, sender=Organisation)
def create_organisation_groups(sender, instance: Organisation, raw=False, **kwargs):
    if not raw:
        ensure_organisation_groups(instance)


@receiver(post_save, sender=StaffProfile)
def join_organisation_groups(sender, instance: StaffProfile, raw=False, **kwargs):
    if not raw:
        sync_staff_groups(instance)


# The cached tree (sites, home pages, navigation, restricted subtrees, site identity) follows
# every change of the tree and of the settings every page shows.
_TREE_MODELS = (Site, Locale, PageViewRestriction, SiteIdentity)


def _tree_changed(sender, instance=None, raw=False, **kwargs):
    if not raw:
        tree_cache.bump()


@receiver(post_save)
def _page_or_tree_saved(sender, instance, raw=False, **kwargs):
    if isinstance(instance, (Page, *_TREE_MODELS)):
        _tree_changed(sender, instance, raw)


def connect_tree_signals() -> None:
    """Deletions, per model (a receiver for every model would turn off Django's fast deletes)."""
    for model in {Page, *get_page_models(), *_TREE_MODELS}:
        post_delete.connect(_tree_changed, sender=model, dispatch_uid=f"tree-cache-{model._meta.label}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_tree_changed, dispatch_uid=f"tree-cache-{id(signal)}")
