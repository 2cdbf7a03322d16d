"""Background tasks of the editorial app, run by the django-tasks ``db_worker``."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task


@task()
def editorial_tick() -> dict:
    """Reminders and escalations of overdue review steps (run every few minutes)."""
    from .deadlines import process_deadlines

    result = process_deadlines()
    return {"reminded": result.reminded, "escalated": result.escalated, "closed": result.closed}


try:  # the site-wide scheduler in core runs registered tasks periodically (portal_worker)
    from portal.core import periodic
except ImportError:  # pragma: no cover - older trees without the scheduler
    periodic = None
if periodic is not None:
    periodic.register(editorial_tick, every=timedelta(minutes=5))
