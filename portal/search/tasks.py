"""Index updates run in the task worker (db_worker), never in the request."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from . import indexer


@task()
def update_search_index(type_key: str, object_id: str) -> str:
    """(Re)index one object, or remove it if it is no longer published."""
    return indexer.update(type_key, str(object_id))


@task()
def remove_from_search_index(type_key: str, object_id: str) -> str:
    provider = indexer.registry.get(type_key)
    if provider is not None:
        indexer.remove_object(provider, str(object_id))
    return "removed"


def enqueue_update(type_key: str, object_id) -> None:
    """Queue an update once the current transaction commits."""
    transaction.on_commit(lambda: update_search_index.enqueue(type_key, str(object_id)))


def enqueue_removal(type_key: str, object_id) -> None:
    transaction.on_commit(lambda: remove_from_search_index.enqueue(type_key, str(object_id)))
