from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Organisation, StaffProfile
from .permissions import ensure_organisation_groups, sync_staff_groups


@receiver(post_save, sender=Organisation)
def create_organisation_groups(sender, instance: Organisation, raw=False, **kwargs):
    if not raw:
        ensure_organisation_groups(instance)


@receiver(post_save, sender=StaffProfile)
def join_organisation_groups(sender, instance: StaffProfile, raw=False, **kwargs):
    if not raw:
        sync_staff_groups(instance)
