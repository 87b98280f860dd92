"""Tests: PostgreSQL unless DATABASE_URL points elsewhere (make test runs both)."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_test")

from .base import *  # noqa: E402, F403
from .base import BASE_DIR  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off unless a test turns them on (tests/performance): query budgets measure the real work.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-results" / "media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-results" / "private_media"
SITE_PORT = 80
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Tests never need a commit to survive a power cut: no WAL flush to wait for on each commit
    # (live-server and browser tests commit for real). Production keeps PostgreSQL's default.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
