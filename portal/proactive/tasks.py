"""Background work: a matching run in the worker, and the daily retention purge."""

from datetime import timedelta

from django_tasks import task

from portal.core import periodic


@task()
def run_matching(run_id: int) -> dict:
    """Match the run's benefits over the whole population (progress stored on the run)."""
    from . import services
    from .models import MatchRun

    run = services.perform_run(MatchRun.objects.get(pk=run_id))
    return {"run": run.pk, "results": run.results.count()}


def start_run(user=None, benefit=None, run_date=None):
    """Queue a matching run for the worker (enqueued once the transaction commits)."""
    from django.db import transaction
    from django.utils import timezone

    from .models import MatchRun

    run = MatchRun.objects.create(run_date=run_date or timezone.localdate(), benefit=benefit, started_by=user)
    transaction.on_commit(lambda: run_matching.enqueue(run.pk))
    return run


@task()
def purge_expired_datasets() -> dict:
    """Delete imported rows past their dataset's retention period."""
    from . import services

    return {"purged": services.purge_expired()}


periodic.register(purge_expired_datasets, every=timedelta(days=1))
