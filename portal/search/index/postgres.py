"""PostgreSQL full text: a tsvector side table on the same pre-segmented text ('simple' config)."""

from __future__ import annotations

from django.db import connection

from .base import TABLE, Counts, Engine, Filters, Hit

PG = "portal_search_pgindex"
VECTOR = (
    "setweight(to_tsvector('simple', d.title_tokens), 'A') || "
    "setweight(to_tsvector('simple', d.body_tokens), 'D')"
)

CREATE_SQL = [
    # No foreign key: Django's flush truncates SearchDocument's table on its own, which
    # PostgreSQL refuses while another table references it. remove() deletes rows instead.
    f"CREATE TABLE IF NOT EXISTS {PG} (doc_id bigint PRIMARY KEY, vec tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {PG}_vec ON {PG} USING gin(vec)",
]
DROP_SQL = [f"DROP TABLE IF EXISTS {PG}"]


class PostgresEngine(Engine):
    name = "postgresql-tsvector"
    AND = " & "
    OR = " | "

    def quote(self, token: str) -> str:
        return "'" + token.replace("'", "''").replace("\\", "") + "'"

    def add(self, doc) -> None:
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {PG}(doc_id, vec) SELECT d.id, {VECTOR} FROM {TABLE} d WHERE d.id = %s "
                "ON CONFLICT (doc_id) DO UPDATE SET vec = EXCLUDED.vec",
                [doc.pk],
            )

    def remove(self, doc) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {PG} WHERE doc_id = %s", [doc.pk])

    def rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {PG}")
            cur.execute(f"INSERT INTO {PG}(doc_id, vec) SELECT d.id, {VECTOR} FROM {TABLE} d")

    def exists(self, expression: str) -> bool:
        with connection.cursor() as cur:
            cur.execute(f"SELECT 1 FROM {PG} WHERE vec @@ to_tsquery('simple', %s) LIMIT 1", [expression])
            return cur.fetchone() is not None

    def search(self, expression, filters: Filters, sort, offset, limit, title_hint: str = ""):
        if not expression:
            return [], Counts()
        where, params = filters.sql(include_types=False)
        base = (
            f"FROM {PG} x JOIN {TABLE} d ON d.id = x.doc_id, to_tsquery('simple', %s) q "
            f"WHERE x.vec @@ q{where}"
        )
        with connection.cursor() as cur:
            cur.execute(f"SELECT d.doc_type, COUNT(*) {base} GROUP BY d.doc_type", [expression, *params])
            counts = Counts(cur.fetchall())
            if filters.types and not any(counts.get(t) for t in filters.types):
                return [], counts
            twhere, tparams = "", []
            if filters.types:
                twhere = f" AND d.doc_type IN ({', '.join(['%s'] * len(filters.types))})"
                tparams = list(filters.types)
            order = "d.date DESC NULLS LAST, score DESC" if sort == "date" else "score DESC"
            cur.execute(
                f"SELECT d.id, ts_rank(x.vec, q, 1) AS score {base}{twhere} "
                f"ORDER BY {order}, d.id LIMIT %s OFFSET %s",
                [expression, *params, *tparams, limit, offset],
            )
            hits = [Hit(doc_id=row[0], score=float(row[1])) for row in cur.fetchall()]
        return hits, counts
