"""What every Decree 42/2022 section shares: where its pages may stand, and how listings fall back."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import HOME_PAGE_TYPES, BasePage  # noqa: F401  (re-exported)
from sites.models import Agency


RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


def _page_number(request) -> str | None:
    return request.GET.get("trang") or request.GET.get("page")


def listing_parent(page: Page) -> Page:
    """Where a listing's items live: the page itself, or for a translation that has
    no items of its own yet, the original in the default language (documents and
    drafts are published in Vietnamese first; their labels are still translated)."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE or page.get_children().live().exists():
        return page
    original = page.get_translation_or_none(Locale.get_default())
    return original or page
