"""Consistent paging: every match of a common query appears on exactly one page, however deep.

The first ``RESCORE_WINDOW`` matches are re-ordered by the full relevance; past
them the coarse order holds. 30 pages of ten cross that window three times over.
"""

from __future__ import annotations

from io import StringIO

import pytest

from wagtail.models import Locale

from bench.seed import seed
from search.engines import RESCORE_WINDOW, DatabaseEngine, SearchFilters
from search.models import SearchDocument
from tests.conftest import ensure_tree_root
from tests.shared_world import shared_world

PER_PAGE = 10
PAGES = 30


@pytest.fixture(scope="module")
def paging_world(django_db_setup, django_db_blocker):
    """A small network seeded in bulk (bench/seed.py): 4 agencies, 330 procedures, 200 news articles."""

    def build():
        ensure_tree_root()  # a transactional test before this module may have flushed the tree
        seed(agencies=4, procedures=330, news=200, seed=7, out=StringIO())

    yield from shared_world(django_db_blocker, build)


@pytest.fixture
def vi(paging_world, db):
    return Locale.objects.get(language_code="vi").pk


def walk_pages(query: str, locale_id: int, filters: SearchFilters, pages: int) -> tuple[list[int], int]:
    engine = DatabaseEngine()
    seen: list[int] = []
    total = 0
    for page in range(pages):
        outcome = engine.search(query, locale_id, filters, offset=page * PER_PAGE, limit=PER_PAGE)
        total = outcome.total
        seen.extend(doc.page_id for doc in outcome.hits)
    return seen, total


def test_thirty_pages_of_a_common_query_show_each_match_once(vi):
    seen, total = walk_pages("ho so", vi, SearchFilters(), PAGES + 4)
    assert total > PAGES * PER_PAGE > 2 * RESCORE_WINDOW
    assert len(seen) == len(set(seen)), "a match appeared on two pages"
    matching = set(
        SearchDocument.objects.filter(locale_id=vi, live=True, page_id__in=seen).values_list("page_id", flat=True)
    )
    assert matching == set(seen)
    assert len(seen) == min(total, (PAGES + 4) * PER_PAGE)


def test_the_first_pages_are_the_relevance_order_and_deeper_pages_do_not_change_them(vi):
    engine = DatabaseEngine()
    first = [d.page_id for d in engine.search("ho so", vi, SearchFilters(), offset=0, limit=RESCORE_WINDOW).hits]
    deep = [d.page_id for d in engine.search("ho so", vi, SearchFilters(), offset=0, limit=250).hits]
    assert deep[:RESCORE_WINDOW] == first
    paged, _total = walk_pages("ho so", vi, SearchFilters(), 25)
    assert paged == deep


def test_paging_within_a_filter_is_consistent_too(vi):
    kind = SearchFilters(kind=SearchDocument.Kind.PROCEDURE)
    seen, total = walk_pages("ho so", vi, kind, 33)
    assert total >= 300
    assert len(seen) == len(set(seen)) == min(total, 330)
    assert set(SearchDocument.objects.filter(page_id__in=seen).values_list("kind", flat=True)) == {"procedure"}
