"""Demo news from demo/data/news.json: categories, a news index on every agency site, a few articles
each, English translations of some (wagtail-localize strings), and featured news on the portal.

Articles go through ``core.page_loader``; idempotent: pages are found by slug,
categories by slug, features by article.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from core.page_loader import load_pages
from news.models import NewsCategory, PortalFeature
from news.setup import ensure_news_index
from news.signals import grant_portal_moderation
from sites.models import Agency

from .network import fill, read

FEATURE_COMMENT = "Tin tiêu biểu của mạng (dữ liệu mẫu)."


def _place(agency: Agency) -> str:
    name = agency.name
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def ensure_categories(categories: list[dict]) -> None:
    for spec in categories:
        NewsCategory.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "name_en": spec["name_en"]}
        )


def article_record(agency: Agency, spec: dict) -> dict:
    """A page-loader record for one article of news.json (``days_ago`` becomes a date)."""
    spec = fill(spec, {"name": agency.name, "place": _place(agency)})
    record = {
        "site": agency.slug,
        "parent_type": "news.NewsIndexPage",
        "type": "news.NewsArticlePage",
        "slug": spec["slug"],
        "fields": {
            "title": spec["title"],
            "date": timezone.localdate() - datetime.timedelta(days=spec["days_ago"]),
            "author": spec["author"],
            "source": spec["source"],
            "lead": spec["lead"],
            "body": [{"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in spec["paragraphs"])}],
            "propose_for_portal": spec["feature"],
        },
        "refs": {"categories": [{"slug": slug} for slug in spec["categories"]]},
    }
    if spec["en"]:
        record["translations"] = {"en": spec["en"]}
    return record


@transaction.atomic
def load(stdout=None) -> str:
    data = read("news.json")
    ensure_categories(data["categories"])
    grant_portal_moderation(Agency.objects.portal())  # for networks provisioned before the grant existed
    records, featured_positions = [], set()
    for agency in Agency.objects.active().filter(home_page__isnull=False).order_by("pk"):
        ensure_news_index(agency)
        for spec in data["articles"].get(agency.slug) or data["generic_articles"]:
            records.append(article_record(agency, spec))
            if spec["feature"]:
                featured_positions.add(len(records))
    report = load_pages(records)
    featured = 0
    for position in sorted(featured_positions):
        feature = PortalFeature.objects.filter(article=report.pages[position]).first()
        if feature is not None and feature.status == PortalFeature.Status.PROPOSED:
            feature.decide(None, approve=True, comment=FEATURE_COMMENT)
            featured += 1
    return f"Tin tức – tin bài mới: {len(report.created)}, tin nổi bật mới duyệt: {featured}"
