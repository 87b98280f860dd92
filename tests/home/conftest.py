"""Fixtures of the home app's tests (news: tests/home/news_fixtures.py)."""

from tests.home.news_fixtures import categories, news_indexes  # noqa: F401
