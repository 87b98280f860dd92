"""wagtail.contrib.frontend_cache settings from the environment (read by config/settings/base.py).

Nothing here imports Django models: settings call it while they load.

- ``FRONTEND_CACHE_VARNISH_URL`` (one or more, comma-separated): Varnish or any
  proxy that accepts HTTP ``PURGE`` (Wagtail's ``HTTPBackend``, sending each purge when the
  publish commits: caching/backends.py), such as deploy/nginx's purge listener;
- ``FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN`` and ``FRONTEND_CACHE_CLOUDFLARE_ZONEID``:
  Cloudflare (an API token with the "Cache Purge" permission);
- ``FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID``: Amazon CloudFront (credentials
  from the usual AWS environment variables).

With none of them set the dict is empty and no CDN is purged.
"""

from __future__ import annotations

from collections.abc import Mapping


def frontend_cache_settings(environ: Mapping[str, str]) -> dict:
    backends: dict[str, dict] = {}
    urls = [u.strip() for u in environ.get("FRONTEND_CACHE_VARNISH_URL", "").split(",") if u.strip()]
    for number, url in enumerate(urls, start=1):
        backends["varnish" if number == 1 else f"varnish{number}"] = {
            "BACKEND": "caching.backends.OnCommitHTTPBackend",
            "LOCATION": url,
        }
    token = environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", "").strip()
    zone = environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", "").strip()
    if token and zone:
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": token,
            "ZONEID": zone,
        }
    distribution = environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID", "").strip()
    if distribution:
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": distribution,
        }
    return backends
