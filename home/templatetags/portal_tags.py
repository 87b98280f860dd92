"""Template helpers shared by every site of the network: no queries in loops."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from sites.models import Agency

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's translation, or that language's home page."""
    request = context["request"]
    page = context.get("page")
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in Page.objects.filter(translation_key=page.translation_key, live=True).select_related(
            "locale"
        ):
            translations[translation.locale.language_code] = translation
    site = Site.find_for_request(request)
    for code, label in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request)
        elif isinstance(page, Page) and site is not None:
            home = site.root_page.get_translation_or_none(Locale.objects.get(language_code=code))
            url = home.get_url(request) if home else "/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "label": label, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def current_agency(context):
    """The agency that owns the site being viewed (cached on the request)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_portal_agency"):
        site = Site.find_for_request(request)
        request._portal_agency = Agency.objects.filter(site=site).select_related("parent").first() if site else None
    return request._portal_agency


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth", "locale_id"))


@register.filter
def localized_name(obj):
    """``name_en`` in English when there is one, the Vietnamese name otherwise."""
    if (get_language() or "vi").startswith("en"):
        return getattr(obj, "name_en", "") or obj.name
    return obj.name
