"""Serve Wagtail pages to anonymous visitors from the page cache (pagecache.py).

Sits right after LocaleMiddleware (the language is known) and before
everything that may touch the database: a hit returns before CSRF,
authentication, sessions, the retired-site check and Wagtail's routing run,
so it costs no query. The outer middleware (security headers, WhiteNoise,
django-csp with a fresh nonce, Content-Language) still applies to every hit.

Only Wagtail page views (``wagtail_serve``) are cached; search, the dossier
lookup, form downloads and the API never are. A request is never answered
from the cache, nor is its response stored, when it:

- is not a GET or HEAD, or has an ``Authorization`` header;
- carries a session cookie (a logged-in editor, a visitor who submitted a
  form) or the messages cookie;
- asks for a preview (Wagtail serves those under /admin/ anyway).

A response is stored only if it is a 200, not streamed, sets no cookie (a
page with a CSRF token sets the csrftoken cookie, so forms are never
cached), did not write the session, and is not marked private, no-cache or
no-store (Wagtail marks pages with view restrictions so).

The web server in front (deploy/nginx, issue #18) keeps a page only when this
middleware says so: a page view the page cache would store gets
``X-Accel-Expires: PROXY_CACHE_SECONDS`` (cut to the next change of an alert
banner), which nginx reads and never passes on. Nothing else is kept there:
search, forms, the API, errors. A public response that sets a cookie (the CSRF
cookie of a form page) or writes the session is marked ``Cache-Control:
private``, so that no shared cache keeps a visitor's token, whatever its rules.
Alerts a visitor dismissed are remembered in the browser (alerts.js), never in
the page.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from . import pagecache, shell

CACHEABLE_URL_NAMES = {"wagtail_serve"}
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")


def _bypass_reason(request) -> str | None:
    if request.method not in ("GET", "HEAD"):
        return "method"
    if "HTTP_AUTHORIZATION" in request.META:
        return "authorization"
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return "session"
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return "not-a-page"
    if match.url_name not in CACHEABLE_URL_NAMES:
        return "not-a-page"
    return None


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "_cached_user", None)  # only if something looked at it
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(directive in control for directive in PRIVATE_DIRECTIVES)


def _cdn_headers(request, response) -> None:
    """With a CDN configured, let it keep the page; purge on publish keeps it current.

    Never past the next change of a variant (an alert starting or ending): the CDN is not purged then.
    """
    seconds = int(getattr(settings, "FRONTEND_CACHE_SECONDS", 0) or 0)
    valid_for = getattr(request, "_page_cache_valid_for", None)
    if valid_for is not None and seconds:
        seconds = max(1, min(seconds, int(valid_for)))
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and seconds:
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)


def proxy_cache_seconds() -> int:
    return int(getattr(settings, "PROXY_CACHE_SECONDS", 0) or 0)


def _proxy_headers(request, response) -> None:
    """Let nginx's microcache keep this anonymous page view, never past the next change of a variant."""
    seconds = proxy_cache_seconds()
    if seconds <= 0:
        return
    if not hasattr(request, "_page_cache_valid_for"):
        request._page_cache_valid_for = pagecache.variants(request)[1]
    valid_for = request._page_cache_valid_for
    if valid_for is not None:
        seconds = max(1, min(seconds, int(valid_for)))
    response["X-Accel-Expires"] = str(seconds)


def _personal(request, response) -> bool:
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    session = getattr(request, "session", None)
    return session is not None and session.modified


def _keep_private(request, response) -> None:
    """A response made for one visitor (their CSRF token, their session) stays out of shared caches."""
    if request.method in ("GET", "HEAD") and _personal(request, response):
        if "X-Accel-Expires" in response:
            del response["X-Accel-Expires"]
        patch_cache_control(response, private=True)


def _page_key(request) -> str | None:
    """The page's key in the page cache, in one round trip to the cache when this process's site map is
    current (its version comes with the generations and the alerts' schedule; pagecache.py)."""
    language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
    site_id, found = shell.site_and_prefetch(request, lambda site_id: pagecache.page_key_prefetch(site_id, language))
    return pagecache.page_key(request, site_id, found) if site_id is not None else None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        _keep_private(request, response)
        return response

    def _respond(self, request):
        if _bypass_reason(request):
            return self.get_response(request)
        if pagecache.page_cache_seconds() <= 0:
            response = self.get_response(request)
            if _storable(request, response):
                _proxy_headers(request, response)
            return response
        key = _page_key(request)
        if key is None:
            return self.get_response(request)
        cached = pagecache.fetch(key, request)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            _proxy_headers(request, cached)
            return cached
        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            _cdn_headers(request, response)
            pagecache.store(key, request, response)
            response["X-Page-Cache"] = "miss"
            _proxy_headers(request, response)
        else:
            response["X-Page-Cache"] = "bypass"
        return response
