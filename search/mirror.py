"""The public search index in the search cluster (Elasticsearch or OpenSearch), kept from ``SearchDocument``.

``SearchDocument`` stays the one source of truth in every configuration: the
database backend writes it on publish, unpublish, move and delete. When the
default backend is a cluster (``mirrors_public_search``), every page whose
document changes is queued in ``PendingIndexUpdate`` in the same transaction,
and :func:`drain` sends the current documents (or their removal) in bulk.
A drain runs after each commit that queued something; ``manage.py
search_queue --drain`` runs from a timer (deploy/) and empties whatever a
cluster outage left behind. Nothing is lost while the cluster is down: the
queue is a table, and a row leaves it only once the cluster took that version.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .backends.analysis import VIETNAMESE_FOLDING_ANALYZER, VIETNAMESE_FOLDING_FILTER
from .models import PendingIndexUpdate, SearchDocument

logger = logging.getLogger("portal.search")

BATCH = 500
INDEX_SUFFIX = "public_documents"

PUBLIC_INDEX = {
    "settings": {
        "analysis": {
            "filter": {"vietnamese_folding": VIETNAMESE_FOLDING_FILTER},
            "analyzer": {"vietnamese_folding": VIETNAMESE_FOLDING_ANALYZER},
        },
        # Deep pages up to the search page's last one (100 pages of 10) need no more.
        "max_result_window": 10000,
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "page_id": {"type": "long"},
            "locale_id": {"type": "integer"},
            "live": {"type": "boolean"},
            "path": {"type": "keyword"},
            "kind": {"type": "keyword"},
            "agency_id": {"type": "integer"},
            "field_id": {"type": "integer"},
            "level": {"type": "short"},
            "code": {"type": "keyword"},
            "title": {"type": "text", "analyzer": "vietnamese_folding"},
            "body": {"type": "text", "analyzer": "vietnamese_folding"},
            "published_at": {"type": "date"},
        },
    },
}


def mirror_backend():
    """The default search backend if it is a cluster that keeps the public index, else None."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    return backend if getattr(backend, "mirrors_public_search", False) else None


def index_name(backend) -> str:
    return f"{getattr(backend, 'index_prefix', '')}{INDEX_SUFFIX}"


def document_source(doc: SearchDocument) -> dict:
    published = doc.published_at
    if published is not None and timezone.is_naive(published):
        published = published.replace(tzinfo=UTC)
    return {
        "page_id": doc.page_id,
        "locale_id": doc.locale_id,
        "live": doc.live,
        "path": doc.path,
        "kind": doc.kind,
        "agency_id": doc.agency_id,
        "field_id": doc.field_id,
        "level": doc.level,
        "code": doc.code,
        "title": doc.title,
        "body": doc.body,
        "published_at": published.isoformat() if published else None,
    }


# Queueing ---------------------------------------------------------------------------------------


def enqueue(page_ids) -> int:
    """Queue pages for the cluster, in the caller's transaction; a drain follows the commit."""
    page_ids = sorted(set(page_ids))
    if not page_ids or mirror_backend() is None:
        return 0
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(page_id=pk, queued_at=now) for pk in page_ids],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["queued_at"],
        batch_size=BATCH,
    )
    transaction.on_commit(drain_after_commit)
    return len(page_ids)


def drain_after_commit() -> None:
    """One batch, right after the commit that queued it; never raises (the timer retries)."""
    try:
        drain(max_batches=1)
    except Exception:  # noqa: BLE001 - an editor's publish must never fail on the cluster
        logger.exception("Search cluster: the drain after a commit failed; the queue keeps the updates")


# Draining ---------------------------------------------------------------------------------------


@dataclass
class DrainResult:
    indexed: int = 0
    removed: int = 0
    failed: int = 0
    remaining: int = 0
    error: str = ""


_index_ready: set[str] = set()


def ensure_index(client, name: str) -> None:
    if name in _index_ready:
        return
    if not client.indices.exists(index=name):
        client.indices.create(index=name, body=PUBLIC_INDEX)
    _index_ready.add(name)


def bulk_operations(name: str, page_ids: list[int]) -> list[dict]:
    """The bulk body for these pages: their current live document, or their removal."""
    docs = {doc.page_id: doc for doc in SearchDocument.objects.filter(page_id__in=page_ids, live=True)}
    operations: list[dict] = []
    for pk in page_ids:
        doc = docs.get(pk)
        if doc is not None:
            operations += [{"index": {"_index": name, "_id": str(pk)}}, document_source(doc)]
        else:
            operations.append({"delete": {"_index": name, "_id": str(pk)}})
    return operations


def _failures(response: dict) -> dict[int, str]:
    """Page ids the cluster did not take, with the reason (a delete of a missing document is done)."""
    failed = {}
    for item in response.get("items", []):
        (action, result), *_ = item.items()
        status = result.get("status", 500)
        if status < 300 or (action == "delete" and status == 404):
            continue
        failed[int(result["_id"])] = str(result.get("error", status))[:255]
    return failed


def drain(batch_size: int = BATCH, max_batches: int | None = None) -> DrainResult:
    """Send queued pages to the cluster, oldest first, until the queue is empty (or ``max_batches``)."""
    from .engines.elasticsearch import ElasticsearchEngine, elasticsearch_errors

    result = DrainResult()
    backend = mirror_backend()
    if backend is None:
        result.remaining = PendingIndexUpdate.objects.count()
        return result
    client, name = backend.es, index_name(backend)
    batches = 0
    refused: set[int] = set()  # refused by the cluster in this run: left for the next run
    while max_batches is None or batches < max_batches:
        queue = PendingIndexUpdate.objects.exclude(page_id__in=refused).order_by("queued_at", "page_id")
        pending = list(queue[:batch_size])
        if not pending:
            break
        batches += 1
        ids = [row.page_id for row in pending]
        try:
            ensure_index(client, name)
            operations = bulk_operations(name, ids)
            response = client.bulk(body=operations)
        except elasticsearch_errors() as error:
            ElasticsearchEngine.mark_down()
            result.error = f"{error.__class__.__name__}: {error}"[:255]
            PendingIndexUpdate.objects.filter(page_id__in=ids).update(last_error=result.error)
            _bump_attempts(ids)
            logger.warning("Search cluster unreachable; %d index updates stay queued (%s)", len(ids), result.error)
            break
        failed = _failures(response)
        for pk, reason in failed.items():
            PendingIndexUpdate.objects.filter(page_id=pk).update(last_error=reason)
        _bump_attempts(list(failed))
        done = [row for row in pending if row.page_id not in failed]
        # Only the version that was sent leaves the queue: a page queued again meanwhile stays.
        if done:
            match = Q()
            for row in done:
                match |= Q(page_id=row.page_id, queued_at=row.queued_at)
            PendingIndexUpdate.objects.filter(match).delete()
        indexed = _indexed_ids(operations)
        result.indexed += sum(1 for row in done if row.page_id in indexed)
        result.removed += sum(1 for row in done if row.page_id not in indexed)
        result.failed += len(failed)
        refused.update(failed)
    result.remaining = PendingIndexUpdate.objects.count()
    return result


def _indexed_ids(operations: list[dict]) -> set[int]:
    return {int(op["index"]["_id"]) for op in operations if "index" in op}


def _bump_attempts(page_ids: list[int]) -> None:
    if page_ids:
        PendingIndexUpdate.objects.filter(page_id__in=page_ids).update(attempts=F("attempts") + 1)


def queue_all() -> int:
    """Queue every document (and every queued removal stays): for ``search_queue --rebuild``."""
    ids = list(SearchDocument.objects.values_list("page_id", flat=True))
    total = 0
    for start in range(0, len(ids), BATCH * 10):
        with transaction.atomic():
            total += enqueue(ids[start : start + BATCH * 10])
    return total


def recreate_index() -> None:
    """Drop and create the public index with the current mapping (its documents are queued again)."""
    backend = mirror_backend()
    if backend is None:
        return
    client, name = backend.es, index_name(backend)
    if client.indices.exists(index=name):
        client.indices.delete(index=name)
    _index_ready.discard(name)
    ensure_index(client, name)
