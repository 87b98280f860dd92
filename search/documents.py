"""Turning pages into search documents and writing them, on every database engine.

A page type takes part in the public search by declaring ``search_fields``
like any Wagtail model: every ``SearchField`` except the title (and the
``SearchField`` entries of its ``RelatedFields``) becomes the document body.
Its content type facet comes from ``search_kind`` on the model if set, else
from its name: ``ProcedurePage`` → procedure, ``*NewsPage`` / ``*ArticlePage``
→ news, anything else → page. A model opts out with ``public_search = False``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Manager
from django.utils.encoding import force_str

from wagtail.models import Page
from wagtail.search import index

from . import mirror
from .models import SearchDocument
from .text import fold, padded_words

logger = logging.getLogger("portal.search")

FTS_TABLE = "portal_search_fts"
MAX_BODY_CHARS = 20_000


def content_kind(model) -> str:
    """procedure, news or page, for the content type facet."""
    explicit = getattr(model, "search_kind", None)
    if explicit in SearchDocument.Kind.values:
        return explicit
    name = model.__name__
    if name == "ProcedurePage":
        return SearchDocument.Kind.PROCEDURE
    if name.endswith(("NewsPage", "ArticlePage")):
        return SearchDocument.Kind.NEWS
    return SearchDocument.Kind.PAGE


def is_publicly_searchable(model) -> bool:
    return issubclass(model, Page) and getattr(model, "public_search", True)


def _flatten(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [force_str(value)]


def _field_texts(obj, field) -> list[str]:
    if isinstance(field, index.SearchField):
        return _flatten(field.get_value(obj))
    if isinstance(field, index.RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return []
        related_objs = related.all() if isinstance(related, Manager) else [related() if callable(related) else related]
        return [text for sub in related_objs for sub_field in field.fields for text in _field_texts(sub, sub_field)]
    return []


def body_text(page) -> str:
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name == "title":
            continue
        texts.extend(text.strip() for text in _field_texts(page, field))
    body = "\n".join(text for text in texts if text)
    return body[:MAX_BODY_CHARS]


class AgencyResolver:
    """The agency owning a tree path, from its depth-2 ancestor (one query per batch)."""

    def __init__(self):
        from sites.models import Agency

        home_keys = dict(Agency.objects.filter(home_page__isnull=False).values_list("home_page__translation_key", "pk"))
        self.by_root_path = {
            path: home_keys[key]
            for path, key in Page.objects.filter(depth=2, translation_key__in=home_keys).values_list(
                "path", "translation_key"
            )
        }

    def __call__(self, path: str) -> int | None:
        return self.by_root_path.get(path[: Page.steplen * 2])


def document_for(page, agencies: AgencyResolver | None = None) -> SearchDocument | None:
    """The search document of a specific page instance, or None if it has no place in public search."""
    model = type(page)
    if not is_publicly_searchable(model) or page.depth is None or page.depth < 2:
        return None
    agency_id = agencies(page.path) if agencies is not None else None
    if agency_id is None:
        agency_id = getattr(page, "agency_id", None)
    field_id = getattr(page, "field_id", None)
    level = getattr(page, "level", None)
    return SearchDocument(
        page_id=page.pk,
        content_type_id=ContentType.objects.get_for_model(model).pk,
        locale_id=page.locale_id,
        live=bool(page.live and not page.expired),
        path=page.path,
        kind=content_kind(model),
        agency_id=agency_id,
        field_id=field_id if isinstance(field_id, int) else None,
        level=level if isinstance(level, int) else None,
        code=str(getattr(page, "code", "") or "")[:64] if content_kind(model) == "procedure" else "",
        title=page.title,
        body=body_text(page),
        published_at=page.last_published_at or page.first_published_at,
    )


UPDATE_FIELDS = [
    "content_type",
    "locale",
    "live",
    "path",
    "kind",
    "agency",
    "field",
    "level",
    "code",
    "title",
    "title_words",
    "body",
    "published_at",
]


def write_documents(documents: Iterable[SearchDocument]) -> int:
    """Insert or update documents, and the SQLite full-text rows that go with them."""
    documents = [doc for doc in documents if doc is not None]
    if not documents:
        return 0
    for doc in documents:
        doc.title_words = padded_words(doc.title)
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=UPDATE_FIELDS,
            batch_size=500,
        )
        if connection.vendor == "sqlite":
            write_fts_rows(connection, [(doc.page_id, doc.title, doc.body) for doc in documents])
        mirror.enqueue(doc.page_id for doc in documents)
    return len(documents)


def write_fts_rows(conn, rows: list[tuple[int, str, str]]) -> None:
    """(Re)write the folded title and body of documents into the SQLite FTS5 table."""
    with conn.cursor() as cursor:
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                chunk,
            )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
            [(page_id, fold(title), fold(body)) for page_id, title, body in rows],
        )


def index_pages(pages: Iterable) -> int:
    """Index specific page instances (as Wagtail's backends receive them)."""
    pages = list(pages)
    if not pages:
        return 0
    agencies = AgencyResolver()
    return write_documents(document_for(page, agencies) for page in pages)


def remove_pages(page_ids: Iterable[int]) -> None:
    page_ids = list(page_ids)
    with transaction.atomic():
        SearchDocument.objects.filter(page_id__in=page_ids).delete()
        mirror.enqueue(page_ids)


def reindex_subtree(page) -> int:
    """Re-index a page and its descendants (their path and agency change when it moves)."""
    count = 0
    pages = Page.objects.filter(path__startswith=page.path).order_by("path").specific(defer=False)
    batch = []
    for specific in pages.iterator(chunk_size=500):
        batch.append(specific)
        if len(batch) >= 500:
            count += index_pages(batch)
            batch = []
    count += index_pages(batch)
    return count


def delete_stale_documents() -> int:
    """Documents whose page is gone or no longer takes part (for ``update_index``)."""
    from wagtail.models import get_page_models

    excluded = [
        ContentType.objects.get_for_model(model).pk for model in get_page_models() if not is_publicly_searchable(model)
    ]
    stale = SearchDocument.objects.filter(content_type_id__in=excluded)
    with transaction.atomic():
        mirror.enqueue(stale.values_list("page_id", flat=True))
        deleted, _ = stale.delete()
    return deleted


def reset_documents() -> None:
    with transaction.atomic():
        mirror.enqueue(SearchDocument.objects.values_list("page_id", flat=True))
        SearchDocument.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
