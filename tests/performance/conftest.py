"""Fixtures of the performance tests: caches switched on, and a clean cache around each test."""

import pytest

from tests.news.news_fixtures import news_index_for, publish_article

YTE = "soyte.hatinh.localhost"
GTVT = "sgtvt.hatinh.localhost"
PORTAL = "hatinh.localhost"


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
