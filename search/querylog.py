"""The query log: searches and result clicks, counted per folded query and day."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import LoggedQuery, QueryDay, ResultClick
from .text import mask_for_log, normalise_for_log

logger = logging.getLogger("portal.search")


LOST_KEY = "search:querylog:lost"


def _today():
    return timezone.localdate()


def _count_lost(what: str, key: str, error: Exception) -> None:
    """The log is a statistic, never a reason to fail a search: a write the database refuses
    (SQLite busy past its timeout, a full disk, a read-only replica) is counted as lost and logged."""
    logger.warning("Query log %s lost for %r: %s", what, key, error)
    try:
        cache.add(LOST_KEY, 0, timeout=None)
        cache.incr(LOST_KEY)
    except Exception:  # noqa: BLE001 - the cache being down must not fail the search either
        logger.warning("Query log: could not count a lost %s", what)


def lost_writes() -> int:
    """How many query-log writes were lost since the cache was last cleared."""
    try:
        return int(cache.get(LOST_KEY) or 0)
    except Exception:  # noqa: BLE001
        return 0


def record_search(raw_query: str, hits: int) -> LoggedQuery | None:
    """Count one search for ``raw_query`` that found ``hits`` results."""
    key = normalise_for_log(raw_query)[:255]
    if not key:
        return None
    try:
        with transaction.atomic():
            query, created = LoggedQuery.objects.get_or_create(
                normalized=key, defaults={"text": mask_for_log(raw_query)[:255], "last_hits": hits}
            )
            if not created:
                LoggedQuery.objects.filter(pk=query.pk).update(last_hits=hits, last_seen=timezone.now())
            day, _ = QueryDay.objects.get_or_create(query=query, date=_today())
            QueryDay.objects.filter(pk=day.pk).update(
                searches=F("searches") + 1, zero_results=F("zero_results") + (1 if hits == 0 else 0)
            )
    except IntegrityError:  # two first searches for the same words at once: the other one counted
        logger.info("Query log race for %r", key)
        return None
    except DatabaseError as error:
        _count_lost("search", key, error)
        return None
    return query


def record_click(raw_query: str, page_id: int, position: int | None) -> bool:
    """Count a click on a result; only for queries already in the log (clicks cannot create queries)."""
    key = normalise_for_log(raw_query)[:255]
    try:
        query = LoggedQuery.objects.filter(normalized=key).first() if key else None
    except DatabaseError as error:
        _count_lost("click", key, error)
        return False
    if query is None:
        return False
    today = _today()
    try:
        with transaction.atomic():
            day, _ = QueryDay.objects.get_or_create(query=query, date=today)
            QueryDay.objects.filter(pk=day.pk).update(clicks=F("clicks") + 1)
            click, _ = ResultClick.objects.get_or_create(query=query, page_id=page_id, date=today)
            ResultClick.objects.filter(pk=click.pk).update(
                clicks=F("clicks") + 1, position_total=F("position_total") + max(1, min(position or 1, 1000))
            )
    except IntegrityError:
        return False
    except DatabaseError as error:
        _count_lost("click", key, error)
        return False
    return True
