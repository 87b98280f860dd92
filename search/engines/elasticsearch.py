"""The Elasticsearch engine: Elasticsearch finds and orders the candidates; facets and pages over ``SearchDocument``."""

from __future__ import annotations

import time
from collections import Counter

from wagtail.models import Page

from ..models import SearchDocument
from ..text import clean_query, query_tokens
from .base import FACETS, SearchFilters, SearchOutcome, empty_outcome, fetch_documents, restricted_paths, summarise

ES_CANDIDATES = 1000
ES_RETRY_AFTER = 30.0  # seconds during which an unreachable Elasticsearch is not asked again


class ElasticsearchEngine:
    """Candidates and their order from Elasticsearch; facets and pages over ``SearchDocument``."""

    name = "elasticsearch"
    _down_until = 0.0

    def __init__(self, backend):
        self.backend = backend

    @classmethod
    def is_marked_down(cls) -> bool:
        return time.monotonic() < cls._down_until

    @classmethod
    def mark_down(cls):
        cls._down_until = time.monotonic() + ES_RETRY_AFTER

    @classmethod
    def reset(cls):
        cls._down_until = 0.0

    def candidate_ids(self, query: str, locale_id: int) -> list[int]:
        queryset = Page.objects.live().filter(locale_id=locale_id)
        results = self.backend.search(query, queryset, operator="and")
        return [page.pk for page in results[:ES_CANDIDATES]]

    def search(self, raw_query: str, locale_id: int, filters: SearchFilters, offset=0, limit=10) -> SearchOutcome:
        query, tokens = clean_query(raw_query), query_tokens(raw_query)
        if not tokens:
            return empty_outcome(query, tokens, offset, self.name)
        ids = self.candidate_ids(query, locale_id)
        base = SearchDocument.objects.filter(page_id__in=ids, locale_id=locale_id, live=True)
        for path in restricted_paths():
            base = base.exclude(path__startswith=path)
        rows = {row[0]: row[1:] for row in base.values_list("page_id", *FACETS)}
        total, network_total, facets = summarise(_with_counts(rows), filters.as_dict())
        wanted = filters.as_dict()
        matching = [
            pk
            for pk in ids
            if pk in rows and all(wanted[name] is None or rows[pk][i] == wanted[name] for i, name in enumerate(FACETS))
        ]
        hits = fetch_documents(matching[offset : offset + limit])
        return SearchOutcome(query, tokens, hits, total, network_total, facets, offset, self.name)


def _with_counts(rows: dict) -> list[tuple]:
    return [(*values, count) for values, count in Counter(rows.values()).items()]


def elasticsearch_errors() -> tuple[type[BaseException], ...]:
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (TransportError, ApiError, ConnectionError)
