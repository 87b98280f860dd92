"""Routing shared by the home pages of every site: a missing translation falls back to Vietnamese."""

from __future__ import annotations

import copy

from django.conf import settings
from django.http import Http404

from wagtail.models import Locale, Page


def route_with_fallback(home: Page, request, path_components, route):
    """Route in the home page's locale; if nothing is there, serve the Vietnamese page with a notice."""
    try:
        return route(request, path_components)
    except Http404:
        if home.locale.language_code == settings.LANGUAGE_CODE:
            raise
        source = home.get_translation_or_none(Locale.objects.get(language_code=settings.LANGUAGE_CODE))
        if source is None:
            raise
        result = source.specific.route(request, path_components)
        page = result[0]
        # Render the page's own template inside one that adds the notice (any page type).
        page.fallback_template = page.get_template(request)
        page.template = "core/translation_fallback.html"
        request.translation_fallback = page
        return result


def bare_site(site):
    """The Site without what serving a page cached on it (its root page, rendered StreamFields and all:
    36 KB to unpickle on every request of a home), for keeping in the cache: the route cache's entries
    (caching/routecache.py) and the admin's answer for its host (core/admin_cache.py). None stays None."""
    if site is None:
        return None
    bare = copy.copy(site)
    bare._state = copy.copy(site._state)
    bare._state.fields_cache = {}
    return bare
