"""Search promotions (wagtail.contrib.search_promotions) matched the way the search matches.

A promotion entered for "đổi giấy phép lái xe" is shown for "doi giay phep lai
xe" and "ĐỔI GIẤY PHÉP LÁI XE" too: queries are compared folded.
"""

from __future__ import annotations

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from .text import query_tokens


def promotions_for(raw_query: str, locale: Locale, request=None) -> list[dict]:
    folded = " ".join(query_tokens(raw_query))
    if not folded:
        return []
    promoted = Query.objects.filter(editors_picks__isnull=False).values_list("pk", "query_string").distinct()
    query_ids = [pk for pk, text in promoted if " ".join(query_tokens(text)) == folded]
    if not query_ids:
        return []
    items = []
    promotions = SearchPromotion.objects.filter(query_id__in=query_ids).select_related("page").order_by("sort_order")
    for promotion in promotions:
        if promotion.page_id:
            page = promotion.page
            if page.locale_id != locale.pk:
                page = page.get_translation_or_none(locale)
            if page is None or not page.live:
                continue
            url = page.get_url(request)
            if not url:
                continue
            items.append({"title": page.title, "url": url, "description": promotion.description})
        elif promotion.external_link_url:
            items.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                    "external": True,
                }
            )
    return items
