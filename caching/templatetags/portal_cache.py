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
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Site

from .. import pagecache, shell
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


# The page's shell: base.html's own parts around the per-visitor holes, one fragment each (caching/shell.py).


def _shell(context) -> dict | None:
    """The shell's keys, its token and what the cache holds for this request's page, or None (no shell).

    Only a page type that says so (``shell_cacheable``) has a shell, never a preview, and only with
    fragments on.
    """
    request = context.get("request")
    if request is None:
        return None
    memo = getattr(request, "_page_shell", False)
    if memo is not False:
        return memo
    request._page_shell = None
    page = context.get("page")
    seconds = pagecache.fragment_cache_seconds()
    if (
        page is None
        or seconds <= 0
        or not getattr(page, "shell_cacheable", False)
        or getattr(request, "is_preview", False)
        or request.method not in ("GET", "HEAD")
    ):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    keys = shell.part_keys(request, site.pk, language)
    generations, found = shell.fetch(
        request, shell.generation_keys(site.pk, language, tuple(page.shell_cache_depends)), list(keys.values())
    )
    template_name = getattr(getattr(context, "template", None), "name", "") or ""
    limit = getattr(page, "shell_cache_seconds", None)
    request._page_shell = result = {
        "keys": keys,
        "token": f"{page.pk}.{page.live_revision_id}.{template_name}.{'.'.join(generations)}",
        "seconds": min(seconds, limit) if limit else seconds,
        "found": found,
    }
    return result


class PageShellNode(template.Node):
    def __init__(self, part: str, nodelist):
        self.part = part
        self.nodelist = nodelist

    def render(self, context):
        state = _shell(context)
        if state is None:
            return self.nodelist.render(context)
        request = context["request"]
        key = state["keys"][self.part]
        entry = state["found"].get(key)
        if entry is not None and entry[0] == state["token"]:
            _token, html, carried = entry
            for name, values in carried.items():
                kept = getattr(request, name, None)
                if kept is None:
                    setattr(request, name, list(values))
                else:
                    kept.extend(v for v in values if v not in kept)
            return mark_safe(html)  # noqa: S308 - the template's own output, stored by the branch below
        before = {name: list(getattr(request, name, None) or ()) for name in pagecache.CARRIED_REQUEST_ATTRS}
        html = self.nodelist.render(context)
        carried = {}
        for name, old in before.items():
            new = [v for v in (getattr(request, name, None) or ()) if v not in old]
            if new:
                carried[name] = new
        cache.set(key, (state["token"], str(html), carried), state["seconds"])
        return html


@register.tag
def page_shell(parser, token):
    """``{% page_shell "main" %}…{% endpage_shell %}``: a part of base.html kept as a fragment of the page.

    Everything inside is the same for every visitor of the page; what is not (the user bar, alert
    banners, a slot an app fills per visitor) goes between two parts.
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1].strip("\"'") not in shell.PARTS:
        raise template.TemplateSyntaxError(f"page_shell takes one of {', '.join(shell.PARTS)}")
    nodelist = parser.parse(("endpage_shell",))
    parser.delete_first_token()
    return PageShellNode(bits[1].strip("\"'"), nodelist)
