"""Template helpers of the shared chrome (base.html): few queries, each cached on the request.

A page in the network's chrome costs, on top of the page itself: the site
(cached by Wagtail), its settings and footer links, the agency, the menu, the
breadcrumbs and the page's translations — one query each, none in a loop.
"""

from __future__ import annotations

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale, Page, Site

from sites.models import Agency

from ..colors import safe_accent
from ..models import SiteSettings

register = template.Library()

_PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "translation_key")


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _site(request) -> Site | None:
    return Site.find_for_request(request) if request is not None else None


def _cached(request, name, compute):
    """Compute a value once per request (templates may ask several times)."""
    if request is None:
        return compute()
    key = f"_portal_{name}"
    if not hasattr(request, key):
        setattr(request, key, compute())
    return getattr(request, key)


#: Hook answering, for a request, ``(token, seconds)``: how long chrome every visitor of the site sees
#: alike may be kept across requests, and a token that changes whenever it may change (the caching
#: app's generations, renewed on publish), or None to compute it on every request.
SHARED_SCOPE_HOOK = "portal_shared_cache_scope"


def _shared(request, name: str, parts: tuple, compute):
    """A value every visitor of the site sees alike (menu, breadcrumbs, language links), kept across requests.

    Never anything per visitor: the key holds the site and language (in the hook's token) and ``parts``.
    """
    scope = None
    if request is not None:
        if not hasattr(request, "_portal_shared_scope"):
            request._portal_shared_scope = next(
                (found for fn in hooks.get_hooks(SHARED_SCOPE_HOOK) if (found := fn(request))), None
            )
        scope = request._portal_shared_scope
    if not scope:
        return compute()
    token, seconds = scope
    key = "portalchrome:" + hashlib.sha256(repr((name, token, _language(), *parts)).encode()).hexdigest()[:40]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


@register.simple_tag
def home_url() -> str:
    """The site's home in the active language: ``/`` or ``/en/``."""
    code = _language()
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's translation, or that language's home page."""
    request = context["request"]
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        return _shared(request, "languages", (page.pk,), lambda: _language_links(request, page))
    return _language_links(request, page)


def _language_links(request, page) -> list[dict]:
    current = _language()
    site = _site(request)
    translations: dict[str, Page] = {}
    homes: dict[str, Page] = {}
    if isinstance(page, Page) and page.pk:
        # The page's translations and the site home's, in one query: an untranslated page
        # links to the other language's home page at no extra cost.
        keys = Q(translation_key=page.translation_key)
        if site is not None:
            keys |= Q(translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"))
        for row in (
            Page.objects.filter(keys, live=True)
            .select_related("locale")
            .only(*_PAGE_FIELDS, "live", "locale__language_code")
        ):
            bucket = translations if row.translation_key == page.translation_key else homes
            bucket[row.locale.language_code] = row
    links = []
    for code, label in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request)
        elif isinstance(page, Page) and site is not None:
            home = homes.get(code)
            url = home.get_url(request) if home else "/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "label": label, "url": url or "/", "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def current_agency(context):
    """The agency that owns the site being viewed."""
    request = context.get("request")

    def compute():
        site = _site(request)
        return Agency.objects.filter(site=site).select_related("parent").first() if site else None

    return _cached(request, "agency", compute) if request is not None else None


@register.simple_tag(takes_context=True)
def portal_url(context) -> str:
    """The provincial portal's address (its home holds the network directory)."""
    request = context.get("request")
    agency = current_agency(context)

    def compute():
        if agency is not None and agency.kind == Agency.Kind.PROVINCE:
            return ""  # this site is the portal: a relative link
        if agency is not None and agency.parent is not None and agency.parent.kind == Agency.Kind.PROVINCE:
            return agency.parent.root_url
        portal = Agency.objects.active().filter(kind=Agency.Kind.PROVINCE, site__isnull=False).first()
        return portal.root_url if portal else ""

    return _cached(request, "portal_url", compute)


@register.simple_tag(takes_context=True)
def site_accent(context) -> str:
    """The site's accent colour, only if it is a readable ``#rrggbb`` (else the network default)."""
    request = context.get("request")
    if request is None:
        return safe_accent(None)
    # for_request() caches on the request, shared with the ``settings`` context processor.
    return safe_accent(SiteSettings.for_request(request).accent_color) if _site(request) else safe_accent(None)


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[dict]:
    """Home, then every ancestor below it; the current page is added by the template."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return []

    def compute():
        crumbs = []
        for ancestor in page.get_ancestors().filter(depth__gt=1).only(*_PAGE_FIELDS):
            title = _("Trang chủ") if ancestor.depth == 2 else ancestor.title
            crumbs.append({"title": title, "url": ancestor.get_url(request)})
        return crumbs

    return _shared(request, "crumbs", (page.path,), compute)


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[dict]:
    """The pages the site's editors put in the menu (“show in menus”), in the active language."""
    page = context.get("page")
    request = context.get("request")

    current_path = page.path if isinstance(page, Page) else ""

    def items():
        if isinstance(page, Page) and page.depth >= 2:
            home_path = page.path[: Page.steplen * 2]
            children = Page.objects.filter(path__startswith=home_path, depth=3)
        else:
            site = _site(request)
            if site is None:
                return []
            locale = Locale.objects.filter(language_code=_language()).first()
            home = site.root_page.get_translation_or_none(locale) if locale else None
            home = home or site.root_page
            children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        rows = children.live().in_menu().order_by("path").only(*_PAGE_FIELDS)
        return [{"title": p.title, "url": p.get_url(request), "path": p.path} for p in rows]

    def compute():
        tree = current_path[: Page.steplen * 2] if isinstance(page, Page) and page.depth >= 2 else ""
        return [
            {
                "title": item["title"],
                "url": item["url"],
                "current": bool(current_path) and current_path.startswith(item["path"]),
            }
            for item in _shared(request, "menu", (tree,), items)
        ]

    return _cached(request, "menu", compute)


@register.filter
def localized_name(obj):
    """``name_en`` in English when there is one, the Vietnamese name otherwise."""
    if _language() == "en":
        return getattr(obj, "name_en", "") or obj.name
    return obj.name
