"""Seed a province-scale network fast: agencies, procedures, news, and the search index.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/seed.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/seed.py --agencies 250 --procedures 5000 --news 50000

Defaults: 250 agencies (one province portal unless the database has one, then
every agency hangs under it), 5,000 procedures and 50,000 news articles,
spread evenly over the agencies. The database is migrated first (creating it
for SQLite). Everything is written with bulk inserts, not ``save()``:

- pages get treebeard materialised paths computed here (steplen 4, base 36),
  with ``numchild`` and ``url_path`` set, so the tree is valid for Wagtail
  (``manage.py fixtree`` finds nothing to fix);
- each page type's own table is written with Django's bulk insert of that
  model's local fields, so fields added to the models later take their
  defaults without changes here;
- the public search index (``search.SearchDocument`` and, on SQLite, its FTS5
  table) is written in bulk from the same generated text. Wagtail's admin
  search index is not built here: run ``manage.py update_index`` if the
  admin's own search must cover the seeded pages.

Agencies get what search and listings need (agency row, site, Vietnamese and
English home page); editor groups, collections and workflows are not created
(run ``sites.provisioning.provision_agency`` for the ones you need). Reusable:
``seed(agencies=..., procedures=..., news=...)`` from Python.

Text is generated from Vietnamese procedure and news vocabulary with a Zipf-like
topic distribution, so common words ("dịch vụ công", "giấy phép") appear in
many documents, as they do on a real portal. A fixed random seed makes runs
reproducible.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

from bench.seed_content import ContentSeeding  # noqa: E402
from bench.seed_network import NetworkSeeding  # noqa: E402
from bench.treepaths import STEPLEN, child_path  # noqa: E402

__all__ = ["STEPLEN", "Seeder", "seed"]

BATCH = 1000


# Seeding ---------------------------------------------------------------------


class Seeder(NetworkSeeding, ContentSeeding):
    """Writes the network in bulk: the page tree and helpers here, the network and content in the mixins."""

    def __init__(self, agencies: int, procedures: int, news: int, seed: int, out=sys.stdout):
        from django.contrib.contenttypes.models import ContentType

        from wagtail.models import Locale, Page

        self.rng = random.Random(seed)
        self.n_agencies, self.n_procedures, self.n_news = agencies, procedures, news
        self.out = out
        self.vi = Locale.objects.get_or_create(language_code="vi")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        self.root = Page.get_first_root_node()
        self.ct = ContentType.objects.get_for_model
        self.now = datetime.now().astimezone()
        self.documents = []
        self.page_counts: dict[str, int] = {}

    def log(self, message: str):
        self.out.write(message + "\n")
        self.out.flush()

    # Generic bulk insert of pages of one specific type.

    def insert_pages(self, model, rows: list[dict]) -> list:
        """Insert pages of ``model``: one bulk insert into wagtailcore_page, one into the model's own table."""
        from wagtail.models import Page

        page_fields = {f.attname for f in Page._meta.concrete_fields}
        content_type_id = self.ct(model).pk
        pages, specifics = [], []
        for row in rows:
            page_values = {k: v for k, v in row.items() if k in page_fields}
            page_values.setdefault("draft_title", row["title"])
            page_values.setdefault("translation_key", uuid.uuid4())
            page_values["content_type_id"] = content_type_id
            pages.append(Page(**page_values))
        for start in range(0, len(pages), BATCH):
            Page.objects.bulk_create(pages[start : start + BATCH])
        for page, row in zip(pages, rows, strict=True):
            specific = model(**{k: v for k, v in row.items() if k not in page_fields})
            for name in page_fields:  # keep the page values on the specific object for indexing
                setattr(specific, name, getattr(page, name))
            specific.page_ptr_id = page.pk
            specifics.append(specific)
        local_fields = model._meta.local_concrete_fields
        for start in range(0, len(specifics), BATCH):
            model._base_manager._insert(specifics[start : start + BATCH], fields=local_fields)
        self.page_counts[model.__name__] = self.page_counts.get(model.__name__, 0) + len(specifics)
        return specifics

    def page_row(self, parent_path, parent_url, position, title, slug, locale, published, **extra) -> dict:
        return {
            "path": child_path(parent_path, position),
            "depth": len(parent_path) // STEPLEN + 1,
            "numchild": 0,
            "title": title,
            "slug": slug,
            "url_path": f"{parent_url}{slug}/",
            "locale_id": locale.pk,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            **extra,
        }

    def run(self):
        from django.db import transaction

        from news.models import NewsIndexPage
        from procedures.models import ProcedureIndexPage

        started = time.perf_counter()
        with transaction.atomic():
            self.make_agencies()
            self.make_fields()
            self.fields_by_id = {f.pk: f.name for f in self.fields.values()}
            procedure_indexes = self.make_sections(ProcedureIndexPage, "Thủ tục hành chính", "thu-tuc-hanh-chinh", 1)
            news_indexes = self.make_sections(NewsIndexPage, "Tin tức – Sự kiện", "tin-tuc", 2)
            self.make_procedures(procedure_indexes)
            self.make_news(news_indexes)
            self.flush_documents()
        self.log(f"  {self.indexed} search documents")
        self.log(f"Seeded in {time.perf_counter() - started:.1f} s: {self.page_counts}")


def seed(agencies=250, procedures=5000, news=50000, seed=20250815, out=sys.stdout):
    Seeder(agencies, procedures, news, seed, out).run()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=250)
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--news", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=20250815, help="random seed (same seed, same network)")
    parser.add_argument("--no-migrate", action="store_true", help="the database is already migrated")
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="leave the planner statistics unset (time searches as right after a bulk load, before autovacuum)",
    )
    args = parser.parse_args(argv)

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False  # no query log in memory while inserting 55,000 pages
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    if not args.no_migrate:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Migrated in {time.perf_counter() - started:.1f} s")
    seed(args.agencies, args.procedures, args.news, args.seed)
    if args.no_analyze:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('optimize')")


if __name__ == "__main__":
    main()
