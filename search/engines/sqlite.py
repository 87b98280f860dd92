"""SQLite's plan: FTS5 finds the matches and the title tiers; the window is rescored in Python.

FTS5 holds the folded title and body (``text.fold``), so the phrase test and
the term-frequency score (``rescore``) are computed over the window's rows
without touching ``SearchDocument``'s text.
"""

from __future__ import annotations

from ..models import SearchDocument
from ..text import _WORD_RE
from .base import DOC_TABLE, SearchFilters, filter_where

FTS_TABLE = "portal_search_fts"
FTS_JOIN = f"{FTS_TABLE} JOIN {DOC_TABLE} d ON d.page_id = {FTS_TABLE}.rowid"
# The order of the ranking's last tiers, as ``portal_search_doc_rank_order`` holds it (migration 0007):
# procedures first, newest first (SQLite puts NULLs last in a descending order), page id.
RANK_ORDER = "d.kind = 'procedure' DESC, d.published_at DESC, d.page_id"
# A title walk reads at most this many documents of the rank order (a few ms) before giving up.
WALK_CAP = 3000


# FTS5 query strings: tokens are \w+ only, so quoting them cannot break the syntax.


def fts_all(tokens: list[str]) -> str:
    return " ".join(f'"{t}"' for t in tokens)


def fts_phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def fts_title_all(tokens: list[str]) -> str:
    return f"title : ({fts_all(tokens)})"


def fts_title_phrase(tokens: list[str]) -> str:
    return f"title : {fts_phrase(tokens)}"


def rescore(tokens: list[str], title: str, body: str) -> tuple[bool, float]:
    """Whether the exact phrase appears (title or body), and a BM25-like score with the title weighted 10:1.

    ``title`` and ``body`` are already folded (``text.fold``), as SQLite's FTS5
    table holds them. Computed in Python over the rescore window only;
    PostgreSQL computes the same two things from the window's vectors
    (``phraseto_tsquery``, ``ts_rank``).
    """
    title_words = _WORD_RE.findall(title.replace("_", " "))
    body_words = _WORD_RE.findall(body.replace("_", " "))
    phrase = " " + " ".join(tokens) + " "
    has_phrase = phrase in " " + " ".join(title_words) + " " or phrase in " " + " ".join(body_words) + " "
    k1, b, average_title, average_body = 1.2, 0.75, 10.0, 300.0
    title_norm = k1 * (1 - b + b * len(title_words) / average_title)
    body_norm = k1 * (1 - b + b * len(body_words) / average_body)
    score = 0.0
    for token in tokens:  # list.count, not a Counter of every word: a third of the time, the same numbers
        tf_title, tf_body = title_words.count(token), body_words.count(token)
        score += 10.0 * tf_title * (k1 + 1) / (tf_title + title_norm) + tf_body * (k1 + 1) / (tf_body + body_norm)
    return has_phrase, score


def sqlite_match(tokens: list[str]) -> tuple[str, str, list]:
    """FROM clause, WHERE condition and params that select the documents matching every word."""
    return FTS_JOIN, f"{FTS_TABLE} MATCH %s", [fts_all(tokens)]


def sqlite_autocomplete(tokens: list[str]) -> tuple[str, str, list, str, list]:
    """FROM, match, match params, ORDER BY and order params: titles with every word, the last one as a prefix."""
    match_params = ["title : (" + " ".join([f'"{t}"' for t in tokens[:-1]] + [f'"{tokens[-1]}"*']) + ")"]
    order_sql = f"bm25({FTS_TABLE}, 10.0, 1.0), length(d.title), d.page_id"
    return FTS_JOIN, f"{FTS_TABLE} MATCH %s", match_params, order_sql, []


class SqlitePlans:
    """The rescore window on SQLite (mixed into ``DatabaseEngine``).

    The window is the first ``window`` matches in the order: title has the exact
    phrase, title has every word, the rest; within each tier procedures first,
    newest first, page id (``RANK_ORDER``). It is built tier by tier, each part
    read only as far as the window needs:

    - common words (``_title_walk``): the titles with the exact phrase, read from
      ``portal_search_doc_rank_order`` (a covering index in that order, holding
      ``title_words``): every procedure, then other pages for at most
      ``WALK_CAP`` rows; if that fills the window it is exactly the top of the
      first tier, and no full-text query runs;
    - otherwise (``_general_sql``) each tier is a FTS5 set joined to the
      documents, sorted and cut to what the window still lacks; the next tier
      is read only if the window is not full.
    """

    def _window_sqlite(
        self, query: str, tokens: list[str], locale_id: int, filters: SearchFilters, window: int, total=None
    ):
        """The rescore window, rescored in Python over the folded text FTS5 already holds."""
        scope_sql, scope_params = self._sqlite_scope(locale_id, filters)
        size = self.table_size
        general_sql, general_params = self._general_sql(tokens, scope_sql, scope_params, window)
        # The walk can fill the window only if there are enough matches, dense enough in the rank order.
        if total and total >= window and size > 0 and total * WALK_CAP >= window * size:
            # One statement either way (the page's query count does not depend on the plan): the walk,
            # materialised once, is the window if it filled it; otherwise the tiers run. SQLite tests a
            # condition that reads no row of the loop once, before it, so the tiers' FTS5 sets are not
            # asked for when the walk filled the window.
            walk_sql, walk_params = self._title_walk_sql(tokens, scope_sql, scope_params, window)
            sql = (
                f"WITH walk AS MATERIALIZED ({walk_sql})"  # noqa: S608
                " SELECT * FROM walk WHERE (SELECT COUNT(*) FROM walk) >= %s"
                f" UNION ALL SELECT * FROM ({general_sql}) WHERE (SELECT COUNT(*) FROM walk) < %s LIMIT %s"
            )
            params = [*walk_params, window, *general_params, window, window]
        else:
            sql, params = general_sql, general_params
        with self._cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return self._sqlite_rescored(tokens, rows)

    def _sqlite_scope(self, locale_id: int, filters: SearchFilters) -> tuple[str, list]:
        base_sql, base_params = self._base(locale_id)
        filter_sql, filter_params = filter_where(filters)
        return base_sql + filter_sql, base_params + filter_params

    def _title_walk(self, tokens: list[str], scope_sql: str, scope_params: list, window: int) -> list | None:
        """The title walk alone (``_title_walk_sql``): its rows, or None if they do not fill the window."""
        sql, params = self._title_walk_sql(tokens, scope_sql, scope_params, window)
        with self._cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return rows if len(rows) >= window else None

    def _title_walk_sql(self, tokens: list[str], scope_sql: str, scope_params: list, window: int) -> tuple[str, list]:
        """Titles with the exact phrase, from the rank-order index, in the window's order.

        Procedures (first in the order) are all tested: a range of the index.
        Other pages are tested in the index's order until the window is full,
        reading at most ``WALK_CAP`` of them. ``title_words`` holds the title's
        folded words split as FTS5's ``unicode61`` splits the folded title (runs
        of letters and digits), so ``LIKE '% w1 w2 %'`` selects the documents
        ``title : "w1 w2"`` selects (checked on the benchmark's network).
        """
        phrase = "% " + " ".join(tokens) + " %"
        index = f"{DOC_TABLE} d INDEXED BY portal_search_doc_rank_order"
        procedures = f"""
            SELECT d.page_id, 1, 1, d.published_at, d.kind FROM {index}
             WHERE {scope_sql} AND (d.kind = 'procedure') = 1 AND d.title_words LIKE %s
             ORDER BY d.published_at DESC, d.page_id LIMIT %s
        """  # noqa: S608
        others = f"""
            SELECT walk.page_id, 1, 1, walk.published_at, walk.kind
              FROM (SELECT d.page_id, d.published_at, d.kind, d.title_words FROM {index}
                     WHERE {scope_sql} AND (d.kind = 'procedure') = 0
                     ORDER BY d.published_at DESC, d.page_id LIMIT %s) walk
             WHERE walk.title_words LIKE %s LIMIT %s
        """  # noqa: S608
        sql = f"SELECT * FROM ({procedures}) UNION ALL SELECT * FROM ({others}) LIMIT %s"  # noqa: S608
        return sql, [*scope_params, phrase, window, *scope_params, WALK_CAP, phrase, window, window]

    def _general_sql(self, tokens: list[str], scope_sql: str, scope_params: list, window: int) -> tuple[str, list]:
        """Tier by tier from FTS5's sets: exact phrase in the title, every word in the title, the rest.

        One statement: the tiers are joined by ``UNION ALL`` under one ``LIMIT``, each
        sorted and cut to the window, and SQLite runs them in order and stops once
        the window is full — a tier's FTS5 set is only asked for if it is reached.
        Each match is looked up in the covering index ``portal_search_doc_facets``
        (by page id): SQLite otherwise reads the table's row, long body and all
        (9 ms instead of 30–50 for 2,700 matches).
        """
        fts_set = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        tiers = [
            (1, 1, f"d.page_id IN ({fts_set})", [fts_title_phrase(tokens)]),
            (
                0,
                1,
                f"d.page_id IN ({fts_set}) AND d.page_id NOT IN ({fts_set})",
                [fts_title_all(tokens), fts_title_phrase(tokens)],
            ),
            (
                0,
                0,
                f"d.page_id IN ({fts_set}) AND d.page_id NOT IN ({fts_set})",
                [fts_all(tokens), fts_title_all(tokens)],
            ),
        ]
        parts, params = [], []
        for title_phrase, title_all, tier_sql, tier_params in tiers:
            parts.append(
                f"SELECT * FROM (SELECT d.page_id, {title_phrase}, {title_all}, d.published_at, d.kind"  # noqa: S608
                f" FROM {DOC_TABLE} d INDEXED BY portal_search_doc_facets WHERE {tier_sql} AND {scope_sql}"
                f" ORDER BY d.kind = %s DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s)"
            )
            params += [*tier_params, *scope_params, SearchDocument.Kind.PROCEDURE, window]
        return " UNION ALL ".join(parts) + " LIMIT %s", [*params, window]

    def _sqlite_rescored(self, tokens: list[str], rows: list) -> list:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, title, body FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(ids))})",  # noqa: S608
                ids,
            )
            texts = {rowid: (title, body) for rowid, title, body in cursor.fetchall()}
        # relevance_key reads SQLite's text dates; nothing else reads these rows.
        return [(*row, *rescore(tokens, *texts.get(row[0], ("", "")))) for row in rows]
