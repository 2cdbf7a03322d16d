"""Workflow events → the editorial verbs (clocks follow steps, submitters hear of rejections)."""

from django.dispatch import receiver
from wagtail.models import TaskState
from wagtail.signals import task_approved, task_cancelled, task_rejected, task_submitted, workflow_rejected

from . import transitions
from .models import OrganisationReviewTask


@receiver(task_submitted)
def _on_task_submitted(sender, instance, user=None, **kwargs):
    # The content check starts its own clock, and only when it waits for a reviewer.
    if isinstance(instance, TaskState) and isinstance(instance.task.specific, OrganisationReviewTask):
        transitions.start_review_step(instance)


@receiver(task_approved)
@receiver(task_rejected)
@receiver(task_cancelled)
def _on_task_finished(sender, instance, user=None, **kwargs):
    transitions.finish_step(instance)


@receiver(workflow_rejected)
def _on_workflow_rejected(sender, instance, user=None, **kwargs):
    transitions.notify_rejection(instance)
