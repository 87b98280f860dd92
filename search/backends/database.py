"""Wagtail's database search backend, made to keep the public search index.

Configured as ``"BACKEND": "search.backends.database"``. It is the upstream
backend of the current database engine (so the admin's own searches work as
before; on PostgreSQL they use the ``portal_vi`` configuration and so fold
Vietnamese diacritics too), plus: every page Wagtail indexes, re-indexes or
removes is written to, or removed from, ``search.SearchDocument``, which the
public search reads. Wagtail calls these hooks on publish, unpublish, move
and delete (its post_save/post_delete signal handlers) and from
``manage.py update_index``.
"""

from __future__ import annotations

from django.db import connection

from wagtail.models import Page

from .. import documents


class PublicSearchIndexMixin:
    def add_items(self, model, objs):
        super().add_items(model, objs)
        if documents.is_publicly_searchable(model):
            documents.index_pages(objs)

    def delete_item(self, item):
        super().delete_item(item)
        if isinstance(item, Page):
            documents.remove_pages([item.pk])

    def delete_stale_entries(self):
        super().delete_stale_entries()
        documents.delete_stale_documents()

    def reset(self):
        super().reset()
        documents.reset_documents()


def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

    class PortalPostgresIndex(PublicSearchIndexMixin, PostgresIndex):
        pass

    class PortalPostgresSearchBackend(PostgresSearchBackend):
        index_class = PortalPostgresIndex
        maintains_public_search = True

        def __init__(self, params):
            params = {"SEARCH_CONFIG": "portal_vi", **params}
            super().__init__(params)

    return PortalPostgresSearchBackend


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

    class PortalSQLiteIndex(PublicSearchIndexMixin, SQLiteIndex):
        pass

    class PortalSQLiteSearchBackend(SQLiteSearchBackend):
        index_class = PortalSQLiteIndex
        maintains_public_search = True

    return PortalSQLiteSearchBackend


_classes: dict[str, type] = {}


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up under this name
    vendor = connection.vendor
    if vendor not in _classes:
        if vendor == "postgresql":
            _classes[vendor] = _postgres_backend_class()
        elif vendor == "sqlite":
            _classes[vendor] = _sqlite_backend_class()
        else:
            raise NotImplementedError(f"The portal's public search supports PostgreSQL and SQLite, not {vendor}.")
    return _classes[vendor](params)
