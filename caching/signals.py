"""Purge on publish: what each change makes stale, in the page cache and in the CDN.

- A page published, unpublished, moved or deleted: its site in its language
  (the page itself, its parent listing, the home page, menus and
  breadcrumbs), plus the provincial portal in that language when the page is
  listed there (news articles, procedures and their online forms). A
  Vietnamese page purges every language: untranslated English pages show it.
- A portal feature decided: the portal, every language.
- A citizen's question or comment published: its page's site.
- The agency registry, a Site, site settings, footer links or a taxonomy
  (news categories, procedure fields, document types and issuers):
  every page and fragment of the network (rare, and any page may show them).

Each purge runs at once and again when the transaction commits, so a request
that read the old rows just before the commit cannot keep them cached.

With a CDN or Varnish configured (WAGTAILFRONTENDCACHE), wagtail.contrib.frontend_cache
purges the page's own URLs; this adds the listings that show it: its parent,
the site's home in the page's language and, for listed pages, the portal's
home, news index and catalogue.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_unpublished

from . import pagecache

logger = logging.getLogger("portal")

# Page types the provincial portal lists (home page news, network news index, network catalogue).
PORTAL_LISTED = {"news.newsarticlepage", "procedures.procedurepage", "online_services.onlineservicepage"}
NETWORK_WIDE = [
    "sites.Agency",
    "wagtailcore.Site",
    "core.SiteSettings",
    "core.FooterLink",
    "news.NewsCategory",
    "procedures.ProcedureField",
    # Editors' top tasks (pins, how many): every home page of the site shows them.
    "toptasks.TopTaskSettings",
    "toptasks.PinnedProcedure",
]
PORTAL_WIDE = ["news.PortalFeature"]


def page_type_generation_key(label: str, language: str) -> str:
    """Renewed by a publish of any page of that type (``app.model``), for fragments listing them network-wide."""
    return f"fragcache:type:{label}:{language}"


def _now_and_on_commit(func, *args) -> None:
    func(*args)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: func(*args))


def _page_language(page) -> str:
    locale = getattr(page, "locale", None)
    return locale.language_code if locale is not None else settings.LANGUAGE_CODE


def _sites_of(url_path: str, language: str) -> set[int]:
    from wagtail.models import Site

    roots = [rp for rp in Site.get_site_root_paths() if url_path.startswith(rp.root_path)]
    same_language = {rp.site_id for rp in roots if rp.language_code == language}
    return same_language or {rp.site_id for rp in roots}


def portal_site_ids() -> set[int]:
    from sites.models import Agency

    return set(Agency.objects.filter(kind=Agency.Kind.PROVINCE, site__isnull=False).values_list("site_id", flat=True))


def _listed_on_portal(page) -> bool:
    model = page.specific_class or type(page)
    return model._meta.label_lower in PORTAL_LISTED


def purge_page(page, *, url_paths: list[str] | None = None) -> None:
    """The local page cache for everything showing ``page``, and the CDN's copies of its listings."""
    language = _page_language(page)
    site_ids: set[int] = set()
    for url_path in url_paths or [page.url_path]:
        site_ids |= _sites_of(url_path, language)
    listed = _listed_on_portal(page)
    portals = portal_site_ids() if listed else set()
    # English pages fall back to the Vietnamese page where untranslated: a Vietnamese publish purges both.
    languages = [code for code, _name in settings.LANGUAGES] if language == settings.LANGUAGE_CODE else [language]
    keys = [pagecache.site_generation_key(s, code) for s in site_ids | portals for code in languages]
    label = (page.specific_class or type(page))._meta.label_lower
    keys += [page_type_generation_key(label, code) for code in languages]
    _now_and_on_commit(pagecache.bump, keys)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            purge_listings_from_frontend_cache(page, portals)
        except Exception:  # a CDN outage must never fail a publish
            logger.exception("Frontend cache purge failed for page %s", page.pk)


def purge_listings_from_frontend_cache(page, portal_sites: set[int]) -> None:
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site

    batch = PurgeBatch()
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        batch.add_page(parent)
    home = Page.objects.filter(path=page.path[: Page.steplen * 2]).first()
    if home is not None and home.pk != page.pk:
        batch.add_page(home)
    if portal_sites:
        listings = [apps.get_model("news.NewsIndexPage"), apps.get_model("procedures.ProcedureIndexPage")]
        for site in Site.objects.filter(pk__in=portal_sites).select_related("root_page"):
            # Every language of the portal's home, whatever language the editor publishes in.
            for portal_home in Page.objects.filter(translation_key=site.root_page.translation_key):
                batch.add_page(portal_home)
                for model in listings:
                    index = model.objects.child_of(portal_home).live().first()
                    if index is not None:
                        batch.add_page(index)
    batch.purge()


def purge_portal() -> None:
    for site_id in portal_site_ids():
        _now_and_on_commit(pagecache.purge_site, site_id)


# Receivers.


def on_page_published(sender, instance, **kwargs):
    purge_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    purge_page(instance)


def on_page_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    purge_page(instance, url_paths=[p for p in (url_path_before, url_path_after) if p])


def on_page_deleted(sender, instance, **kwargs):
    if getattr(instance, "live", False) and instance.url_path:
        purge_page(instance)


def on_network_change(sender, created=False, **kwargs):
    if created and sender._meta.label == "core.SiteSettings":
        # Wagtail creates a site's settings with their defaults on the site's first page view,
        # so what the pages show does not change: purging here would empty the cache each time.
        return
    if sender._meta.label == "wagtailcore.Site":
        _now_and_on_commit(pagecache.forget_sites)
    _now_and_on_commit(pagecache.purge_network)


def on_portal_change(sender, **kwargs):
    purge_portal()


def on_view_restriction_change(sender, instance, **kwargs):
    """A page made private (or public again), or its allowed groups changed: its subtree's cached pages and
    routes (which carry the restrictions, routecache.py) are renewed."""
    from wagtail.models import PageViewRestriction

    if not isinstance(instance, PageViewRestriction):  # a group's restrictions changed from the group's side
        _now_and_on_commit(pagecache.purge_network)
        return
    try:
        page = instance.page
    except ObjectDoesNotExist:  # deleted with its page, which purged itself
        return
    purge_page(page)


def on_submission_change(sender, instance, **kwargs):
    page = getattr(instance, "page", None)
    if page is not None:
        purge_page(page)


def shared_chrome_scope(request):
    """For core's chrome tags (menu, breadcrumbs, language links): the generations of the request's site in
    every language (a translation published changes the other language's links) and of the network, or
    None when fragments are off or the request is a preview."""
    from wagtail.models import Site

    seconds = pagecache.fragment_cache_seconds()
    if seconds <= 0 or getattr(request, "is_preview", False):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    codes = [code for code, _name in settings.LANGUAGES]
    keys = [pagecache.NETWORK_GENERATION_KEY, pagecache.FRAGMENT_GENERATION_KEY]
    keys += [pagecache.site_generation_key(site.pk, code) for code in codes]
    return f"{site.pk}:{'.'.join(pagecache.generations(keys))}", seconds


def connect() -> None:
    from wagtail import hooks
    from wagtail.models import Page
    from wagtail.signals import post_page_move

    hooks.register("portal_shared_cache_scope", shared_chrome_scope)

    page_published.connect(on_page_published, dispatch_uid="caching.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="caching.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="caching.page_moved")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"caching.page_deleted.{model._meta.label}")
    from sections.models import PublicSubmission, TaxonomyItem

    taxonomies = [m for m in apps.get_models() if issubclass(m, TaxonomyItem)]
    for model in [apps.get_model(label) for label in NETWORK_WIDE] + taxonomies:
        label = model._meta.label
        for signal in (post_save, post_delete):
            signal.connect(on_network_change, sender=model, dispatch_uid=f"caching.network.{label}.{signal}")
    from wagtail.models import PageViewRestriction

    for signal in (post_save, post_delete):
        signal.connect(on_view_restriction_change, sender=PageViewRestriction, dispatch_uid=f"caching.pvr.{signal}")
    m2m_changed.connect(
        on_view_restriction_change, sender=PageViewRestriction.groups.through, dispatch_uid="caching.pvr.groups"
    )
    for label in PORTAL_WIDE:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(on_portal_change, sender=model, dispatch_uid=f"caching.portal.{label}.{signal}")
    for model in apps.get_models():
        if issubclass(model, PublicSubmission):
            post_save.connect(
                on_submission_change, sender=model, dispatch_uid=f"caching.submission.{model._meta.label}"
            )
