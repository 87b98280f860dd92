"""A page's shell: base.html's parts around the per-visitor holes, kept as fragments (issue #18).

A page type with ``shell_cacheable`` (core.models.BasePage) has the parts of
base.html inside ``{% page_shell %}`` kept in the cache: everything from the
``<head>`` to the footer except the user bar and the alert banners, which are
rendered for each request between two parts. The page's own context is lazy,
so a warm shell runs none of its queries.

Keys and validity. A part is kept under the request's site, language,
scheme, host, path and query string (so it can be fetched before the page is
known, in the same round trip as the route: routecache.py), and holds a
*token* naming what it was rendered from: the page's id and live revision, the template, the
fragments' and the network's generations, the site's in every language (menus
and language links) and those of the page types the page lists from other
sites (``shell_cache_depends``). A part whose token differs from the current
one is a miss, and is rendered and stored again.

Nothing per visitor may go inside a part: no CSRF token, no user, no session,
no alert dismissed (those stay outside, or the page type is not shell
cacheable). The hashes of inline styles a part records for the CSP header are
kept with it and put back on the request on a hit.
"""

from __future__ import annotations

import functools
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

from core import prefetch as prefetch_keys

from . import pagecache
from .signals import page_type_generation_key

#: base.html's parts, in order.
PARTS = ("head", "header", "main", "end")
KEY_PREFIX = "pageshell:v1"
#: Request attribute: what one ``get_many`` at routing time found (routecache.py), and which keys it asked.
PREFETCH_ATTR = prefetch_keys.REQUEST_ATTR


@functools.cache
def depended_labels() -> tuple[str, ...]:
    """Every page type some shell-cacheable page type depends on (fetched with the route, in one round trip)."""
    labels: set[str] = set()
    for model in apps.get_models():
        if getattr(model, "shell_cacheable", False):
            labels.update(getattr(model, "shell_cache_depends", ()))
    return tuple(sorted(labels))


def generation_keys(site_id: int, language: str, labels: tuple[str, ...]) -> list[str]:
    keys = [pagecache.FRAGMENT_GENERATION_KEY, pagecache.NETWORK_GENERATION_KEY]
    keys += [pagecache.site_generation_key(site_id, code) for code, _name in settings.LANGUAGES]
    keys += [page_type_generation_key(label, language) for label in labels]
    return keys


def part_keys(request, site_id: int, language: str) -> dict[str, str]:
    address = "|".join(
        [
            request.scheme,  # absolute URLs (JSON-LD, hreflang) follow it
            request.get_host().lower(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            request.headers.get("x-requested-with", ""),  # Wagtail's ajax_template
        ]
    )
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return {part: f"{KEY_PREFIX}:{site_id}:{language}:{digest}:{part}" for part in PARTS}


def fetch(request, generation_keys: list[str], keys: list[str]) -> tuple[list[str], dict]:
    """The current token of each generation, and what the cache holds for ``keys``: from the routing-time
    prefetch when it asked them all (one round trip for the route and the shell), else one ``get_many``.
    Missing generations are created (``pagecache.generations``)."""
    prefetch = getattr(request, PREFETCH_ATTR, None)
    wanted = [*generation_keys, *keys]
    if prefetch is not None and prefetch["asked"].issuperset(wanted):
        found = prefetch["found"]
    else:
        found = cache.get_many(wanted)
    missing = [k for k in generation_keys if k not in found]
    if missing:
        found = {**found, **dict(zip(missing, pagecache.generations(missing), strict=True))}
    return [found[k] for k in generation_keys], {k: found[k] for k in keys if k in found}


def site_and_prefetch(request, keys_for) -> tuple[int | None, dict]:
    """The request's site and one ``get_many`` of ``keys_for(site_id)``, which asks the site map's version:
    the site comes from this process's copy of the map, and is looked up again if the version fetched
    says a site changed since (the route cache and the page cache both start here)."""
    hostname, port = request.get_host().split(":")[0], request.get_port()
    local = pagecache.local_site_map()
    site_id = pagecache.site_id_for(hostname, port, local)
    found = prefetch(request, keys_for(site_id)) if site_id is not None else {}
    if local and found.get(pagecache.SITES_VERSION_KEY) != local.get("version"):  # a site changed since
        site_id = pagecache.site_id_for(hostname, port)
        found = prefetch(request, keys_for(site_id)) if site_id is not None else {}
    return site_id, found


def prefetch(request, keys: list[str]) -> dict:
    """One ``get_many`` for everything the route and the shell of this request will ask; kept on the request."""
    found = cache.get_many(keys)
    setattr(request, PREFETCH_ATTR, {"asked": set(keys), "found": found})
    return found
