"""What the ``{% cache %}`` fragments of the chrome vary on: the site, the language and a generation.

    {% load cache portal_cache %}{% fragment_cache as fc %}
    {% cache fc.seconds site_footer fc.site fc.language fc.generation %}…{% endcache %}

The generation changes whenever an agency, a site, site settings or footer
links change (caching/signals.py), so every footer and the network directory
are rebuilt on their next request. ``FRAGMENT_CACHE_SECONDS`` = 0 turns the
fragments off (Django's tag then stores nothing).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Site

from .. import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_cache(context) -> dict:
    request = context.get("request")
    seconds = pagecache.fragment_cache_seconds()
    site = Site.find_for_request(request) if request is not None else None
    if seconds <= 0 or site is None:
        return {"seconds": 0, "site": "", "language": "", "generation": ""}
    (generation,) = pagecache.generations([pagecache.FRAGMENT_GENERATION_KEY])
    return {
        "seconds": seconds,
        "site": site.pk,
        "language": (get_language() or settings.LANGUAGE_CODE)[:2],
        "generation": generation,
    }
