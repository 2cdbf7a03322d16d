"""Full-text engines over :class:`~portal.search.models.SearchDocument`, one per database.

Both engines index the same pre-segmented text (``title_tokens``, ``body_tokens``), so ranking
differs only in the scoring function: FTS5 BM25 on SQLite, ``ts_rank`` on PostgreSQL.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import Engine, Filters, Hit
from .postgres import PostgresEngine
from .sqlite import SqliteEngine

__all__ = ["Engine", "Filters", "Hit", "get_engine"]

_ENGINES: dict[str, type[Engine]] = {"sqlite": SqliteEngine, "postgresql": PostgresEngine}


def get_engine() -> Engine:
    try:
        return _ENGINES[connection.vendor]()
    except KeyError:
        raise ImproperlyConfigured(
            f"portal.search has no full-text engine for {connection.vendor}; use SQLite or PostgreSQL, "
            "or Wagtail's OpenSearch backend (docs/search.md)."
        ) from None
