"""The full-page cache: keys, generations, store and fetch.

A cached page is keyed by the Wagtail site that answers the request, the
language, the host and the full path (query string included), and by two
*generations*: one per site and language, one for the whole network. Purging
is bumping a generation (one cache write): every page of that site and
language is then a miss and is rendered again on its next request, with no
need to know which query strings (filters, pagination) were cached. Old
entries expire on their own (``PAGE_CACHE_SECONDS``).

Why a whole site and language rather than the one page: every page of a site
shows the site's menu, breadcrumbs and language links, and its home and
listings show the latest pages, so a publish can change any of them. The
portal's listings show agency news and procedures, so those purge the portal
too (signals.py). A generation is a random token, not a counter, so a token
evicted from the cache can never bring back entries of an older generation.

Everything goes through Django's default cache: Redis when ``REDIS_URL`` is
set (shared by every process, so a purge reaches all of them), memory
otherwise (one process: the dev server, tests).
"""

from __future__ import annotations

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

SITES_KEY = "pagecache:sites"
SITES_VERSION_KEY = "pagecache:sites:version"
SITES_SECONDS = 300
_local_sites: dict = {}  # this process's copy of the site map: {"data": …, "at": monotonic time}
NETWORK_GENERATION_KEY = "pagecache:gen"
FRAGMENT_GENERATION_KEY = "fragcache:gen"
# What the request carries about its page that a hit needs again: the hashes of the page's inline
# styles, which security/csp.py (a sibling layer, not imported) puts in the CSP header.
CARRIED_REQUEST_ATTRS = ("_csp_style_hashes",)
# Headers never stored: set per response by the outer middleware or meaningless on a copy.
UNSTORED_HEADERS = {"set-cookie", "content-length", "x-page-cache"}


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_cache_seconds() -> int:
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


# Which site answers a host: Wagtail's own rules, from a map kept in the cache.


def site_map() -> dict:
    """Hostnames and ports of every Site, cached until a Site changes (signals.py)."""
    data = cache.get(SITES_KEY)
    if data is None:
        from wagtail.models import Site

        version = generations([SITES_VERSION_KEY])[0]
        rows = list(Site.objects.values_list("pk", "hostname", "port", "is_default_site"))
        by_host: dict[str, list[int]] = {}
        for pk, hostname, _port, _default in rows:
            by_host.setdefault(hostname.lower(), []).append(pk)
        data = {
            "exact": {f"{hostname.lower()}:{port}": pk for pk, hostname, port, _default in rows},
            "host": {hostname: pks[0] for hostname, pks in by_host.items() if len(pks) == 1},
            "default": next((pk for pk, _h, _p, default in rows if default), None),
            "default_host": next((h.lower() for _pk, h, _p, default in rows if default), None),
            "version": version,
        }
        cache.set(SITES_KEY, data, SITES_SECONDS)  # signals forget it on a Site change; the timeout covers bulk edits
    _local_sites["data"], _local_sites["at"] = data, time.monotonic()
    return data


def local_site_map() -> dict | None:
    """This process's last copy of the site map, if under SITES_SECONDS old. It may be stale: whoever uses it
    asks ``SITES_VERSION_KEY`` in the same round trip as its other keys, and compares (routecache.py)."""
    data = _local_sites.get("data")
    if data is None or time.monotonic() - _local_sites["at"] > SITES_SECONDS:
        return None
    return data


def site_id_for(hostname: str, port: int | str, data: dict | None = None) -> int | None:
    """The site Wagtail's ``Site.find_for_request`` picks, without a query (see get_site_for_hostname)."""
    data = data or site_map()
    hostname = hostname.lower()
    exact = data["exact"].get(f"{hostname}:{port}")
    if exact is not None:
        return exact
    if data["default"] is not None and data["default_host"] == hostname:
        return data["default"]
    return data["host"].get(hostname, data["default"])


def forget_sites() -> None:
    cache.delete(SITES_KEY)
    bump([SITES_VERSION_KEY])
    _local_sites.clear()


# Generations.


def site_generation_key(site_id: int, language: str) -> str:
    return f"pagecache:gen:{site_id}:{language}"


def generations(keys: list[str]) -> list[str]:
    """Current token of each generation key, creating missing ones."""
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    for key in missing:
        cache.add(key, uuid.uuid4().hex[:12], None)
    if missing:
        found.update(cache.get_many(missing))
    return [found.get(k, "") for k in keys]


def bump(keys: list[str]) -> None:
    if keys:
        cache.set_many({k: uuid.uuid4().hex[:12] for k in keys}, None)


def purge_site(site_id: int, languages: list[str] | None = None) -> None:
    """Every cached page of a site, in the given languages (all by default)."""
    codes = languages or [code for code, _name in settings.LANGUAGES]
    bump([site_generation_key(site_id, code) for code in codes])


def purge_network() -> None:
    """Every cached page and fragment of every site (agency registry or site settings changed)."""
    bump([NETWORK_GENERATION_KEY, FRAGMENT_GENERATION_KEY])


# Variants: what else a page shows that changes on a clock, not on a publish (alert banners).

VARIANT_HOOK = "page_cache_variant"


def variants(request) -> tuple[str, float | None]:
    """The apps' tokens for this moment, and how many seconds the shortest of them stays valid.

    Each ``page_cache_variant`` hook returns ``(token, seconds valid or None)``
    from the cache alone (no query: this runs on every hit). A stored page is
    keyed by the tokens, so it is not served once one changes, and kept no
    longer than the shortest validity.
    """
    from wagtail import hooks

    tokens, valid = [], None
    for fn in hooks.get_hooks(VARIANT_HOOK):
        token, seconds = fn(request)
        tokens.append(token)
        if seconds is not None:
            valid = seconds if valid is None else min(valid, seconds)
    return ".".join(tokens), valid


def store_seconds(valid_for: float | None) -> int:
    """The page cache's timeout, cut to the next change of a variant (at least one second)."""
    seconds = page_cache_seconds()
    if valid_for is not None:
        seconds = max(1, min(seconds, int(valid_for) + 1))
    return seconds


# Store and fetch.


def page_key_prefetch(site_id: int, language: str) -> list[str]:
    """What a page-cache lookup asks first, in one ``get_many``: the site map's version (the map is kept
    per process), the generations, and the keys other apps read on every page view (the alerts' schedule,
    for ``variants``: core/prefetch.py)."""
    from core.prefetch import hooked_keys

    return [SITES_VERSION_KEY, NETWORK_GENERATION_KEY, site_generation_key(site_id, language), *hooked_keys()]


def page_key(request, site_id: int, found: dict | None = None) -> str | None:
    language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
    wanted = [NETWORK_GENERATION_KEY, site_generation_key(site_id, language)]
    found = found or {}
    if all(k in found for k in wanted):
        network, site = (found[k] for k in wanted)
    else:
        network, site = generations(wanted)
    if not network or not site:
        return None
    variant, valid_for = variants(request)
    request._page_cache_valid_for = valid_for
    address = f"{request.get_host().lower()}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"pagecache:p:{site_id}:{language}:{network}.{site}.{variant}:{digest}"


def store(key: str, request, response) -> None:
    """Keep the page as rendered. It holds nothing per visitor: no CSRF token (a response setting a
    cookie is never stored) and no CSP nonce (public pages have none, security/csp.py); the hashes of
    its inline styles are kept with it (CARRIED_REQUEST_ATTRS), for the policy header of each hit."""
    content = response.content.decode(response.charset)
    headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
    timeout = store_seconds(getattr(request, "_page_cache_valid_for", None))
    carried = {name: getattr(request, name) for name in CARRIED_REQUEST_ATTRS if getattr(request, name, None)}
    entry = {"status": response.status_code, "headers": headers, "content": content, "carried": carried}
    cache.set(key, entry, timeout)


def fetch(key: str, request) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None:
        return None
    for name, value in (entry.get("carried") or {}).items():
        setattr(request, name, value)
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    return response
