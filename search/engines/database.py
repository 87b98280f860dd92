"""The database engine: the ``SearchDocument`` table with the database's own full-text index.

One query finds the joint distribution of the matches over the four facets
(content type, agency, field, level); the totals and every facet's counts
follow from it in Python (each facet counted with the other facets' filters
applied, so a citizen sees what choosing another value would give). Then one
page of hits, ranked in the tiers of ``base.relevance_key``: tiers 1–2 are
decided over every match without reading any body; tiers 3–4 re-order a window
of the best 100 (see ``ranked_ids``; docs/search.md). The window comes from
``postgres.PostgresPlans`` or ``sqlite.SqlitePlans``.
"""

from __future__ import annotations

import time
from contextlib import contextmanager, suppress

from django.db import DatabaseError, connection, transaction

from ..models import SearchDocument
from ..text import clean_query, query_tokens
from . import facetcache
from .base import (
    DOC_TABLE,
    RESCORE_WINDOW,
    SearchFilters,
    SearchOutcome,
    base_where,
    empty_outcome,
    fetch_documents,
    relevance_key,
    restricted_paths,
    summarise,
)
from .postgres import PostgresPlans, pg_autocomplete, pg_match
from .sqlite import SqlitePlans, sqlite_autocomplete, sqlite_match


class DatabaseEngine(PostgresPlans, SqlitePlans):
    """Searches the ``SearchDocument`` table with the database's own full-text index."""

    name = "database"

    def __init__(self):
        self.vendor = connection.vendor
        self._open_cursor = None  # the cursor of the search under way: one transaction for all its statements
        self._restricted = None  # view-restricted paths, read once per search
        self.table_size = 0.0  # PostgreSQL's estimate of the index's rows, read with the facets

    def _base(self, locale_id: int) -> tuple[str, list]:
        return base_where(locale_id, self._restricted)

    def _match(self, query: str, tokens: list[str]) -> tuple[str, str, list]:
        """FROM clause, WHERE condition and params that select the documents matching every word."""
        return pg_match(tokens) if self.vendor == "postgresql" else sqlite_match(tokens)

    @contextmanager
    def _cursor(self):
        """A cursor in a transaction; on PostgreSQL, matches are read through the GIN indexes, in one process.

        The planner underestimates what reading every matching row's vector
        costs and picks a sequential scan for common words; a bitmap scan of the
        GIN index needs no vector at all (it is exact for AND queries). Parallel
        workers made the counting slower here (47 vs 37 ms for 48,000 matches on
        2 cores), and on a busy server every core already serves a request.
        JIT is off: a walk is planned with sorts off (``postgres._pg_rescored``), and
        the cost penalty of the sort that remains put the statement above
        ``jit_above_cost``: 500 ms of compiling for a 45 ms statement.
        """
        if self._open_cursor is not None:
            yield self._open_cursor
            return
        if self.vendor == "sqlite":
            with self._sqlite_read_transaction() as cursor:
                self._open_cursor = cursor
                try:
                    yield cursor
                finally:
                    self._open_cursor = None
            return
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off"
                )
            self._open_cursor = cursor
            try:
                yield cursor
            finally:
                self._open_cursor = None

    @staticmethod
    @contextmanager
    def _sqlite_read_transaction():
        """One snapshot for all the statements of a search, without the write lock.

        The settings open SQLite transactions IMMEDIATE (a writer waits for the lock instead of
        failing), so ``transaction.atomic()`` here would make every search queue behind every
        write. A search only reads: a DEFERRED transaction takes no lock until it reads, and
        with WAL it reads while others write.
        """
        if connection.in_atomic_block:  # already inside a transaction (a test, a command): a savepoint, as before
            with transaction.atomic(), connection.cursor() as cursor:
                yield cursor
            return
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield cursor
            finally:
                with suppress(DatabaseError):  # the connection is gone: nothing to release
                    cursor.execute("COMMIT")

    # Public API -----------------------------------------------------------------

    def facet_rows(self, query: str, tokens: list[str], locale_id: int):
        """(kind, agency, field, level, count) of every match; on PostgreSQL also the planner's table size.

        The size (``pg_class.reltuples``, read in the same statement) tells
        ``_window_pg`` how common the query's words are.
        """
        from_sql, match_sql, match_params = self._match(query, tokens)
        base_sql, base_params = self._base(locale_id)
        size_sql = ""
        if self.vendor == "postgresql":
            size_sql = f", (SELECT reltuples FROM pg_class WHERE oid = '{DOC_TABLE}'::regclass)"  # noqa: S608
        sql = (
            f"SELECT d.kind, d.agency_id, d.field_id, d.level, COUNT(*){size_sql} FROM {from_sql}"  # noqa: S608
            f" WHERE {match_sql} AND {base_sql} GROUP BY d.kind, d.agency_id, d.field_id, d.level"
        )
        with self._cursor() as cursor:
            cursor.execute(sql, match_params + base_params)
            rows = cursor.fetchall()
        if self.vendor == "postgresql":
            self.table_size = max((row[5] for row in rows), default=0.0)
            rows = [row[:5] for row in rows]
            if rows and self.table_size <= 0:
                # Never analysed (-1: right after a bulk load, before autovacuum): count instead, so the
                # plan for common words does not depend on when the statistics were last gathered.
                with self._cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM {DOC_TABLE}")  # noqa: S608
                    self.table_size = float(cursor.fetchone()[0])
        elif rows:  # SQLite: how common the words are decides whether a title walk can fill the window
            with self._cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {DOC_TABLE}")  # noqa: S608
                self.table_size = float(cursor.fetchone()[0])
        return rows

    def ranked_ids(
        self, query: str, tokens: list[str], locale_id: int, filters: SearchFilters, limit, offset, total=None
    ):
        """One page of hits: the title tiers exactly over every match, the rest rescored in a window.

        1. Every match is ordered by: the title has the exact phrase, the title has
           every word, procedures before other pages, newest first. The first
           ``RESCORE_WINDOW`` (at least offset + limit) are kept.
        2. The first ``RESCORE_WINDOW`` of them are re-ordered by the full relevance:
           the title tiers (procedures first within them), the exact phrase anywhere,
           then a term-frequency score with the title weighted ten times the body, then date.
        3. Past that window, matches keep the order of step 1.

        The order is the same whichever page asks: the window is always the same
        first ``RESCORE_WINDOW`` matches, and step 1's order is total (page id last).
        Re-sorting a window that grows with the page asked for would move matches
        across the window's edge, so a deep page could repeat or skip results.
        """
        window = max(RESCORE_WINDOW, offset + limit)
        if self.vendor == "postgresql":
            rows = self._window_pg(tokens, locale_id, filters, window, total)
        else:
            rows = self._window_sqlite(query, tokens, locale_id, filters, window, total)
        rows = sorted(rows[:RESCORE_WINDOW], key=relevance_key) + rows[RESCORE_WINDOW:]
        return [row[0] for row in rows[offset : offset + limit]]

    def search(self, raw_query: str, locale_id: int, filters: SearchFilters, offset=0, limit=10) -> SearchOutcome:
        query, tokens = clean_query(raw_query), query_tokens(raw_query)
        if not tokens:
            return empty_outcome(query, tokens, offset, self.vendor)
        started = time.perf_counter()
        self._restricted = restricted_paths()
        try:
            with self._cursor() as cursor:
                rows, facets_cached = self.cached_facet_rows(cursor, query, tokens, locale_id)
                total, network_total, facets = summarise(rows, filters.as_dict())
                counted = time.perf_counter()
                ids = self.ranked_ids(query, tokens, locale_id, filters, limit, offset, total) if total > offset else []
        finally:
            self._restricted = None
        ranked = time.perf_counter()
        hits = fetch_documents(ids)
        return SearchOutcome(
            query,
            tokens,
            hits,
            total,
            network_total,
            facets,
            offset,
            self.vendor,
            timings={"facets": counted - started, "rank": ranked - counted, "fetch": time.perf_counter() - ranked},
            facets_cached=facets_cached,
        )

    def cached_facet_rows(self, cursor, query: str, tokens: list[str], locale_id: int) -> tuple[list, bool]:
        """``facet_rows`` kept per query and index generation (``facetcache``); True if it came from the cache.

        The stamp is read first, in the search's transaction: what is stored under
        it was counted from that state of the index or a later one.
        """
        stamp = facetcache.current_stamp(cursor) if facetcache.ENABLED else None
        if stamp is None:
            return self.facet_rows(query, tokens, locale_id), False
        cache_key = facetcache.key(stamp, self.vendor, locale_id, tokens, self._restricted or [])
        cached = facetcache.get(cache_key)
        if cached is not None:
            rows, self.table_size = cached
            return rows, True
        rows = self.facet_rows(query, tokens, locale_id)
        facetcache.put(cache_key, (rows, self.table_size))
        return rows, False

    def autocomplete(self, raw_query: str, locale_id: int, limit: int = 8) -> list[SearchDocument]:
        """Procedure names containing every word typed, the last one as a prefix."""
        tokens = query_tokens(raw_query)
        if not tokens:
            return []
        base_sql, base_params = base_where(locale_id)
        plan = pg_autocomplete if self.vendor == "postgresql" else sqlite_autocomplete
        from_sql, match_sql, match_params, order_sql, order_params = plan(tokens)
        sql = (
            f"SELECT d.page_id FROM {from_sql} WHERE {match_sql} AND {base_sql} AND d.kind = %s"  # noqa: S608
            f" ORDER BY {order_sql} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, match_params + base_params + [SearchDocument.Kind.PROCEDURE] + order_params + [limit])
            ids = [row[0] for row in cursor.fetchall()]
        return fetch_documents(ids)
