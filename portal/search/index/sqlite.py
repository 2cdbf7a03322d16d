"""SQLite FTS5 (external content over SearchDocument, BM25 with titles weighted ×10)."""

from __future__ import annotations

from django.db import connection

from .base import COUNT_CAP, TABLE, Counts, Engine, Filters, Hit

FTS = "portal_search_fts"

# Beyond this many title hits, only the newest are scored (keeps very common words fast).
SCORE_CAP = 1000

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
            cur.execute("PRAGMA cache_size")
            previous = cur.fetchone()[0]
            cur.execute("PRAGMA cache_size = -262144")  # 256 MB while the index is rebuilt
            try:
                cur.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
            finally:
                cur.execute(f"PRAGMA cache_size = {int(previous)}")

    def optimize(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")

    def exists(self, expression: str) -> bool:
        with connection.cursor() as cur:
            cur.execute(f"SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT 1", [expression])
            return cur.fetchone() is not None

    def search(self, expression, filters: Filters, sort, offset, limit):
        if not expression:
            return [], Counts()
        where, params = filters.sql(include_types=False)
        with connection.cursor() as cur:
            # Counts per type over at most COUNT_CAP matches: exact for ordinary queries,
            # "more than" for very common words on very large indexes.
            cur.execute(
                f"SELECT d.doc_type, COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s "
                f"LIMIT {COUNT_CAP + 1}) m JOIN {TABLE} d INDEXED BY portal_search_doc_cover ON d.id = m.rowid WHERE 1=1{where} "
                "GROUP BY d.doc_type",
                [expression, *params],
            )
            counts = Counts(cur.fetchall())
            counts.capped = sum(counts.values()) > COUNT_CAP or (
                bool(where) and self._count_hits_cap(cur, expression)
            )
            if not counts or (filters.types and not any(counts.get(t) for t in filters.types)):
                return [], counts
            if sort == "date":
                rows = self._ranked(cur, expression, filters, offset, limit, by_date=True)
            else:
                # Titles weigh ten times the body, so the best hits are nearly always title hits:
                # rank those alone when there are enough of them (far fewer to score).
                need = offset + limit
                title_expression = f"title_tokens : ({expression})"
                if not where and not filters.types and self._at_least(cur, title_expression, SCORE_CAP):
                    # Thousands of title hits (a very common word on a very large index): score
                    # only the newest SCORE_CAP of them instead of every one.
                    rows = self._ranked_newest(cur, title_expression, need)
                else:
                    rows = self._ranked(cur, title_expression, filters, 0, need)
                if len(rows) < need:
                    rows = self._ranked(cur, expression, filters, 0, need)
                rows = rows[offset:need]
        return [Hit(doc_id=row[0], score=-row[1]) for row in rows], counts

    def _at_least(self, cur, expression, n: int) -> bool:
        cur.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s)", [expression, n]
        )
        return cur.fetchone()[0] >= n

    def _ranked_newest(self, cur, expression, limit) -> list:
        cur.execute(
            f"SELECT rowid, score FROM (SELECT rowid, bm25({FTS}, 10.0, 1.0) AS score FROM {FTS} "
            f"WHERE {FTS} MATCH %s ORDER BY rowid DESC LIMIT {SCORE_CAP}) ORDER BY score LIMIT %s",
            [expression, limit],
        )
        return cur.fetchall()

    def _count_hits_cap(self, cur, expression) -> bool:
        cur.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s)",
            [expression, COUNT_CAP + 1],
        )
        return cur.fetchone()[0] > COUNT_CAP

    def _ranked(self, cur, expression, filters: Filters, offset, limit, by_date: bool = False) -> list:
        where, params = filters.sql(include_types=True)
        score = f"bm25({FTS}, 10.0, 1.0)"
        if not where and not by_date:
            cur.execute(
                f"SELECT rowid, {score} AS score FROM {FTS} WHERE {FTS} MATCH %s "
                "ORDER BY score LIMIT %s OFFSET %s",
                [expression, limit, offset],
            )
            return cur.fetchall()
        order = "d.date DESC, score" if by_date else "score"
        cur.execute(
            f"SELECT d.id, {score} AS score FROM {FTS} JOIN {TABLE} d INDEXED BY portal_search_doc_cover ON d.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s{where} ORDER BY {order} LIMIT %s OFFSET %s",
            [expression, *params, limit, offset],
        )
        return cur.fetchall()
