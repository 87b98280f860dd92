"""Every agency site has a news page: created by provisioning, used by the demo loader."""

from __future__ import annotations

from wagtail.models import Locale, Page

from core.translation import translate
from sites.models import Agency

from .models import NewsIndexPage

INDEX_EN = {
    "Tin tức – Sự kiện": "News and events",
    "Tin hoạt động, thông báo và sự kiện của cơ quan.": "The agency's news, announcements and events.",
    "Tin tức từ các cơ quan, đơn vị trong toàn tỉnh.": "News from agencies across the province.",
}


def ensure_news_index(agency: Agency) -> tuple[NewsIndexPage, bool]:
    """The agency's news page and its English translation, created when missing.

    Returns the Vietnamese page and whether anything was created.
    """
    created = False
    en = Locale.objects.get_or_create(language_code="en")[0]
    home = Page.objects.get(pk=agency.home_page_id).specific
    index = home.get_children().type(NewsIndexPage).first()
    is_portal = agency.kind == Agency.Kind.PROVINCE and agency.parent_id is None
    if index is None:
        intro = (
            "Tin tức từ các cơ quan, đơn vị trong toàn tỉnh."
            if is_portal
            else "Tin hoạt động, thông báo và sự kiện của cơ quan."
        )
        index = NewsIndexPage(title="Tin tức – Sự kiện", slug="tin-tuc", intro=intro, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
        created = True
    index = index.specific
    if index.get_translation_or_none(en) is None:
        translate(index, en, INDEX_EN)
        created = True
    return index, created
