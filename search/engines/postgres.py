"""PostgreSQL's plans: the rescore window read through the GIN indexes or by walking the rank order.

The window is built from parts that are already in tier order, concatenated
with UNION ALL under one LIMIT: PostgreSQL runs the parts one after the other
and stops as soon as the window is full, so when the title matches fill it the
other matches are never read. Where a part is a walk of
``portal_search_doc_rank_order`` (newest first), it reads rows only until it
has enough; where it is a GIN bitmap, it reads every match of that part and
sorts them. A walk is chosen only for common words (see ``PostgresPlans._window_pg``):
for rarer ones it would read far more rows than it keeps. Procedures, which
come first in every tier, are taken from the GIN index combined with the
(locale, live, kind) index, so a walk over other pages never crosses them.
"""

from __future__ import annotations

from .base import DOC_TABLE, SearchFilters, filter_where

# When at least a quarter of the index matches, the other matches are found by walking the
# rank order (newest first) instead of sorting them all; when at least half matches, a walk
# for titles with the exact phrase is tried first, reading at most WALK_CAP documents (~3 ms)
# before giving up.
COMMON_FRACTION = 4
PHRASE_WALK_FRACTION = 2
WALK_CAP = 1500
RESCORE_SQL = f"SELECT page_id, title_words LIKE %s OR search_vector @@ phraseto_tsquery('portal_vi', %s), ts_rank('{{0, 0, 0.1, 1}}', search_vector, plainto_tsquery('portal_vi', %s), 1) FROM {DOC_TABLE} WHERE page_id = ANY(%s)"  # noqa: S608


def pg_match(tokens: list[str]) -> tuple[str, str, list]:
    """FROM clause, WHERE condition and params that select the documents matching every word.

    PostgreSQL gets the folded words, space-separated, like SQLite: its parser
    would otherwise keep "giấy-phép" as one compound token.
    """
    return matching("d.search_vector @@ plainto_tsquery('portal_vi', %s)"), "TRUE", [" ".join(tokens)]


def matching(condition: str) -> str:
    """A FROM item ``d``: the documents meeting a full-text ``condition``, read through its GIN index.

    ``OFFSET 0`` keeps the scope (locale, live, filters) out of the subquery, so
    the only index that can answer it is the GIN index. Without statistics (a
    table bulk-loaded and not yet analysed) the planner took the locale and live
    conditions for selective, scanned the rank-order index for all 56,000 live
    documents and tested each one's out-of-line vector: 550 ms for a query with
    2,700 matches instead of 10 (issue #18). The matches are the same either way.
    """
    return f"(SELECT * FROM {DOC_TABLE} d WHERE {condition} OFFSET 0) d"  # noqa: S608


def pg_autocomplete(tokens: list[str]) -> tuple[str, str, list, str, list]:
    """FROM, match, match params, ORDER BY and order params: titles with every word, the last one as a prefix."""
    terms = [f"'{t}'" for t in tokens[:-1]] + [f"'{tokens[-1]}':*"]
    match_params = [" & ".join(terms)]
    order_sql = "ts_rank(d.title_vector, to_tsquery('portal_vi', %s)) DESC, length(d.title), d.page_id"
    return f"{DOC_TABLE} d", "d.title_vector @@ to_tsquery('portal_vi', %s)", match_params, order_sql, match_params


class PostgresPlans:
    """The rescore window on PostgreSQL (mixed into ``DatabaseEngine``)."""

    def _window_pg(self, tokens: list[str], locale_id: int, filters: SearchFilters, window: int, total) -> list:
        """How common the words are decides the plan: walking the rank order pays off when many documents match."""
        size = self.table_size
        common = total is not None and size > 0 and total * COMMON_FRACTION >= size
        very_common = common and total * PHRASE_WALK_FRACTION >= size
        return (very_common and self._window_title_phrase_walk(tokens, locale_id, filters, window)) or (
            self._window_postgresql(tokens, locale_id, filters, window, walk=common)
        )

    def _pg_rescored(
        self, window_sql: str, params: list, words: str, at_least: int = 0, walk: bool = False
    ) -> list | None:
        """The window's rows, each with the phrase-anywhere test and ``ts_rank`` (title 1.0, body 0.1).

        None if the window has fewer than ``at_least`` rows: then no vector is read.

        A ``walk`` statement is planned with sorts off: a walk of
        ``portal_search_doc_rank_order`` must read the index in its order and stop
        at the window, never collect every live document of the locale and sort
        them. With statistics the planner walks anyway; without them (a table
        bulk-loaded and not yet analysed: ``reltuples`` -1, before autovacuum) it
        chose a bitmap scan of 50,000 rows and a top-N sort, 148 ms instead of 32
        for the common query (issue #18). A sort still runs where no index gives
        the order (the procedures' part), so nothing else changes.
        """
        with self._cursor() as cursor:
            if walk:
                cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(window_sql, params)
            rows = cursor.fetchall()
            if walk:
                cursor.execute("SET LOCAL enable_sort TO DEFAULT")
            if len(rows) < at_least or not rows:
                return None if at_least else []
            # A title with the phrase answers the phrase test without reading the vector.
            cursor.execute(RESCORE_SQL, ["% " + words + " %", words, words, [row[0] for row in rows]])
            scores = {page_id: (phrase, score) for page_id, phrase, score in cursor.fetchall()}
        return [(*row, *scores.get(row[0], (False, 0.0))) for row in rows]

    def _window_title_phrase_walk(self, tokens, locale_id: int, filters: SearchFilters, window: int) -> list | None:
        """Common words: the window filled by titles with the exact phrase, or None if there are too few.

        Procedures whose title has the phrase (GIN and kind index), then other
        pages by a walk of at most ``WALK_CAP`` newest documents whose
        ``title_words`` contain it. If that fills the window it is exactly the
        top of the first tier; otherwise the general plan runs.
        """
        words = " ".join(tokens)
        phrase = "% " + words + " %"
        scope_sql, scope_params = self._pg_scope(locale_id, filters)
        window_sql = f"""
            (SELECT d.page_id, TRUE AS title_phrase, TRUE AS title_all, d.published_at, d.kind FROM {DOC_TABLE} d
              WHERE d.kind = 'procedure' AND d.title_vector @@ plainto_tsquery('portal_vi', %s)
                AND d.title_words LIKE %s AND {scope_sql}
              ORDER BY d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
            UNION ALL
            (SELECT walk.page_id, TRUE, TRUE, walk.published_at, walk.kind
               FROM (SELECT d.page_id, d.title_words, d.published_at, d.kind FROM {DOC_TABLE} d
                      WHERE (d.kind = 'procedure') IS FALSE AND {scope_sql}
                      ORDER BY d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id
                      LIMIT %s) walk
              WHERE walk.title_words LIKE %s LIMIT %s)
            LIMIT %s
        """  # noqa: S608
        params = [words, phrase, *scope_params, window, *scope_params, WALK_CAP, phrase, window, window]
        return self._pg_rescored(window_sql, params, words, at_least=window, walk=True)

    def _window_postgresql(
        self, tokens: list[str], locale_id: int, filters: SearchFilters, window: int, walk: bool = False
    ) -> list:
        """The rescore window: title matches (GIN), then the other matches, procedures first, newest first.

        With ``walk`` (common words) the other pages among the other matches come
        from walking the rank order, reading vectors only until the window is
        full; otherwise from the GIN index and a sort, the ORDER BY written so the
        walk cannot be chosen.
        """
        words = " ".join(tokens)
        scope_sql, scope_params = self._pg_scope(locale_id, filters)
        title = f"""
            (SELECT d.page_id, d.title_words LIKE %s AS title_phrase, TRUE AS title_all, d.published_at, d.kind
               FROM {matching("d.title_vector @@ plainto_tsquery('portal_vi', %s)")}
              WHERE {scope_sql}
              ORDER BY 2 DESC, d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
        """  # noqa: S608
        title_params = ["% " + words + " %", words, *scope_params, window]
        others_match = (
            "d.search_vector @@ plainto_tsquery('portal_vi', %s)"
            " AND NOT d.title_vector @@ plainto_tsquery('portal_vi', %s)"
        )
        others_where = f"{others_match} AND {scope_sql}"
        others_params = [words, words, *scope_params]
        if walk:
            others = f"""
                (SELECT d.page_id, FALSE, FALSE, d.published_at, d.kind FROM {matching(others_match)}
                  WHERE d.kind = 'procedure' AND {scope_sql}
                  ORDER BY d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
                UNION ALL
                (SELECT d.page_id, FALSE, FALSE, d.published_at, d.kind FROM {DOC_TABLE} d
                  WHERE (d.kind = 'procedure') IS FALSE AND {others_where}
                  ORDER BY d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
            """  # noqa: S608
            others_params = [*others_params, window, *others_params, window]
        else:
            others = f"""
                (SELECT d.page_id, FALSE, FALSE, d.published_at, d.kind FROM {matching(others_match)}
                  WHERE {scope_sql}
                  ORDER BY d.kind <> 'procedure', d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
            """  # noqa: S608
            others_params = [*others_params, window]
        window_sql = f"{title} UNION ALL {others} LIMIT %s"
        return self._pg_rescored(window_sql, [*title_params, *others_params, window], words)

    def _pg_scope(self, locale_id: int, filters: SearchFilters) -> tuple[str, list]:
        base_sql, base_params = self._base(locale_id)
        filter_sql, filter_params = filter_where(filters)
        return base_sql + filter_sql, base_params + filter_params
