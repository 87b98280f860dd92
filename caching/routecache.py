"""Routing from the cache: the page a path leads to, in one query instead of a walk down the tree.

Wagtail routes a page view by fetching the site, the active locale, the site's
root page and its specific row, then each page on the path and its specific
row: six queries for a procedure (home → catalogue → procedure), four for an
agency home, before the page does any work of its own (issue #18).

Where a path leads changes only when a page of the site is published,
unpublished, moved or deleted, or when a site changes: exactly what renews the
page cache's generations (signals.py). So, once Wagtail has routed a path, the
answer (the site and the page's id and type) is kept under the site's and the
network's generations, and the next request of that path fetches the page in
one query (still only if live) and hands it to Wagtail's view, which then skips
its own routing (``request._wagtail_route_for_request``). Everything else the
view does is unchanged: view restrictions, ``before_serve_page`` hooks, serve.

Kept only for the page types listed in ``ROUTED`` (plain routes: no
``RoutablePageMixin`` sub-routes, no custom ``serve``) and only when Wagtail's
route returned the page itself with no arguments and without the translation
fallback (core/routing.py). The site's settings and agency, which every page
of the site loads the same way, are kept with it. It is a fragment cache: ``FRAGMENT_CACHE_SECONDS``
= 0 turns it off, as in the query-budget tests that measure the full work.
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.utils.translation import get_language

from . import pagecache

# Page type → the relations its route fetches with it (what ProcedureIndexPage.route joins).
ROUTED: dict[str, tuple[str, ...]] = {
    "procedures.procedurepage": ("field", "agency", "agency__parent"),
    "procedures.procedureindexpage": (),
    "news.newsarticlepage": (),
    "home.agencyhomepage": (),
    "home.portalhomepage": (),
    "home.standardpage": (),
}


def route_key(request, site_id: int, language: str, path: str) -> str | None:
    network, site = pagecache.generations(
        [pagecache.NETWORK_GENERATION_KEY, pagecache.site_generation_key(site_id, language)]
    )
    if not network or not site:
        return None
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"routecache:{site_id}:{language}:{network}.{site}:{digest}"


def cached_route(entry: dict):
    """The live page the entry names, with what its page type's route joins, or None."""
    model = apps.get_model(entry["model"])
    pages = model.objects.filter(pk=entry["page"], live=True)
    related = ROUTED.get(entry["model"])
    if related:
        pages = pages.select_related(*related)
    return pages.first()


class RouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_route_cache_key", None)
        if key is not None and response.status_code == 200:
            remember(request, key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is None
            or match.url_name != "wagtail_serve"
            or request.method not in ("GET", "HEAD")
            or pagecache.fragment_cache_seconds() <= 0
            or hasattr(request, "_wagtail_route_for_request")
        ):
            return None
        site_id = pagecache.site_id_for(request.get_host().split(":")[0], request.get_port())
        if site_id is None:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        key = route_key(request, site_id, (get_language() or "")[:2], path)
        if key is None:
            return None
        entry = cache.get(key)
        page = cached_route(entry) if entry is not None else None
        if page is None:
            request._route_cache_key = key  # Wagtail routes it; remembered if it answers 200
            request._route_cache_site_id = site_id
            return None
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = entry["site"]
        request._wagtail_route_for_request = (page, [], {})
        for name, value in entry.get("carried", {}).items():
            if not hasattr(request, name):
                if hasattr(value, "_request"):
                    value._request = request  # site settings build page URLs through it
                setattr(request, name, value)
        return None


def remember(request, key: str) -> None:
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None or site.pk != request._route_cache_site_id:
        return
    page, args, kwargs = route
    label = page._meta.label_lower
    if args or kwargs or label not in ROUTED or getattr(request, "translation_fallback", None) is not None:
        return
    carried = {name: getattr(request, name) for name in carried_attrs() if getattr(request, name, None) is not None}
    entry = {"site": site, "page": page.pk, "model": label, "carried": carried}
    cache.set(key, entry, pagecache.fragment_cache_seconds())


def carried_attrs() -> list[str]:
    """What every page of a site loads the same way and caches on the request: its settings and its agency.

    Kept with the route, so a hit loads neither. Both change only with a change that purges the whole
    network (signals.NETWORK_WIDE), which renews the route's key.
    """
    return [apps.get_model("core.SiteSettings").get_cache_attr_name(), "_portal_agency"]
