"""Cache values fetched for a request ahead of time, in one round trip (issue #18).

The caching app, routing a page view, asks the cache in one ``get_many`` for
everything the request will need: the route, the generations, the page's
shell, and the keys other apps name through the ``portal_prefetch_cache_keys``
hook (alerts: the schedule). It keeps what it asked and what it found on the
request; an app reads its key back with ``prefetched`` instead of asking the
cache again.
"""

from __future__ import annotations

import functools

PREFETCH_HOOK = "portal_prefetch_cache_keys"
REQUEST_ATTR = "_portal_cache_prefetch"
MISSING = object()


@functools.cache
def hooked_keys() -> tuple[str, ...]:
    """The cache keys apps want fetched with every page view's route (asked once per process)."""
    from wagtail import hooks

    return tuple(key for fn in hooks.get_hooks(PREFETCH_HOOK) for key in fn())


def prefetched(request, key: str):
    """The value fetched for ``key`` with this request's route: ``None`` if the cache had none, ``MISSING``
    if it was not asked (ask the cache yourself)."""
    kept = getattr(request, REQUEST_ATTR, None)
    if kept is None or key not in kept["asked"]:
        return MISSING
    return kept["found"].get(key)
