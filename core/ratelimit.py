"""A per-client rate limit on Django's cache, for any public form or beacon.

The client's address is never stored as such: the cache key holds a keyed
hash of it (SECRET_KEY), and the entry expires with its window, which is at
most an hour. Nothing about the client reaches the database.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from .client import client_ip

MAX_WINDOW = 3600


def client_fingerprint(request) -> str:
    """A keyed hash of the client's address: the same client maps to the same key, the address is not readable."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, client_ip(request).encode(), hashlib.sha256).hexdigest()[:24]


def allow(request, scope: str, limit: int, window: int) -> bool:
    """Count one attempt; False once ``limit`` attempts were made in ``window`` seconds (capped at an hour)."""
    window = min(int(window), MAX_WINDOW)
    key = f"rate:{scope}:{client_fingerprint(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count is None:  # the cache is down: never turn a citizen away with an error
        return True
    return count <= limit
