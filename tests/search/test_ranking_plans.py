"""PostgreSQL picks a plan for the rescore window by how common the words are; every plan gives the same hits.

The plans (``search.engines.DatabaseEngine``, ``search.engines.postgres``): GIN index and sort (rare words),
a walk of the rank-order index for the other matches (a quarter of the index
matches), and a bounded walk for titles with the exact phrase (half of it
matches). They are chosen for speed only, so each must return the same window
in the same order as the general plan. A small network is seeded with
``bench/seed.py`` — the same generator as the province-scale benchmark, with
its Zipf-like topics, so some queries match most documents.
"""

import pytest

from django.db import connection

from search.engines import RESCORE_WINDOW, DatabaseEngine, SearchFilters, relevance_key
from search.engines import postgres as postgres_plans
from search.text import query_tokens

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")

QUERIES = [
    "dịch vụ công trực tuyến",
    "dich vu cong",
    "đăng ký kết hôn",
    "giấy phép lái xe",
    "chuyen doi so",
    "chứng chỉ hành nghề dược",
]


def _ids(rows):
    return [row[0] for row in sorted(rows, key=relevance_key)]


def _plan(engine, name, tokens, locale, filters=None, **options):
    with engine._cursor():
        return getattr(engine, name)(tokens, locale.pk, filters or SearchFilters(), RESCORE_WINDOW, **options)


def test_every_plan_gives_the_same_window(seeded_network):
    engine = DatabaseEngine()
    engine._restricted = []
    phrase_walks = 0
    for query in QUERIES:
        tokens = query_tokens(query)
        for filters in (SearchFilters(), SearchFilters(kind="news")):
            general = _plan(engine, "_window_postgresql", tokens, seeded_network, filters)
            assert general, query
            walked = _plan(engine, "_window_postgresql", tokens, seeded_network, filters, walk=True)
            assert _ids(walked) == _ids(general), query
            phrase = _plan(engine, "_window_title_phrase_walk", tokens, seeded_network, filters)
            if phrase is not None:
                phrase_walks += 1
                assert _ids(phrase) == _ids(general), query
    assert phrase_walks, "a query common enough in titles fills the window by the phrase walk"


def test_the_search_takes_the_walks_for_common_words_and_finds_the_same_hits(seeded_network, monkeypatch):
    engine = DatabaseEngine()
    outcome = engine.search("dịch vụ công trực tuyến", seeded_network.pk, SearchFilters(), limit=10)
    assert outcome.total * postgres_plans.PHRASE_WALK_FRACTION >= engine.table_size, "most documents match"
    # The same search with every walk disabled: the general plan alone.
    monkeypatch.setattr(postgres_plans, "COMMON_FRACTION", 0)
    monkeypatch.setattr(postgres_plans, "PHRASE_WALK_FRACTION", 0)
    plain = DatabaseEngine().search("dịch vụ công trực tuyến", seeded_network.pk, SearchFilters(), limit=10)
    assert [doc.page_id for doc in outcome.hits] == [doc.page_id for doc in plain.hits]
    assert outcome.total == plain.total and outcome.facets == plain.facets
    second_page = engine.search("dịch vụ công trực tuyến", seeded_network.pk, SearchFilters(), offset=10, limit=10)
    plain_second = DatabaseEngine().search("dịch vụ công trực tuyến", seeded_network.pk, SearchFilters(), offset=10)
    assert [doc.page_id for doc in second_page.hits] == [doc.page_id for doc in plain_second.hits]
