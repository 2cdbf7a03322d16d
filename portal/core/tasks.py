"""Site-wide background tasks."""

from datetime import timedelta

from django.core.management import call_command
from django_tasks import task

from . import deadlines, periodic


@task()
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled")


periodic.register(publish_scheduled_pages, every=timedelta(minutes=1))


@task()
def deadlines_tick() -> dict:
    """Reminders and escalations of every clock's due deadlines (review steps, cases…)."""
    result = deadlines.process_due()
    return {"reminded": result.reminded, "escalated": result.escalated}


periodic.register(deadlines_tick, every=timedelta(minutes=5))
