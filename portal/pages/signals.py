from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.core.permissions import sync_page_permissions

from .models import ColumnPage


@receiver(post_save, sender=ColumnPage)
def grant_owner_permissions(sender, instance: ColumnPage, raw=False, **kwargs):
    """A column's owner organisation gets edit rights on it; no other organisation does."""
    if not raw:
        sync_page_permissions(instance, instance.owner_organisation)
