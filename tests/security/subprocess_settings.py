"""Test settings for server and command processes started by tests: roots, cache and search from the environment.

config/settings/test.py pins the media folders and a memory cache; the
processes of the backup and fault tests need their own folders, and the
fault tests need the Redis and Elasticsearch settings that base.py derives
from REDIS_URL and ELASTICSEARCH_URL.
"""

import os
from pathlib import Path

from config.settings import base
from config.settings.test import *  # noqa: F403

if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
if os.environ.get("PRIVATE_MEDIA_ROOT"):
    PRIVATE_MEDIA_ROOT = Path(os.environ["PRIVATE_MEDIA_ROOT"])
if os.environ.get("REDIS_URL"):
    CACHES = base.CACHES
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = base.WAGTAILSEARCH_BACKENDS
