"""Per-client rate limits on Django's cache (locmem in dev and tests, Redis in production).

The client is ``core.client.client_ip``: behind the proxy, the address it saw.
"""

from __future__ import annotations

import os

from django.conf import settings

from core import ratelimit

# (requests, seconds); settings or the environment override them (the bench lifts the submission limit).
DEFAULTS = {
    "submit": (10, 3600),
    "lookup": (20, 600),
}


def limit_for(scope: str) -> tuple[int, int]:
    name = f"ONLINE_SERVICE_{scope.upper()}_RATE"
    value = getattr(settings, name, None) or os.environ.get(name)
    if value:
        if isinstance(value, str):
            count, seconds = value.split("/")
            return int(count), int(seconds)
        return tuple(value)
    return DEFAULTS[scope]


def allow(request, scope: str) -> bool:
    """Count one attempt for the client; False once the window's allowance is spent (core.ratelimit)."""
    limit, window = limit_for(scope)
    return ratelimit.allow(request, f"svc-{scope}", limit, window)
