"""Content-Security-Policy: strict for the public pages, relaxed for Wagtail's admin.

The public pages carry no inline script and one inline ``<style>`` (the
site's accent colour). That style is allowed by its SHA-256 hash, not by a
nonce (issue #18): a hash is the same for every visitor of a site, so a page
kept in a shared cache (nginx's microcache, the page cache) carries a policy
that is right for whoever gets it, and no visitor's nonce is handed to
another. Templates write such a style with ``{% inline_style %}``
(security/templatetags/csp_tags.py), which records the hash on the request;
the page cache stores the hashes with the page and puts them back on a hit.
Public pages get no nonce at all. Wagtail's admin
renders inline ``<script>`` blocks (inline panels, date pickers, workflow
state) and inline styles, so ``/admin/`` gets ``'unsafe-inline'`` for
scripts and styles — still no third-party origin, no ``eval``, no
framing by other sites.
"""

from __future__ import annotations

import base64
import hashlib
import os
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings

ADMIN_PREFIX = "/admin/"


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def media_origins() -> list[str]:
    """Where public media comes from when it is not this host (object storage, its CDN domain)."""
    origins = []
    domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    if domain:
        origins.append(f"https://{domain}")
    endpoint = _origin(os.environ.get("AWS_S3_ENDPOINT_URL", ""))
    if endpoint and os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        origins.append(endpoint)
    return origins


def public_directives() -> dict:
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *media],
        "media-src": [SELF, *media],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }


def admin_directives() -> dict:
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *media],
        "media-src": [SELF, *media],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview panel frames the admin's own preview view.
        "frame-ancestors": [SELF],
    }


# Inline styles allowed by hash.

STYLE_HASHES_ATTR = "_csp_style_hashes"  # carried with a page in the page cache (caching/pagecache.py)


def source_hash(text: str) -> str:
    """The CSP source expression allowing an inline block whose content is exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def allow_style(request, text: str) -> str:
    """Record on the request that the inline ``<style>`` holding ``text`` is allowed; return its hash."""
    value = source_hash(text)
    if request is not None:
        hashes = getattr(request, STYLE_HASHES_ATTR, None)
        if hashes is None:
            hashes = []
            setattr(request, STYLE_HASHES_ATTR, hashes)
        if value not in hashes:
            hashes.append(value)
    return value


def style_hashes(request) -> list[str]:
    return list(getattr(request, STYLE_HASHES_ATTR, None) or [])


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIX)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the policy by path: the admin's or the public one."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if is_admin_path(request.path_info):
            parts.config = default_config(admin_directives())
            # A nonce next to 'unsafe-inline' would switch 'unsafe-inline' off in browsers.
            parts.nonce = None
        else:
            directives = public_directives()
            if response.status_code >= 500:
                # The database-free 500 page styles itself inline (no template tag runs there).
                directives["style-src"] = [SELF, UNSAFE_INLINE]
            else:
                directives["style-src"] = [*directives["style-src"], *style_hashes(request)]
            parts.config = default_config(directives)
            # No nonce on public pages, even if something asked for one: it would end up in caches.
            parts.nonce = None
        return parts


def enabled() -> bool:
    return "security.csp.PortalCSPMiddleware" in settings.MIDDLEWARE
