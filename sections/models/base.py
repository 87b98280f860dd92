"""What every Decree 42/2022 section shares: rich-text features, page numbers, and how listings fall back."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Locale, Page

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


def page_number(request) -> str | None:
    return request.GET.get("trang") or request.GET.get("page")


def listing_parent(page: Page) -> Page:
    """Where a listing's items live: the page itself, or for a translation that has
    no items of its own yet, the original in the default language (documents and
    drafts are published in Vietnamese first; their labels are still translated)."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE or page.get_children().live().exists():
        return page
    original = page.get_translation_or_none(Locale.get_default())
    return original or page
