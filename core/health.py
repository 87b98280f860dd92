"""Operations endpoints: ``/healthz`` for the proxy and the load balancer, ``/robots.txt`` per site.

``/healthz`` answers 200 when this app server can do its work (the database
answers, the cache keeps what is written to it, the search backend answers)
and 503 otherwise, with one line per check in JSON. It is exempt from the
HTTPS redirect (``SECURE_REDIRECT_EXEMPT``) because the balancer calls it on
plain HTTP, is never cached, and answers on any host name.

A search cluster that is down turns the check red only when no database
fallback is configured: with the fallback, searches still answer, and taking
every app server out of rotation for it would turn a degraded search into an
outage.
"""

from __future__ import annotations

import json
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("portal.health")


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    # django-redis ignores a dead Redis (IGNORE_EXCEPTIONS): a write then reads back as nothing.
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise RuntimeError("the cache did not keep what was written")
    return "ok"


def _check_search() -> str:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    client = getattr(backend, "es", None) or getattr(backend, "client", None)
    if client is None or not hasattr(client, "ping"):
        return "ok (database)"  # the database backend: answered by the database check
    if client.ping():
        return "ok"
    if "search_fallback" in settings.WAGTAILSEARCH_BACKENDS:
        return "degraded: the search cluster does not answer; the database fallback does"
    raise RuntimeError("the search cluster does not answer")


CHECKS = {"database": _check_database, "cache": _check_cache, "search": _check_search}


@never_cache
@require_GET
def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            results[name] = check()
        except Exception as exc:  # a health check reports every failure, whatever its kind
            healthy = False
            results[name] = f"fail: {type(exc).__name__}: {exc}"[:300]
            logger.warning("healthz: %s failed: %s", name, exc)
        results[f"{name}_ms"] = round((time.monotonic() - started) * 1000, 1)
    body = json.dumps({"status": "ok" if healthy else "fail", "checks": results}, ensure_ascii=False)
    return HttpResponse(body, status=200 if healthy else 503, content_type="application/json")


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /search/
Disallow: /en/search/
Disallow: /tra-cuu-ho-so/
Disallow: /en/tra-cuu-ho-so/
Disallow: /healthz

Sitemap: {sitemap}
"""


@require_GET
def robots_txt(request):
    """Every site's own robots.txt, naming that site's own sitemap (core.views.sitemap)."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")
