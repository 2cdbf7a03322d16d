"""Background tasks of the editorial app, run by the django-tasks ``db_worker``.

``editorial_tick`` is registered with the site-wide scheduler in :mod:`portal.core.periodic`,
so ``manage.py portal_worker`` (what ``make run`` starts) enqueues it every five minutes. The
reminders and escalations of every clock (review steps included) are core's ``deadlines_tick``.
"""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from portal.core import periodic

from .intake import retry_pending

TICK_EVERY = timedelta(minutes=5)


@task()
def editorial_tick() -> dict:
    """Retry of OA submissions that could not be processed."""
    return {"intake_retried": len(retry_pending())}


periodic.register(editorial_tick, every=TICK_EVERY)
