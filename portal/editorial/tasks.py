"""Background tasks of the editorial app, run by the django-tasks ``db_worker``.

``editorial_tick`` is registered with the site-wide scheduler in :mod:`portal.core.periodic`,
so ``manage.py portal_worker`` (what ``make run`` starts) enqueues it every five minutes.
Scheduled publishing and expiry (``publish_scheduled``) are registered by ``portal.core.tasks``.
"""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from portal.core import periodic

TICK_EVERY = timedelta(minutes=5)


@task()
def editorial_tick() -> dict:
    """Reminders and escalations of overdue review steps; retry of failed OA submissions."""
    from .deadlines import process_deadlines
    from .intake import retry_pending

    result = process_deadlines()
    retried = retry_pending()
    return {
        "reminded": result.reminded,
        "escalated": result.escalated,
        "closed": result.closed,
        "intake_retried": len(retried),
    }


periodic.register(editorial_tick, every=TICK_EVERY)
