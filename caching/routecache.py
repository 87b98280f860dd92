"""Routing from the cache: the page a path leads to, in one query instead of a walk down the tree.

Wagtail routes a page view by fetching the site, the active locale, the site's
root page and its specific row, then each page on the path and its specific
row: six queries for a procedure (home → catalogue → procedure), four for an
agency home, before the page does any work of its own (issue #18).

Where a path leads, and the live page there, change only when a page of the
site is published, unpublished, moved or deleted, or when a site, an agency, a
taxonomy or a view restriction changes: exactly what renews the page cache's
generations (signals.py). So, once Wagtail has routed a path, the answer (the
site, and the live page as the database holds it, with what its route joins and
the view restrictions on it and its ancestors) is kept with the site's and the
network's generations of that moment, and the next request of that path, if the
generations are still those, takes the page from the cache, without a query,
and hands it to Wagtail's view, which then skips its own routing
(``request._wagtail_route_for_request``). Everything else the view does is
unchanged: view restrictions are checked (against the carried list),
``before_serve_page`` hooks run, then serve. The route, the generations and
the page's shell (shell.py) come in one ``get_many``.

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

from core import prefetch as prefetch_keys
from core.routing import bare_site

from . import pagecache, shell

# Page type → the relations its route fetches with it (what ProcedureIndexPage.route joins).
ROUTED: dict[str, tuple[str, ...]] = {
    "procedures.procedurepage": ("field", "agency", "agency__parent"),
    "procedures.procedureindexpage": (),
    "news.newsarticlepage": (),
    "home.agencyhomepage": (),
    "home.portalhomepage": (),
    "home.standardpage": (),
}


def route_key(site_id: int, language: str, path: str) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"routecache:v3:{site_id}:{language}:{digest}"


def fetch_page(label: str, pk: int):
    """The live page, with what its page type's route joins and its view restrictions, or None."""
    pages = apps.get_model(label).objects.filter(pk=pk, live=True)
    related = ROUTED.get(label)
    if related:
        pages = pages.select_related(*related)
    page = pages.first()
    if page is not None:
        page._route_view_restrictions = list(page.query_view_restrictions())
    return page


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
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        language = (get_language() or "")[:2]
        site_id, found = shell.site_and_prefetch(request, lambda site_id: _keys(request, site_id, language, path))
        if site_id is None:
            return None
        key = route_key(site_id, language, path)
        wanted = [pagecache.NETWORK_GENERATION_KEY, pagecache.site_generation_key(site_id, language)]
        token = ".".join(found[k] if k in found else pagecache.generations([k])[0] for k in wanted)
        entry = found.get(key)
        page = entry["page"] if entry is not None and entry.get("token") == token else None
        if page is None:
            request._route_cache_key = key  # Wagtail routes it; remembered if it answers 200
            request._route_cache_token = token
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


def _keys(request, site_id: int, language: str, path: str) -> list[str]:
    """What one round trip brings: the route, the generations, the site map's version and the page's shell."""
    keys = shell.generation_keys(site_id, language, shell.depended_labels())
    keys += [pagecache.SITES_VERSION_KEY, route_key(site_id, language, path), *prefetch_keys.hooked_keys()]
    return [*keys, *shell.part_keys(request, site_id, language).values()]


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
    fresh = fetch_page(label, page.pk)  # as the database holds it, without what serving it attached
    if fresh is None:
        return
    entry = {
        "token": request._route_cache_token,
        "site": bare_site(site),
        "page": fresh,
        "model": label,
        "carried": carried,
    }
    cache.set(key, entry, pagecache.fragment_cache_seconds())


def carried_attrs() -> list[str]:
    """What every page of a site loads the same way and caches on the request: its settings and its agency.

    Kept with the route, so a hit loads neither. Both change only with a change that purges the whole
    network (signals.NETWORK_WIDE), which renews the route's key.
    """
    return [apps.get_model("core.SiteSettings").get_cache_attr_name(), "_portal_agency"]
