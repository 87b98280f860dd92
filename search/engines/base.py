"""What every engine shares: filters, outcomes, facet counting, the visibility scope and the relevance key.

The ranking tiers (``relevance_key``):

1. the title contains the exact phrase,
2. the title contains every word (procedures first within these two tiers),
3. the exact phrase appears anywhere,
4. a term-frequency score (title weighted ten times the body), newest first on ties.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

from wagtail.models import PageViewRestriction

from ..models import SearchDocument

FACETS = ("kind", "agency_id", "field_id", "level")
DOC_TABLE = SearchDocument._meta.db_table
RESCORE_WINDOW = 100  # matches re-ordered by the full relevance (phrase anywhere, term frequencies)


@dataclass
class SearchFilters:
    kind: str | None = None
    agency_id: int | None = None
    field_id: int | None = None
    level: int | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "agency_id": self.agency_id, "field_id": self.field_id, "level": self.level}


@dataclass
class SearchOutcome:
    query: str
    tokens: list[str]
    hits: list[SearchDocument]
    total: int
    #: Matches with every filter applied except the agency (what widening to the network gives).
    network_total: int
    facets: dict[str, Counter]
    offset: int
    engine: str
    fell_back: bool = False
    #: The facet distribution came from the cache (``engines.facetcache``); the page was ranked anyway.
    facets_cached: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def summarise(rows, filters: dict) -> tuple[int, int, dict[str, Counter]]:
    """Total, network total and disjunctive facet counts from (kind, agency, field, level, count) rows."""
    total = 0
    network_total = 0
    facets = {name: Counter() for name in FACETS}
    for *values, count in rows:
        row = dict(zip(FACETS, values, strict=True))
        misses = [name for name in FACETS if filters.get(name) is not None and row[name] != filters[name]]
        if not misses:
            total += count
        if not [name for name in misses if name != "agency_id"]:
            network_total += count
        for name in FACETS:
            if row[name] is not None and all(miss == name for miss in misses):
                facets[name][row[name]] += count
    return total, network_total, facets


def restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def base_where(locale_id: int, restricted: list[str] | None = None) -> tuple[str, list]:
    sql = "d.locale_id = %s AND d.live"
    params: list = [locale_id]
    for path in restricted_paths() if restricted is None else restricted:
        sql += " AND d.path NOT LIKE %s"
        params.append(path + "%")
    return sql, params


def filter_where(filters: SearchFilters) -> tuple[str, list]:
    sql = ""
    params: list = []
    for name, value in filters.as_dict().items():
        if value is not None:
            sql += f" AND d.{name} = %s"
            params.append(value)
    return sql, params


def _as_datetime(value):
    """SQLite returns datetimes as text from raw SQL."""
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is not None and parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed
    return value


_EPOCH = datetime.min.replace(tzinfo=UTC)


def relevance_key(row) -> tuple:
    """Sort key of a window row (page_id, title_phrase, title_all, published_at, kind, phrase, score)."""
    page_id, title_phrase, title_all, published_at, kind, phrase, score = row
    procedure_first = title_all and kind != SearchDocument.Kind.PROCEDURE
    published = _as_datetime(published_at) or _EPOCH
    return (not title_phrase, not title_all, procedure_first, not phrase, -score, -published.timestamp(), page_id)


def fetch_documents(page_ids: list[int]) -> list[SearchDocument]:
    by_id = {
        doc.page_id: doc
        for doc in SearchDocument.objects.filter(page_id__in=page_ids).select_related("agency", "field", "page")
    }
    return [by_id[pk] for pk in page_ids if pk in by_id]


def empty_outcome(query: str, tokens: list[str], offset: int, engine: str) -> SearchOutcome:
    """The outcome of a query with no words."""
    return SearchOutcome(query, tokens, [], 0, 0, {n: Counter() for n in FACETS}, offset, engine)
