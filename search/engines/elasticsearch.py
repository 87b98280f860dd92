"""The cluster engine: Elasticsearch (or OpenSearch) matches, filters, counts, ranks and pages.

It reads the public index that ``search.mirror`` keeps from ``SearchDocument``,
with one request per search:

- the words must all match, in the title or the body (``cross_fields``, AND),
  as the database engines match them; the analyzer folds Vietnamese;
- the visibility scope (locale, live, restricted sections) is a filter;
- the facets the citizen chose are a ``post_filter``, so each facet's
  aggregation can leave out its own choice (disjunctive counts, as the
  database engines count them) and ``network`` leaves out the agency;
- totals are exact (``track_total_hits``), with no candidate cap;
- the order is total (score, date, page id) and the same shard copies answer
  the same query (``preference``), so a result is on exactly one page;
- the title tiers of the database ranking are approximated by boosts: the
  exact phrase in the title, every word in the title, the phrase anywhere.

The hits are read back from ``SearchDocument`` by page id.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter

from ..mirror import index_name
from ..text import clean_query, query_tokens
from .base import FACETS, SearchFilters, SearchOutcome, empty_outcome, fetch_documents, restricted_paths

ES_RETRY_AFTER = 30.0  # seconds during which an unreachable cluster is not asked again
FACET_SIZE = 1000  # more values than any facet has (about 250 agencies, a few hundred fields)
TITLE_PHRASE_BOOST = 20
TITLE_ALL_BOOST = 8
PHRASE_BOOST = 3


def _terms(selected: dict, leave_out: str | None = None) -> list[dict]:
    return [{"term": {name: value}} for name, value in selected.items() if name != leave_out]


def search_body(
    query: str, locale_id: int, filters: SearchFilters, restricted: list[str], offset: int, limit: int
) -> dict:
    """The request body of one search (what the engine sends the cluster)."""
    selected = {name: value for name, value in filters.as_dict().items() if value is not None}
    scope = [{"term": {"locale_id": locale_id}}, {"term": {"live": True}}]
    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": query,
                            "type": "cross_fields",
                            "fields": ["title^10", "body"],
                            "operator": "and",
                        }
                    }
                ],
                "should": [
                    {"match_phrase": {"title": {"query": query, "boost": TITLE_PHRASE_BOOST}}},
                    {"match": {"title": {"query": query, "operator": "and", "boost": TITLE_ALL_BOOST}}},
                    {"match_phrase": {"body": {"query": query, "boost": PHRASE_BOOST}}},
                ],
                "filter": scope,
                "must_not": [{"prefix": {"path": path}} for path in restricted],
            }
        },
        "post_filter": {"bool": {"filter": _terms(selected)}},
        "aggs": {
            "network": {"filter": {"bool": {"filter": _terms(selected, "agency_id")}}},
            **{
                name: {
                    "filter": {"bool": {"filter": _terms(selected, name)}},
                    "aggs": {"values": {"terms": {"field": name, "size": FACET_SIZE}}},
                }
                for name in FACETS
            },
        },
        "track_total_hits": True,
        "from": offset,
        "size": limit,
        "sort": [
            {"_score": {"order": "desc"}},
            {"published_at": {"order": "desc", "missing": "_last"}},
            {"page_id": {"order": "asc"}},
        ],
        "_source": False,
    }


def preference(query: str, locale_id: int) -> str:
    """Routes the pages of one query to the same shard copies (scores differ slightly between replicas)."""
    return "q" + hashlib.sha1(f"{locale_id}:{query}".encode(), usedforsecurity=False).hexdigest()[:16]


def parse_response(response: dict) -> tuple[list[int], int, int, dict[str, Counter]]:
    """(page ids in order, total, network total, facet counts) from a search response."""
    hits = response["hits"]
    ids = [int(hit["_id"]) for hit in hits["hits"]]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else int(hits["total"])
    aggregations = response.get("aggregations", {})
    network_total = aggregations.get("network", {}).get("doc_count", total)
    facets = {name: Counter() for name in FACETS}
    for name in FACETS:
        for bucket in aggregations.get(name, {}).get("values", {}).get("buckets", []):
            facets[name][bucket["key"]] += bucket["doc_count"]
    return ids, total, network_total, facets


class ElasticsearchEngine:
    """One search request to the cluster's public index; hits read back from ``SearchDocument``."""

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

    def search(self, raw_query: str, locale_id: int, filters: SearchFilters, offset=0, limit=10) -> SearchOutcome:
        query, tokens = clean_query(raw_query), query_tokens(raw_query)
        if not tokens:
            return empty_outcome(query, tokens, offset, self.name)
        started = time.perf_counter()
        body = search_body(query, locale_id, filters, restricted_paths(), offset, limit)
        response = self.backend.es.search(
            index=index_name(self.backend), body=body, preference=preference(query, locale_id)
        )
        searched = time.perf_counter()
        ids, total, network_total, facets = parse_response(dict(response))
        hits = fetch_documents(ids)
        return SearchOutcome(
            query,
            tokens,
            hits,
            total,
            network_total,
            facets,
            offset,
            self.name,
            timings={"cluster": searched - started, "fetch": time.perf_counter() - searched},
        )


def elasticsearch_errors() -> tuple[type[BaseException], ...]:
    """What a cluster that is down, slow or refusing raises, for Elasticsearch and OpenSearch clients."""
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    errors: list[type[BaseException]] = [TransportError, ApiError, ConnectionError]
    try:
        from opensearchpy.exceptions import OpenSearchException
    except ImportError:  # pragma: no cover - opensearch-py is in the requirements
        pass
    else:
        errors.append(OpenSearchException)
    return tuple(errors)
