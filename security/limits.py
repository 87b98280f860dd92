"""Refuse an oversized request before Django reads a byte of its body.

Django's multipart parser streams uploads to temporary files as it reads
them, and ``DATA_UPLOAD_MAX_MEMORY_SIZE`` only bounds the non-file part: left
alone, one client posting gigabytes fills the disk, and then every citizen's
submission fails. This middleware sits first in ``MIDDLEWARE`` and looks only
at ``Content-Length``:

* a multipart post (a dossier, an admin upload) may be at most
  ``MAX_REQUEST_BODY_SIZE``: the largest dossier a form can ask for (one file
  field at the 50 MB an editor may allow, ``OnlineServiceField.max_size_mb``)
  plus room for the form's other fields and the multipart framing;
* any other body (a form without files, JSON) at most
  ``DATA_UPLOAD_MAX_MEMORY_SIZE``, the most Django would accept anyway.

Larger requests get a translated 413 page and nothing is read or stored. A
request without ``Content-Length`` (chunked) is read by Django as empty, so it
cannot carry a file past this check. nginx refuses the same sizes first
(``client_max_body_size`` in deploy/nginx/portal.conf); this is the second
layer, for an app server reached without the proxy.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation

logger = logging.getLogger("portal.security")


def body_limit(request) -> int:
    if (request.META.get("CONTENT_TYPE") or "").startswith("multipart/form-data"):
        return int(settings.MAX_REQUEST_BODY_SIZE)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or settings.MAX_REQUEST_BODY_SIZE)


def request_too_large(request):
    """The same 413 page for nginx's refusal (error_page 413 in deploy/nginx/portal-site.conf)."""
    original = request.META.get("HTTP_X_ORIGINAL_URI", "")
    language = translation.get_language_from_path(original.split("?", 1)[0] or "/") or settings.LANGUAGE_CODE
    with translation.override(language):
        response = TemplateResponse(
            request,
            "security/request_too_large.html",
            {"limit_mb": int(settings.MAX_REQUEST_BODY_SIZE) // (1024 * 1024)},
            status=413,
        )
        response.render()
    return response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length > limit:
            return self.refuse(request, length, limit)
        return self.get_response(request)

    def refuse(self, request, length: int, limit: int):
        logger.warning("refused a %d-byte %s to %s (limit %d)", length, request.method, request.path, limit)
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            response = TemplateResponse(
                request, "security/request_too_large.html", {"limit_mb": limit // (1024 * 1024)}, status=413
            )
            response.render()
        # The body stays unread: the connection cannot be reused for another request.
        response["Connection"] = "close"
        return response
