"""SQLite's plan: FTS5 finds the matches and the title tiers; the window is rescored in Python.

FTS5 holds the folded title and body (``text.fold``), so the phrase test and
the term-frequency score (``rescore``) are computed over the window's rows
without touching ``SearchDocument``'s text.
"""

from __future__ import annotations

from collections import Counter

from ..models import SearchDocument
from ..text import _WORD_RE
from .base import DOC_TABLE, SearchFilters, filter_where

FTS_TABLE = "portal_search_fts"
FTS_JOIN = f"{FTS_TABLE} JOIN {DOC_TABLE} d ON d.page_id = {FTS_TABLE}.rowid"


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
    title_counts, body_counts = Counter(title_words), Counter(body_words)
    k1, b, average_title, average_body = 1.2, 0.75, 10.0, 300.0
    title_norm = k1 * (1 - b + b * len(title_words) / average_title)
    body_norm = k1 * (1 - b + b * len(body_words) / average_body)
    score = 0.0
    for token in tokens:
        tf_title, tf_body = title_counts[token], body_counts[token]
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
    """The rescore window on SQLite (mixed into ``DatabaseEngine``)."""

    def _title_tiers(self, tokens: list[str]) -> tuple[str, list]:
        """SELECT expressions (title has the exact phrase, title has every word) answered by FTS5 as sets."""
        subquery = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return (
            f"d.page_id IN ({subquery}), d.page_id IN ({subquery})",
            [fts_title_phrase(tokens), fts_title_all(tokens)],
        )

    def _window_sqlite(self, query: str, tokens: list[str], locale_id: int, filters: SearchFilters, window: int):
        """The rescore window from FTS5, rescored in Python over the folded text FTS5 already holds."""
        from_sql, match_sql, match_params = self._match(query, tokens)
        base_sql, base_params = self._base(locale_id)
        filter_sql, filter_params = filter_where(filters)
        tiers_sql, tiers_params = self._title_tiers(tokens)
        sql = (
            f"SELECT d.page_id, {tiers_sql}, d.published_at, d.kind FROM {from_sql}"  # noqa: S608
            f" WHERE {match_sql} AND {base_sql}{filter_sql}"
            f" ORDER BY 2 DESC, 3 DESC, d.kind = %s DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s"
        )
        params = tiers_params + match_params + base_params + filter_params + [SearchDocument.Kind.PROCEDURE, window]
        with self._cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if not rows:
                return []
            ids = [r[0] for r in rows]
            cursor.execute(
                f"SELECT rowid, title, body FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(ids))})",  # noqa: S608
                ids,
            )
            texts = {rowid: (title, body) for rowid, title, body in cursor.fetchall()}
        # relevance_key reads SQLite's text dates; nothing else reads these rows.
        return [(*row, *rescore(tokens, *texts.get(row[0], ("", "")))) for row in rows]
