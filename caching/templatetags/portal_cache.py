"""What the ``{% cache %}`` fragments vary on: the site, the language and generations.

    {% load cache portal_cache %}{% fragment_cache as fc %}
    {% cache fc.seconds site_footer fc.site fc.language fc.generation %}…{% endcache %}

The generation changes whenever an agency, a site, site settings or footer
links change (caching/signals.py), so every footer and the network directory
are rebuilt on their next request. ``FRAGMENT_CACHE_SECONDS`` = 0 turns the
fragments off (Django's tag then stores nothing).

A fragment of a page's own content also names what a publish changes:

    {% fragment_cache "procedures.procedurepage" "journeys.journeypage" as fc %}
    {% cache fc.seconds procedure_body page.pk page.live_revision_id fc.site fc.language fc.generation fc.pages %}

``fc.pages`` holds the page cache's generations of the site and language (a
publish, unpublish, move or deletion of any page of the site renews it, as it
purges the cached pages) and, for each page type named, a generation that a
publish of any page of that type anywhere in the network renews (for what the
fragment lists from other sites: related procedures, journeys). So a fragment
is never staler than the cached page it is part of. Nothing per visitor (a
CSRF token, the logged-in state, an alert dismissed) may go inside one.
"""

from __future__ import annotations

import uuid

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Site

from .. import pagecache
from ..signals import page_type_generation_key

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_cache(context, *page_types: str) -> dict:
    request = context.get("request")
    seconds = pagecache.fragment_cache_seconds()
    site = Site.find_for_request(request) if request is not None else None
    if getattr(request, "is_preview", False):
        # A preview shows unsaved content under the live page's key: never read nor write a fragment.
        return {"seconds": 0, "site": "", "language": "", "generation": "", "pages": f"preview-{uuid.uuid4().hex}"}
    if seconds <= 0 or site is None:
        return {"seconds": 0, "site": "", "language": "", "generation": "", "pages": ""}
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    memo = getattr(request, "_fragment_cache_memo", None)
    if memo is None:
        memo = request._fragment_cache_memo = {}
    if (language, page_types) in memo:  # the head and the body of one page ask the same
        return memo[(language, page_types)]
    keys = [pagecache.FRAGMENT_GENERATION_KEY]
    if page_types:
        keys += [pagecache.NETWORK_GENERATION_KEY, pagecache.site_generation_key(site.pk, language)]
        keys += [page_type_generation_key(label, language) for label in page_types]
    generation, *pages = pagecache.generations(keys)
    memo[(language, page_types)] = result = {
        "seconds": seconds,
        "site": site.pk,
        "language": language,
        "generation": generation,
        "pages": ".".join(pages),
    }
    return result
