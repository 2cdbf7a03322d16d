"""Index updates run in the task worker (db_worker), never in the request.

``purge_search_logs`` is registered with :mod:`portal.core.periodic`: the worker's scheduler runs
it daily, deleting query and click logs older than ``SEARCH_LOG_RETENTION_DAYS``.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django_tasks import task

from portal.core import periodic

from . import indexer, services
from .registry import registry

PURGE_EVERY = timedelta(days=1)


@task()
def update_search_index(type_key: str, object_id: str) -> str:
    """(Re)index one object, or remove it if it is no longer published."""
    return indexer.update(type_key, str(object_id))


@task()
def remove_from_search_index(type_key: str, object_id: str) -> str:
    provider = registry.get(type_key)
    if provider is not None:
        indexer.remove_object(provider, str(object_id))
    return "removed"


def enqueue_update(type_key: str, object_id) -> None:
    """Queue an update once the current transaction commits."""
    transaction.on_commit(lambda: update_search_index.enqueue(type_key, str(object_id)))


def enqueue_removal(type_key: str, object_id) -> None:
    transaction.on_commit(lambda: remove_from_search_index.enqueue(type_key, str(object_id)))


@task()
def purge_search_logs() -> int:
    """Delete search logs past the retention period; returns how many queries went."""
    return services.purge_query_logs()


periodic.register(purge_search_logs, every=PURGE_EVERY)
