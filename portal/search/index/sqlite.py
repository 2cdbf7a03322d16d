"""SQLite FTS5 (external content over SearchDocument, BM25 with titles weighted ×10)."""

from __future__ import annotations

from django.db import connection

from .base import TABLE, Engine, Filters, Hit

FTS = "portal_search_fts"

CREATE_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"title_tokens, body_tokens, content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
]
DROP_SQL = [f"DROP TABLE IF EXISTS {FTS}"]


class SqliteEngine(Engine):
    name = "sqlite-fts5"

    def quote(self, token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    def add(self, doc) -> None:
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {FTS}(rowid, title_tokens, body_tokens) VALUES (%s, %s, %s)",
                [doc.pk, doc.title_tokens, doc.body_tokens],
            )

    def remove(self, doc) -> None:
        # External-content FTS5 deletes by replaying the exact old values.
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {FTS}({FTS}, rowid, title_tokens, body_tokens) VALUES ('delete', %s, %s, %s)",
                [doc.pk, doc.title_tokens, doc.body_tokens],
            )

    def rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")

    def optimize(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")

    def search(self, expression, filters: Filters, sort, offset, limit):
        if not expression:
            return [], {}
        where, params = filters.sql(include_types=False)
        base = f"FROM {FTS} JOIN {TABLE} d ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s{where}"
        with connection.cursor() as cur:
            cur.execute(f"SELECT d.doc_type, COUNT(*) {base} GROUP BY d.doc_type", [expression, *params])
            counts = dict(cur.fetchall())
            if filters.types and not any(counts.get(t) for t in filters.types):
                return [], counts
            twhere, tparams = "", []
            if filters.types:
                twhere = f" AND d.doc_type IN ({', '.join(['%s'] * len(filters.types))})"
                tparams = list(filters.types)
            order = "d.date DESC, score" if sort == "date" else "score"
            cur.execute(
                f"SELECT d.id, bm25({FTS}, 10.0, 1.0) * d.boost AS score {base}{twhere} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [expression, *params, *tparams, limit, offset],
            )
            hits = [Hit(doc_id=row[0], score=-row[1]) for row in cur.fetchall()]
        return hits, counts
