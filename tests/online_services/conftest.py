"""The online-service tests' own setup; their fixtures are in services_fixtures.py (a plugin, tests/conftest.py)."""

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache(settings, tmp_path):
    """A clean rate-limit cache and a private folder of the test's own (runs in parallel must not see each other's files)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    # force_login has no request, so django-axes would log the client address "unknown" (core.client),
    # which PostgreSQL's inet column refuses; the lockout itself is tested in tests/security.
    settings.AXES_ENABLED = False
    cache.clear()
    yield
    cache.clear()


# The one-stop-desk world (a district and its commune besides the test network), for the modules that ask for it.
from .desk_fixtures import desk, desk_world  # noqa: E402, F401
