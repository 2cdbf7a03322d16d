"""The generated directories (机构职能, 领导信息) show organisation and leader records: purge them
from the caches when one changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.core.models import Leader, Organisation
from portal.core.purge import purge_pages

from .models import LeaderDirectoryPage, OrganisationDirectoryPage


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
@receiver(post_save, sender=Leader)
@receiver(post_delete, sender=Leader)
def purge_directories(sender, instance, raw=False, **kwargs):
    if raw:
        return
    directories = [*OrganisationDirectoryPage.objects.live(), *LeaderDirectoryPage.objects.live()]
    purge_pages(directories)
