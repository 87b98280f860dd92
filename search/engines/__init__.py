"""The public search: matching, ranking, facets and autocomplete over ``SearchDocument``.

- ``base``: filters, outcomes, facet counting, the visibility scope and the relevance key every engine shares;
- ``database``: ``DatabaseEngine``, the database's own full-text index, with its window plans in
  ``postgres`` (GIN indexes and rank-order walks) and ``sqlite`` (FTS5, rescored in Python);
- ``elasticsearch``: ``ElasticsearchEngine``, candidates and their order from Elasticsearch.

With ``ELASTICSEARCH_URL`` set, Elasticsearch finds and orders the candidates
and the same facet and page logic runs over them; if Elasticsearch cannot be
reached the database engine answers and the failure is logged.
"""

from __future__ import annotations

import logging

from .base import FACETS, RESCORE_WINDOW, SearchFilters, SearchOutcome, relevance_key, summarise
from .database import DatabaseEngine
from .elasticsearch import ES_RETRY_AFTER, ElasticsearchEngine, elasticsearch_errors

__all__ = [
    "FACETS",
    "RESCORE_WINDOW",
    "DatabaseEngine",
    "ElasticsearchEngine",
    "SearchFilters",
    "SearchOutcome",
    "get_engine",
    "relevance_key",
    "search",
    "summarise",
]

logger = logging.getLogger("portal.search")


def get_engine():
    """The engine of the default search backend: Elasticsearch when configured and reachable, else the database."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    if getattr(backend, "maintains_public_search", False):
        return DatabaseEngine()
    return ElasticsearchEngine(backend)


def search(raw_query: str, locale_id: int, filters: SearchFilters, offset=0, limit=10) -> SearchOutcome:
    """Run a public search, falling back to the database if Elasticsearch fails."""
    engine = get_engine()
    if isinstance(engine, ElasticsearchEngine):
        if not ElasticsearchEngine.is_marked_down():
            try:
                return engine.search(raw_query, locale_id, filters, offset, limit)
            except elasticsearch_errors() as error:
                ElasticsearchEngine.mark_down()
                logger.warning(
                    "Elasticsearch unreachable (%s); public search falls back to the database for %d s",
                    error.__class__.__name__,
                    ES_RETRY_AFTER,
                )
        outcome = DatabaseEngine().search(raw_query, locale_id, filters, offset, limit)
        outcome.fell_back = True
        return outcome
    return engine.search(raw_query, locale_id, filters, offset, limit)
