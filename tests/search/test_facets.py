"""Facets: a combination returns only matching results, and every count is right."""

from collections import Counter

from wagtail.models import Locale

from search.engines import DatabaseEngine, SearchFilters, summarise
from search.models import SearchDocument

from .test_search_page import result_titles


def test_summarise_counts_each_facet_with_the_other_filters_applied():
    rows = [
        ("procedure", 1, 10, 2, 3),
        ("procedure", 2, 10, 3, 4),
        ("news", 1, None, None, 5),
    ]
    total, network_total, facets = summarise(
        rows, {"kind": "procedure", "agency_id": 1, "field_id": None, "level": None}
    )
    assert total == 3
    assert network_total == 7  # procedures of every agency
    assert facets["kind"] == Counter({"news": 5, "procedure": 3})  # agency 1, any kind
    assert facets["agency_id"] == Counter({2: 4, 1: 3})  # procedures, any agency
    assert facets["field_id"] == Counter({10: 3})
    assert facets["level"] == Counter({2: 3})


def test_a_facet_combination_returns_only_matching_results_with_right_counts(network, sample_procedures):
    vi = Locale.objects.get(language_code="vi")
    engine = DatabaseEngine()
    everything = engine.search("cap", vi.pk, SearchFilters(), limit=100)
    assert everything.total == len(everything.hits) >= 3
    docs = {doc.page_id: doc for doc in everything.hits}
    # Counts as the database sees them, computed independently of the engine.
    expected_kinds = Counter(doc.kind for doc in docs.values())
    assert everything.facets["kind"] == expected_kinds
    assert everything.facets["agency_id"] == Counter(doc.agency_id for doc in docs.values() if doc.agency_id)
    assert everything.facets["level"] == Counter(doc.level for doc in docs.values() if doc.level)

    health = network["so-y-te"].pk
    combo = engine.search("cap", vi.pk, SearchFilters(kind="procedure", agency_id=health, level=3), limit=100)
    expected = {
        pk for pk, doc in docs.items() if doc.kind == "procedure" and doc.agency_id == health and doc.level == 3
    }
    assert expected, "the sample has a level-3 health procedure matching “cấp”"
    assert {doc.page_id for doc in combo.hits} == expected
    assert combo.total == len(expected)
    assert combo.network_total == sum(1 for doc in docs.values() if doc.kind == "procedure" and doc.level == 3)
    # Each facet lists what choosing another value would give with the other filters kept.
    assert combo.facets["agency_id"] == Counter(
        doc.agency_id for doc in docs.values() if doc.kind == "procedure" and doc.level == 3
    )
    assert combo.facets["level"] == Counter(
        doc.level for doc in docs.values() if doc.kind == "procedure" and doc.agency_id == health
    )


def test_facet_links_on_the_page_narrow_the_results(client, network, sample_procedures):
    html = client.get(
        "/search/", {"q": "cap", "type": "procedure", "agency": "so-y-te"}, HTTP_HOST="hatinh.localhost"
    ).content.decode()
    assert result_titles(html) == ["Cấp Chứng chỉ hành nghề dược"]
    assert 'aria-current="true"' in html
    assert SearchDocument.objects.filter(kind="procedure", locale__language_code="vi").count() == len(sample_procedures)
