"""Head metadata of the network's pages: canonical link, hreflang alternates, Open Graph."""

from __future__ import annotations

from django import template
from django.conf import settings

from wagtail.models import Page

register = template.Library()

OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


@register.inclusion_tag("core/includes/page_meta.html", takes_context=True)
def page_meta(context, og_type: str = "website"):
    """One query (the page's live translations); the image rendition is prefetched by the view."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        return {}
    canonical = page.get_full_url(request)
    alternates = []
    for translation in (
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .select_related("locale")
        .order_by("locale__language_code")
    ):
        code = translation.locale.language_code
        alternates.append({"code": code, "url": translation.get_full_url(request)})
        if code == settings.LANGUAGE_CODE:
            alternates.append({"code": "x-default", "url": translation.get_full_url(request)})
    image_url = ""
    image = getattr(page, "featured_image", None)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630")
        image_url = request.build_absolute_uri(rendition.url)
    description = getattr(page, "search_description", "") or getattr(page, "lead", "") or getattr(page, "intro", "")
    site = page.get_site()
    return {
        "canonical": canonical,
        "alternates": alternates,
        "og_type": og_type,
        "title": page.seo_title or page.title,
        "description": str(description)[:300],
        "image_url": image_url,
        "site_name": site.site_name if site else "",
        "og_locale": OG_LOCALES.get(page.locale.language_code, page.locale.language_code),
        "published": getattr(page, "first_published_at", None),
        "page": page,
    }
