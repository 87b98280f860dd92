"""Fixtures of the news app's tests (news: tests.news.news_fixtures.py)."""

from tests.news.news_fixtures import categories, news_indexes  # noqa: F401
