"""Purges of the generated disclosure pages: the platform lists documents and organisation data,
the catalogue page its entries, the concern page its topics. None of them is an ancestor of
what it shows, so a publish elsewhere would not purge them by itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from portal.core.models import Organisation
from portal.core.purge import purge_pages

from .annual import AnnualReport
from .catalogue import CatalogueEntry, StandardCataloguePage
from .concerns import ConcernCataloguePage, ConcernLink, ConcernTopic
from .models import PolicyDocumentPage
from .platform import DisclosureGuide, DisclosurePlatformPage


@receiver(page_published, sender=PolicyDocumentPage)
@receiver(page_unpublished, sender=PolicyDocumentPage)
def purge_platform_on_document(sender, instance, **kwargs):
    purge_pages(DisclosurePlatformPage.objects.live())


@receiver(post_save, sender=AnnualReport)
@receiver(post_delete, sender=AnnualReport)
@receiver(post_save, sender=DisclosureGuide)
@receiver(post_delete, sender=DisclosureGuide)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def purge_platform(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_pages(DisclosurePlatformPage.objects.live())


@receiver(post_save, sender=CatalogueEntry)
@receiver(post_delete, sender=CatalogueEntry)
def purge_catalogue(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_pages(StandardCataloguePage.objects.live())


@receiver(post_save, sender=ConcernTopic)
@receiver(post_delete, sender=ConcernTopic)
@receiver(post_save, sender=ConcernLink)
@receiver(post_delete, sender=ConcernLink)
def purge_concerns(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_pages(ConcernCataloguePage.objects.live())
