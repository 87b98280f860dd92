"""SQLite builds the rescore window tier by tier (a title walk for common words); it is the window of one sort.

Before issue #18 SQLite ranked every match in one statement: the title tiers
as FTS5 sets, all matches sorted by (phrase in title, every word in title,
procedure first, newest, page id), the first ``RESCORE_WINDOW`` kept. That
statement is kept here as the reference; the engine's plans must give the same
window, rows and order, with and without a facet filter, on a network seeded by
``bench/seed.py`` (its Zipf-like topics make some queries match most documents,
so the title walk is taken).
"""

import pytest

from django.db import connection

from search.engines import RESCORE_WINDOW, DatabaseEngine, SearchFilters, relevance_key
from search.engines import sqlite as sqlite_plans
from search.engines.base import DOC_TABLE, base_where, filter_where
from search.text import query_tokens
from tests.search.test_ranking_plans import QUERIES

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the plans are SQLite's")

FTS = sqlite_plans.FTS_TABLE


def _reference_window(tokens, locale_id, filters):
    """The single statement SQLite ran before: every match sorted, the first RESCORE_WINDOW kept."""
    base_sql, base_params = base_where(locale_id, [])
    filter_sql, filter_params = filter_where(filters)
    subquery = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608
    sql = (
        f"SELECT d.page_id, d.page_id IN ({subquery}), d.page_id IN ({subquery}), d.published_at, d.kind"  # noqa: S608
        f" FROM {FTS} JOIN {DOC_TABLE} d ON d.page_id = {FTS}.rowid"
        f" WHERE {FTS} MATCH %s AND {base_sql}{filter_sql}"
        f" ORDER BY 2 DESC, 3 DESC, d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s"
    )
    params = [
        sqlite_plans.fts_title_phrase(tokens),
        sqlite_plans.fts_title_all(tokens),
        sqlite_plans.fts_all(tokens),
        *base_params,
        *filter_params,
        RESCORE_WINDOW,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _engine_window(engine, tokens, locale_id, filters, total):
    with engine._cursor():
        rows = engine._window_sqlite(" ".join(tokens), tokens, locale_id, filters, RESCORE_WINDOW, total)
    return [tuple(row[:5]) for row in rows], rows


def test_the_tiered_window_is_the_window_of_one_sort(seeded_network):
    engine = DatabaseEngine()
    engine._restricted = []
    walks = 0
    for query in QUERIES:
        tokens = query_tokens(query)
        for filters in (SearchFilters(), SearchFilters(kind="news")):
            outcome = engine.search(query, seeded_network.pk, filters)
            engine._restricted = []
            reference = _reference_window(tokens, seeded_network.pk, filters)
            assert reference, query
            window, rescored = _engine_window(engine, tokens, seeded_network.pk, filters, outcome.total)
            assert [(r[0], bool(r[1]), bool(r[2]), r[3], r[4]) for r in window] == [
                (r[0], bool(r[1]), bool(r[2]), r[3], r[4]) for r in reference
            ], query
            assert [r[0] for r in sorted(rescored, key=relevance_key)], query
            scope_sql, scope_params = engine._sqlite_scope(seeded_network.pk, filters)
            with engine._cursor():
                if engine._title_walk(tokens, scope_sql, scope_params, RESCORE_WINDOW) is not None:
                    walks += 1
    assert walks, "a query common enough in titles fills the window by the title walk"
