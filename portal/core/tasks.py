"""Site-wide background tasks."""

from datetime import timedelta

from django.core.management import call_command
from django_tasks import task

from . import periodic


@task()
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled")


periodic.register(publish_scheduled_pages, every=timedelta(minutes=1))
