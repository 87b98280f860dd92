"""The public search: matching, ranking, facets and autocomplete over ``SearchDocument``.

One query finds the joint distribution of the matches over the four facets
(content type, agency, field, level); the totals and every facet's counts
follow from it in Python (each facet counted with the other facets' filters
applied, so a citizen sees what choosing another value would give). Then one
page of hits, ranked in tiers:

1. the title contains the exact phrase,
2. the title contains every word (procedures first within these two tiers),
3. the exact phrase appears anywhere,
4. a term-frequency score (title weighted ten times the body), newest first on ties.

Tiers 1–2 are decided over every match without reading any body; tiers 3–4
re-order a window of the best 100 (see ``ranked_ids``; docs/search.md).

With ``ELASTICSEARCH_URL`` set, Elasticsearch finds and orders the candidates
and the same facet and page logic runs over them; if Elasticsearch cannot be
reached the database engine answers and the failure is logged.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from wagtail.models import Page, PageViewRestriction

from .models import SearchDocument
from .text import _WORD_RE, clean_query, query_tokens

logger = logging.getLogger("portal.search")

FACETS = ("kind", "agency_id", "field_id", "level")
DOC_TABLE = SearchDocument._meta.db_table
FTS_TABLE = "portal_search_fts"
ES_CANDIDATES = 1000
RESCORE_WINDOW = 100  # matches re-ordered by the full relevance (phrase anywhere, term frequencies)
# PostgreSQL plans (see DatabaseEngine._window_postgresql). When at least a quarter of the
# index matches, the other matches are found by walking the rank order (newest first) instead
# of sorting them all; when at least half matches, a walk for titles with the exact phrase is
# tried first, reading at most WALK_CAP documents (~3 ms) before giving up.
COMMON_FRACTION = 4
PHRASE_WALK_FRACTION = 2
WALK_CAP = 1500
RESCORE_SQL = f"SELECT page_id, title_words LIKE %s OR search_vector @@ phraseto_tsquery('portal_vi', %s), ts_rank('{{0, 0, 0.1, 1}}', search_vector, plainto_tsquery('portal_vi', %s), 1) FROM {DOC_TABLE} WHERE page_id = ANY(%s)"  # noqa: S608
ES_RETRY_AFTER = 30.0  # seconds during which an unreachable Elasticsearch is not asked again


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


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def _base_where(locale_id: int, restricted: list[str] | None = None) -> tuple[str, list]:
    sql = "d.locale_id = %s AND d.live"
    params: list = [locale_id]
    for path in _restricted_paths() if restricted is None else restricted:
        sql += " AND d.path NOT LIKE %s"
        params.append(path + "%")
    return sql, params


def _filter_where(filters: SearchFilters) -> tuple[str, list]:
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


_EPOCH = datetime.min.replace(tzinfo=UTC)


def relevance_key(row) -> tuple:
    """Sort key of a window row (page_id, title_phrase, title_all, published_at, kind, phrase, score)."""
    page_id, title_phrase, title_all, published_at, kind, phrase, score = row
    procedure_first = title_all and kind != SearchDocument.Kind.PROCEDURE
    published = _as_datetime(published_at) or _EPOCH
    return (not title_phrase, not title_all, procedure_first, not phrase, -score, -published.timestamp(), page_id)


def _fetch_documents(page_ids: list[int]) -> list[SearchDocument]:
    by_id = {
        doc.page_id: doc
        for doc in SearchDocument.objects.filter(page_id__in=page_ids).select_related("agency", "field", "page")
    }
    return [by_id[pk] for pk in page_ids if pk in by_id]


class DatabaseEngine:
    """Searches the ``SearchDocument`` table with the database's own full-text index."""

    name = "database"

    def __init__(self):
        self.vendor = connection.vendor
        self._open_cursor = None  # the cursor of the search under way: one transaction for all its statements
        self._restricted = None  # view-restricted paths, read once per search
        self.table_size = 0.0  # PostgreSQL's estimate of the index's rows, read with the facets

    def _base(self, locale_id: int) -> tuple[str, list]:
        return _base_where(locale_id, self._restricted)

    # Building blocks per vendor ----------------------------------------------------

    def _match(self, query: str, tokens: list[str]) -> tuple[str, str, list]:
        """FROM clause, WHERE condition and params that select the documents matching every word.

        PostgreSQL gets the folded words, space-separated, like SQLite: its parser
        would otherwise keep "giấy-phép" as one compound token.
        """
        if self.vendor == "postgresql":
            return (
                f"{DOC_TABLE} d",
                "d.search_vector @@ plainto_tsquery('portal_vi', %s)",
                [" ".join(tokens)],
            )
        return (
            f"{FTS_TABLE} JOIN {DOC_TABLE} d ON d.page_id = {FTS_TABLE}.rowid",
            f"{FTS_TABLE} MATCH %s",
            [fts_all(tokens)],
        )

    def _title_tiers(self, tokens: list[str]) -> tuple[str, list]:
        """SQLite: SELECT expressions (title has the exact phrase, title has every word) answered by FTS5 as sets."""
        subquery = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return (
            f"d.page_id IN ({subquery}), d.page_id IN ({subquery})",
            [fts_title_phrase(tokens), fts_title_all(tokens)],
        )

    @contextmanager
    def _cursor(self):
        """A cursor in a transaction; on PostgreSQL, matches are read through the GIN indexes, in one process.

        The planner underestimates what reading every matching row's vector
        costs and picks a sequential scan for common words; a bitmap scan of the
        GIN index needs no vector at all (it is exact for AND queries). Parallel
        workers made the counting slower here (47 vs 37 ms for 48,000 matches on
        2 cores), and on a busy server every core already serves a request.
        """
        if self._open_cursor is not None:
            yield self._open_cursor
            return
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0")
            self._open_cursor = cursor
            try:
                yield cursor
            finally:
                self._open_cursor = None

    # Public API -----------------------------------------------------------------

    def facet_rows(self, query: str, tokens: list[str], locale_id: int):
        """(kind, agency, field, level, count) of every match; on PostgreSQL also the planner's table size.

        The size (``pg_class.reltuples``, read in the same statement) tells
        ``_window_postgresql`` how common the query's words are.
        """
        from_sql, match_sql, match_params = self._match(query, tokens)
        base_sql, base_params = self._base(locale_id)
        size_sql = ""
        if self.vendor == "postgresql":
            size_sql = f", (SELECT reltuples FROM pg_class WHERE oid = '{DOC_TABLE}'::regclass)"  # noqa: S608
        sql = (
            f"SELECT d.kind, d.agency_id, d.field_id, d.level, COUNT(*){size_sql} FROM {from_sql}"  # noqa: S608
            f" WHERE {match_sql} AND {base_sql} GROUP BY d.kind, d.agency_id, d.field_id, d.level"
        )
        with self._cursor() as cursor:
            cursor.execute(sql, match_params + base_params)
            rows = cursor.fetchall()
        if self.vendor == "postgresql":
            self.table_size = max((row[5] for row in rows), default=0.0)
            rows = [row[:5] for row in rows]
        return rows

    def ranked_ids(
        self, query: str, tokens: list[str], locale_id: int, filters: SearchFilters, limit, offset, total=None
    ):
        """One page of hits: the title tiers exactly over every match, the rest rescored in a window.

        1. Every match is ordered by: the title has the exact phrase, the title has
           every word, procedures before other pages, newest first. The first
           ``RESCORE_WINDOW`` (at least offset + limit) are kept.
        2. That window is re-ordered by the full relevance: the title tiers
           (procedures first within them), the exact phrase anywhere, then a
           term-frequency score with the title weighted ten times the body, then date.
        """
        window = max(RESCORE_WINDOW, offset + limit)
        if self.vendor == "postgresql":
            # How common the words are decides the plan: walking the rank order pays off when many documents match.
            size = self.table_size
            common = total is not None and size > 0 and total * COMMON_FRACTION >= size
            very_common = common and total * PHRASE_WALK_FRACTION >= size
            rows = (very_common and self._window_title_phrase_walk(tokens, locale_id, filters, window)) or (
                self._window_postgresql(tokens, locale_id, filters, window, walk=common)
            )
        else:
            rows = self._window_sqlite(query, tokens, locale_id, filters, window)
        rows.sort(key=relevance_key)
        return [row[0] for row in rows[offset : offset + limit]]

    # PostgreSQL ------------------------------------------------------------------
    #
    # The window is built from parts that are already in tier order, concatenated
    # with UNION ALL under one LIMIT: PostgreSQL runs the parts one after the other
    # and stops as soon as the window is full, so when the title matches fill it the
    # other matches are never read. Where a part is a walk of
    # ``portal_search_doc_rank_order`` (newest first), it reads rows only until it
    # has enough; where it is a GIN bitmap, it reads every match of that part and
    # sorts them. A walk is chosen only for common words (see ``ranked_ids``):
    # for rarer ones it would read far more rows than it keeps. Procedures, which
    # come first in every tier, are taken from the GIN index combined with the
    # (locale, live, kind) index, so a walk over other pages never crosses them.

    def _pg_rescored(self, window_sql: str, params: list, words: str, at_least: int = 0) -> list | None:
        """The window's rows, each with the phrase-anywhere test and ``ts_rank`` (title 1.0, body 0.1).

        None if the window has fewer than ``at_least`` rows: then no vector is read.
        """
        with self._cursor() as cursor:
            cursor.execute(window_sql, params)
            rows = cursor.fetchall()
            if len(rows) < at_least or not rows:
                return None if at_least else []
            # A title with the phrase answers the phrase test without reading the vector.
            cursor.execute(RESCORE_SQL, ["% " + words + " %", words, words, [row[0] for row in rows]])
            scores = {page_id: (phrase, score) for page_id, phrase, score in cursor.fetchall()}
        return [(*row, *scores.get(row[0], (False, 0.0))) for row in rows]

    def _window_title_phrase_walk(self, tokens, locale_id: int, filters: SearchFilters, window: int) -> list | None:
        """Common words: the window filled by titles with the exact phrase, or None if there are too few.

        Procedures whose title has the phrase (GIN and kind index), then other
        pages by a walk of at most ``WALK_CAP`` newest documents whose
        ``title_words`` contain it. If that fills the window it is exactly the
        top of the first tier; otherwise the general plan runs.
        """
        words = " ".join(tokens)
        phrase = "% " + words + " %"
        scope_sql, scope_params = self._pg_scope(locale_id, filters)
        window_sql = f"""
            (SELECT d.page_id, TRUE AS title_phrase, TRUE AS title_all, d.published_at, d.kind FROM {DOC_TABLE} d
              WHERE d.kind = 'procedure' AND d.title_vector @@ plainto_tsquery('portal_vi', %s)
                AND d.title_words LIKE %s AND {scope_sql}
              ORDER BY d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
            UNION ALL
            (SELECT walk.page_id, TRUE, TRUE, walk.published_at, walk.kind
               FROM (SELECT d.page_id, d.title_words, d.published_at, d.kind FROM {DOC_TABLE} d
                      WHERE (d.kind = 'procedure') IS FALSE AND {scope_sql}
                      ORDER BY d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id
                      LIMIT %s) walk
              WHERE walk.title_words LIKE %s LIMIT %s)
            LIMIT %s
        """  # noqa: S608
        params = [words, phrase, *scope_params, window, *scope_params, WALK_CAP, phrase, window, window]
        return self._pg_rescored(window_sql, params, words, at_least=window)

    def _window_postgresql(
        self, tokens: list[str], locale_id: int, filters: SearchFilters, window: int, walk: bool = False
    ) -> list:
        """The rescore window: title matches (GIN), then the other matches, procedures first, newest first.

        With ``walk`` (common words) the other pages among the other matches come
        from walking the rank order, reading vectors only until the window is
        full; otherwise from the GIN index and a sort, the ORDER BY written so the
        walk cannot be chosen.
        """
        words = " ".join(tokens)
        scope_sql, scope_params = self._pg_scope(locale_id, filters)
        title = f"""
            (SELECT d.page_id, d.title_words LIKE %s AS title_phrase, TRUE AS title_all, d.published_at, d.kind
               FROM {DOC_TABLE} d
              WHERE d.title_vector @@ plainto_tsquery('portal_vi', %s) AND {scope_sql}
              ORDER BY 2 DESC, d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
        """  # noqa: S608
        title_params = ["% " + words + " %", words, *scope_params, window]
        others_where = (
            f"d.search_vector @@ plainto_tsquery('portal_vi', %s)"
            f" AND NOT d.title_vector @@ plainto_tsquery('portal_vi', %s) AND {scope_sql}"
        )
        others_params = [words, words, *scope_params]
        if walk:
            others = f"""
                (SELECT d.page_id, FALSE, FALSE, d.published_at, d.kind FROM {DOC_TABLE} d
                  WHERE d.kind = 'procedure' AND {others_where}
                  ORDER BY d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
                UNION ALL
                (SELECT d.page_id, FALSE, FALSE, d.published_at, d.kind FROM {DOC_TABLE} d
                  WHERE (d.kind = 'procedure') IS FALSE AND {others_where}
                  ORDER BY d.kind = 'procedure' DESC, d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
            """  # noqa: S608
            others_params = [*others_params, window, *others_params, window]
        else:
            others = f"""
                (SELECT d.page_id, FALSE, FALSE, d.published_at, d.kind FROM {DOC_TABLE} d
                  WHERE {others_where}
                  ORDER BY d.kind <> 'procedure', d.published_at DESC NULLS LAST, d.page_id LIMIT %s)
            """  # noqa: S608
            others_params = [*others_params, window]
        window_sql = f"{title} UNION ALL {others} LIMIT %s"
        return self._pg_rescored(window_sql, [*title_params, *others_params, window], words)

    def _pg_scope(self, locale_id: int, filters: SearchFilters) -> tuple[str, list]:
        base_sql, base_params = self._base(locale_id)
        filter_sql, filter_params = _filter_where(filters)
        return base_sql + filter_sql, base_params + filter_params

    def _window_sqlite(self, query: str, tokens: list[str], locale_id: int, filters: SearchFilters, window: int):
        """The rescore window from FTS5, rescored in Python over the folded text FTS5 already holds."""
        from_sql, match_sql, match_params = self._match(query, tokens)
        base_sql, base_params = self._base(locale_id)
        filter_sql, filter_params = _filter_where(filters)
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

    def search(self, raw_query: str, locale_id: int, filters: SearchFilters, offset=0, limit=10) -> SearchOutcome:
        query, tokens = clean_query(raw_query), query_tokens(raw_query)
        if not tokens:
            return SearchOutcome(query, tokens, [], 0, 0, {n: Counter() for n in FACETS}, offset, self.vendor)
        started = time.perf_counter()
        self._restricted = _restricted_paths()
        try:
            with self._cursor():
                rows = self.facet_rows(query, tokens, locale_id)
                total, network_total, facets = summarise(rows, filters.as_dict())
                counted = time.perf_counter()
                ids = self.ranked_ids(query, tokens, locale_id, filters, limit, offset, total) if total > offset else []
        finally:
            self._restricted = None
        ranked = time.perf_counter()
        hits = _fetch_documents(ids)
        return SearchOutcome(
            query,
            tokens,
            hits,
            total,
            network_total,
            facets,
            offset,
            self.vendor,
            timings={"facets": counted - started, "rank": ranked - counted, "fetch": time.perf_counter() - ranked},
        )

    def autocomplete(self, raw_query: str, locale_id: int, limit: int = 8) -> list[SearchDocument]:
        """Procedure names containing every word typed, the last one as a prefix."""
        tokens = query_tokens(raw_query)
        if not tokens:
            return []
        base_sql, base_params = _base_where(locale_id)
        if self.vendor == "postgresql":
            terms = [f"'{t}'" for t in tokens[:-1]] + [f"'{tokens[-1]}':*"]
            from_sql = f"{DOC_TABLE} d"
            match_sql = "d.title_vector @@ to_tsquery('portal_vi', %s)"
            match_params = [" & ".join(terms)]
            order_sql = "ts_rank(d.title_vector, to_tsquery('portal_vi', %s)) DESC, length(d.title), d.page_id"
            order_params = match_params
        else:
            from_sql = f"{FTS_TABLE} JOIN {DOC_TABLE} d ON d.page_id = {FTS_TABLE}.rowid"
            match_sql = f"{FTS_TABLE} MATCH %s"
            match_params = ["title : (" + " ".join([f'"{t}"' for t in tokens[:-1]] + [f'"{tokens[-1]}"*']) + ")"]
            order_sql = f"bm25({FTS_TABLE}, 10.0, 1.0), length(d.title), d.page_id"
            order_params = []
        sql = (
            f"SELECT d.page_id FROM {from_sql} WHERE {match_sql} AND {base_sql} AND d.kind = %s"  # noqa: S608
            f" ORDER BY {order_sql} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, match_params + base_params + [SearchDocument.Kind.PROCEDURE] + order_params + [limit])
            ids = [row[0] for row in cursor.fetchall()]
        return _fetch_documents(ids)


# FTS5 query strings: tokens are \w+ only, so quoting them cannot break the syntax.


def fts_all(tokens: list[str]) -> str:
    return " ".join(f'"{t}"' for t in tokens)


def fts_phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def fts_title_all(tokens: list[str]) -> str:
    return f"title : ({fts_all(tokens)})"


def fts_title_phrase(tokens: list[str]) -> str:
    return f"title : {fts_phrase(tokens)}"


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
            return SearchOutcome(query, tokens, [], 0, 0, {n: Counter() for n in FACETS}, offset, self.name)
        ids = self.candidate_ids(query, locale_id)
        base = SearchDocument.objects.filter(page_id__in=ids, locale_id=locale_id, live=True)
        for path in _restricted_paths():
            base = base.exclude(path__startswith=path)
        rows = {row[0]: row[1:] for row in base.values_list("page_id", *FACETS)}
        total, network_total, facets = summarise(_with_counts(rows), filters.as_dict())
        wanted = filters.as_dict()
        matching = [
            pk
            for pk in ids
            if pk in rows and all(wanted[name] is None or rows[pk][i] == wanted[name] for i, name in enumerate(FACETS))
        ]
        hits = _fetch_documents(matching[offset : offset + limit])
        return SearchOutcome(query, tokens, hits, total, network_total, facets, offset, self.name)


def _with_counts(rows: dict) -> list[tuple]:
    return [(*values, count) for values, count in Counter(rows.values()).items()]


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
            except _elasticsearch_errors() as error:
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


def _elasticsearch_errors() -> tuple[type[BaseException], ...]:
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (TransportError, ApiError, ConnectionError)
