"""Facet distributions are kept per query and index generation; any write to the index makes them unreachable.

The ranked page is never cached: only ``facets_cached`` may be true, and the
hits follow the index at once (``search.engines.facetcache``, migration 0007).
"""

from django.core.cache import cache
from django.db import connection

from wagtail.models import Locale

from search.engines import DatabaseEngine, SearchFilters
from search.models import IndexGeneration, SearchDocument

DRIVING_LICENCE = "HT-GTVT-001"
QUERY = "doi giay phep lai xe"


def _search(**filters):
    vi = Locale.objects.get(language_code="vi")
    return DatabaseEngine().search(QUERY, vi.pk, SearchFilters(**filters), limit=50)


def _stamp():
    return IndexGeneration.objects.get(pk=1).stamp


def test_the_second_search_takes_its_facets_from_the_cache_and_ranks_anyway(sample_procedures):
    cache.clear()
    first = _search()
    second = _search()
    assert not first.facets_cached and second.facets_cached
    assert (second.total, second.facets) == (first.total, first.facets)
    assert [d.page_id for d in second.hits] == [d.page_id for d in first.hits]
    # A facet click reuses the distribution (it does not depend on the filters) and counts right.
    narrowed = _search(kind="procedure")
    assert narrowed.facets_cached and narrowed.total == first.facets["kind"]["procedure"]


def test_unpublishing_and_publishing_make_the_cached_facets_unreachable(sample_procedures):
    cache.clear()
    page = sample_procedures[DRIVING_LICENCE]
    before = _search()
    assert _search().facets_cached
    stamp = _stamp()
    page.unpublish()
    assert _stamp() != stamp
    after = _search()
    assert not after.facets_cached
    assert after.total == before.total - 1 and page.pk not in [d.page_id for d in after.hits]
    page.refresh_from_db()
    page.save_revision().publish()
    again = _search()
    assert not again.facets_cached and again.total == before.total and again.facets == before.facets


def test_every_kind_of_write_to_the_index_changes_the_stamp(sample_procedures):
    page = sample_procedures[DRIVING_LICENCE]
    stamps = [_stamp()]
    SearchDocument.objects.filter(page_id=page.pk).update(level=4)  # an update in bulk, no signal
    stamps.append(_stamp())
    page.delete()  # the document goes with the page (Wagtail's unindex, or the cascade)
    stamps.append(_stamp())
    other = SearchDocument.objects.exclude(page_id=page.pk).values_list("page_id", flat=True).first()
    with connection.cursor() as cursor:  # raw SQL too: the trigger is the database's
        cursor.execute("DELETE FROM portal_search_searchdocument WHERE page_id = %s", [other])
    stamps.append(_stamp())
    assert len(set(stamps)) == len(stamps)
