"""Builders for news tests: a news index per agency and published articles (real pages, real tree).

A plugin (``pytest_plugins`` in tests/conftest.py): its fixtures are available to every test
directory. The pages come from news/factories.py; the bulk builders stay here for volume tests.
"""

from __future__ import annotations

import datetime

import pytest

from wagtail.models import Page

from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory
from news.models import NewsArticlePage, NewsIndexPage


def news_index_for(agency, *, title="Tin tức – Sự kiện", slug="tin-tuc") -> NewsIndexPage:
    home = Page.objects.get(pk=agency.home_page_id).specific
    existing = home.get_children().type(NewsIndexPage).first()
    if existing is not None:
        return existing.specific
    return NewsIndexPageFactory(parent=home, title=title, slug=slug)


def publish_article(
    index: NewsIndexPage, title: str, *, date=None, categories=(), tags=(), **fields
) -> NewsArticlePage:
    slug = fields.pop("slug", None) or f"tin-{NewsArticlePage.objects.count() + 1}"
    return NewsArticlePageFactory(
        parent=index,
        title=title,
        slug=slug,
        date=date or datetime.date(2026, 3, 2),
        categories=list(categories),
        tags=list(tags),
        **fields,
    )


@pytest.fixture
def categories(db):
    health = NewsCategoryFactory(name="Y tế – Sức khỏe", name_en="Health", slug="y-te")
    transport = NewsCategoryFactory(name="Giao thông", name_en="Transport", slug="giao-thong")
    return {"y-te": health, "giao-thong": transport}


@pytest.fixture
def news_indexes(network):
    return {slug: news_index_for(agency) for slug, agency in network.items()}


def bulk_pages(parent: Page, specifics: list[Page]) -> list[Page]:
    """Add many pages under one parent fast: tree rows in bulk, no revisions, no search indexing.

    Only for volume tests. Django cannot bulk-create multi-table models, so the page rows are
    bulk-created and the specific rows inserted with each field's own database preparation.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    if not specifics:
        return []
    model = type(specifics[0])
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    now = timezone.now()
    pages = []
    for specific in specifics:
        step += 1
        pages.append(
            Page(
                title=specific.title,
                draft_title=specific.title,
                slug=specific.slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{specific.slug}/",
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    fields = list(model._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = []
    for page, specific in zip(pages, specifics, strict=True):
        specific.page_ptr_id = page.pk
        rows.append([f.get_db_prep_save(getattr(specific, f.attname), connection) for f in fields])
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def bulk_articles(indexes: list[NewsIndexPage], total: int) -> None:
    """Grow the network to ``total`` live articles, spread over the given news indexes."""
    start = NewsArticlePage.objects.count()
    by_index: dict[int, list[NewsArticlePage]] = {i.pk: [] for i in indexes}
    for n in range(start, total):
        index = indexes[n % len(indexes)]
        by_index[index.pk].append(
            NewsArticlePage(
                title=f"Tin số {n}",
                slug=f"tin-so-{n}",
                agency_id=index.agency_id,
                date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 400),
                lead=f"Sa pô tin số {n}.",
                body=[("paragraph", f"<p>Nội dung tin số {n}.</p>")],
            )
        )
    for index in indexes:
        bulk_pages(index, by_index[index.pk])
