"""Facet distributions kept per query and index generation.

A query's joint distribution over (kind, agency, field, level) does not depend
on the filters a citizen picks, so paging and facet clicks, and the next
citizen typing the same words, can reuse it. It is kept in Django's cache under
the query's folded words, the locale, the view-restricted paths and the index
generation's stamp (``search.models.IndexGeneration``: replaced by a database
trigger on every write to the index, in the writer's transaction). The stamp
is read before counting, inside the search's transaction, so what is stored
under a stamp was counted from that state of the index or a later one — never
an earlier one — and any publish, unpublish, edit, move or delete makes every
entry unreachable at once.

Only the distribution is cached: the ranked page is computed on every search.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache

from ..models import IndexGeneration

logger = logging.getLogger("portal.search")

ENABLED = True  # the benchmark's --no-facet-cache turns it off
TIMEOUT = 3600  # seconds; a new stamp makes old entries unreachable long before
STAMP_SQL = f"SELECT stamp FROM {IndexGeneration._meta.db_table} WHERE id = 1"  # noqa: S608


def current_stamp(cursor) -> str | None:
    """The index generation's stamp, or None (no row: nothing is cached)."""
    cursor.execute(STAMP_SQL)
    row = cursor.fetchone()
    return row[0] if row and row[0] else None


def key(stamp: str, vendor: str, locale_id: int, tokens: list[str], restricted: list[str]) -> str:
    words = "\x1f".join(tokens) + "\x1e" + "\x1f".join(sorted(restricted))
    digest = hashlib.sha256(words.encode()).hexdigest()[:32]
    return f"search:facets:{vendor}:{stamp}:{locale_id}:{digest}"


def get(cache_key: str):
    try:
        return cache.get(cache_key)
    except Exception:  # noqa: BLE001 - a cache outage costs a count, never a search
        logger.warning("facet cache unreadable", exc_info=True)
        return None


def put(cache_key: str, value) -> None:
    try:
        cache.set(cache_key, value, TIMEOUT)
    except Exception:  # noqa: BLE001
        logger.warning("facet cache unwritable", exc_info=True)


def forget(vendor: str, locale_id: int, tokens: list[str], restricted: list[str]) -> None:
    """Drop one query's entry under the current stamp (the benchmark's uncached first run)."""
    from django.db import connection

    with connection.cursor() as cursor:
        stamp = current_stamp(cursor)
    if stamp is not None:
        try:
            cache.delete(key(stamp, vendor, locale_id, tokens, restricted))
        except Exception:  # noqa: BLE001
            logger.warning("facet cache unwritable", exc_info=True)
