"""SQLite FTS5 (external content over SearchDocument, BM25 with titles weighted ×10)."""

from __future__ import annotations

from django.db import connection

from .base import COUNT_CAP, TABLE, Counts, Engine, Filters

FTS = "portal_search_fts"
COVER = "portal_search_doc_cover"

# Beyond this many title hits, only the newest are scored (keeps very common words fast).
SCORE_CAP = 500

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

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')")

    def optimize(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")

    def exists(self, expression: str) -> bool:
        with connection.cursor() as cur:
            cur.execute(f"SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT 1", [expression])
            return cur.fetchone() is not None

    # steps of Engine.search()

    def facet_clause(self) -> str:
        return "json_extract(d.facets, %s) = %s"

    def facet_params(self, name: str, value: str) -> list:
        return [f'$."{name}"', value]

    def count_by_type(self, cur, expression, filters: Filters) -> Counts:
        # Counts per type over at most COUNT_CAP matches: exact for ordinary queries,
        # "more than" for very common words on very large indexes.
        where, params = self.where(filters, include_types=False)
        cur.execute(
            f"SELECT d.doc_type, COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s "
            f"LIMIT {COUNT_CAP + 1}) m JOIN {TABLE} d INDEXED BY {COVER} ON d.id = m.rowid "
            f"WHERE 1=1{where} GROUP BY d.doc_type",
            [expression, *params],
        )
        counts = Counts(cur.fetchall())
        counts.capped = sum(counts.values()) > COUNT_CAP or (
            bool(where) and self._count_hits_cap(cur, expression)
        )
        return counts

    def title_expression(self, expression: str, hint: str) -> str:
        # Titles weigh ten times the body in BM25; this restricts the first pass to title hits.
        if hint == expression:
            return f"title_tokens : ({expression})"
        return f"(title_tokens : ({hint})) AND ({expression})"

    def best(self, cur, expression, filters: Filters, need: int) -> list:
        # Past SCORE_CAP candidates (very common words on very large indexes), the newest are
        # taken instead of scoring them all.
        if not filters.narrowed and self._at_least(cur, expression, SCORE_CAP):
            return self._ranked_newest(cur, expression, filters, need)
        return self.ranked(cur, expression, filters, 0, need)

    def score(self, raw: float) -> float:
        return -raw  # BM25 in FTS5: lower is better

    def ranked(self, cur, expression, filters: Filters, offset, limit, by_date: bool = False) -> list:
        where, params = self.where(filters, include_types=True)
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
            f"SELECT d.id, {score} AS score FROM {FTS} JOIN {TABLE} d INDEXED BY {COVER} "
            f"ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s{where} ORDER BY {order} LIMIT %s OFFSET %s",
            [expression, *params, limit, offset],
        )
        return cur.fetchall()

    def _at_least(self, cur, expression, n: int) -> bool:
        cur.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s)", [expression, n]
        )
        return cur.fetchone()[0] >= n

    def _ranked_newest(self, cur, expression, filters: Filters, limit) -> list:
        """The newest matches in scope, newest first (BM25 over a long OR of synonyms costs
        ~0.1 ms a row; at this size the title-coverage re-ranking decides the order anyway)."""
        where, params = self.scope_sql(filters)
        if where:
            cur.execute(
                f"SELECT d.id FROM {FTS} JOIN {TABLE} d INDEXED BY {COVER} ON d.id = {FTS}.rowid "
                f"WHERE {FTS} MATCH %s{where} ORDER BY {FTS}.rowid DESC LIMIT %s",
                [expression, *params, min(limit, SCORE_CAP)],
            )
        else:
            cur.execute(
                f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rowid DESC LIMIT %s",
                [expression, min(limit, SCORE_CAP)],
            )
        # Raw scores in BM25's sense (lower is better), so score() turns them like BM25's.
        return [(row[0], -1.0 / (1 + i)) for i, row in enumerate(cur.fetchall())]

    def _count_hits_cap(self, cur, expression) -> bool:
        cur.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s)",
            [expression, COUNT_CAP + 1],
        )
        return cur.fetchone()[0] > COUNT_CAP
