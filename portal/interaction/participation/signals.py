"""Purge the public pages of a survey, consultation or interview when it, a comment's moderation or
the live transcript changes (connected in the app's ready())."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import Consultation, ConsultationComment, Interview, InterviewQuestion, Survey, TranscriptEntry


@receiver([post_save, post_delete], sender=Survey)
@receiver([post_save, post_delete], sender=Consultation)
@receiver([post_save, post_delete], sender=Interview)
def _purge_own(sender, instance, raw=False, **kwargs):
    if not raw:
        services.purge_public(instance)


@receiver([post_save, post_delete], sender=TranscriptEntry)
@receiver([post_save, post_delete], sender=InterviewQuestion)
def _purge_interview(sender, instance, raw=False, **kwargs):
    if not raw and (sender is TranscriptEntry or instance.state != "pending"):
        services.purge_public(instance.interview)


@receiver([post_save, post_delete], sender=ConsultationComment)
def _purge_consultation(sender, instance, raw=False, **kwargs):
    if not raw and instance.state != "pending":
        services.purge_public(instance.consultation)
