"""Fixtures of the performance tests: caches switched on, and a clean cache around each test."""

import pytest

from django.core.cache import cache

from tests.news.news_fixtures import news_index_for, publish_article

YTE = "soyte.hatinh.localhost"
GTVT = "sgtvt.hatinh.localhost"
PORTAL = "hatinh.localhost"


@pytest.fixture
def caches_on(settings):
    """The page cache and the fragment cache as in production (config/settings/test.py turns them off)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def news(network):
    """A news index on each site and one article of the Department of Health."""
    indexes = {slug: news_index_for(agency) for slug, agency in network.items()}
    article = publish_article(
        indexes["so-y-te"],
        "Tiêm chủng mở rộng đợt một",
        lead="Tin của ngành y tế.",
        body=[("paragraph", "<p>Nội dung.</p>")],
    )
    return {"indexes": indexes, "article": article}
