"""Query budgets of every public page type: exact numbers, the same with a small and a larger network.

Measured uncached (the page cache is off in tests), the second request of each
page (the first fills Wagtail's per-process site root paths). The small
network: 3 agencies, a few pages of each type. The larger one adds 60
agencies, 300 news articles, 120 procedures, 40 legal documents, 40 answered
questions and more searchable pages. A page whose count changes between the
two has a query in a loop. docs/performance.md lists the budgets and the
tests of the other apps that check the same pages in more depth.
"""

from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from home.models import StandardPage
from online_services.factories import make_procedure, make_service_page
from procedures.models import ProcedureIndexPage
from search.documents import index_pages
from sections import factories as f
from sections.models import ContactPage, OrganisationPage, Question
from tests.news.news_fixtures import bulk_articles, news_index_for, publish_article
from tests.news.test_news_queries import add_agencies
from tests.performance.conftest import GTVT, PORTAL, YTE
from tests.procedures.catalogue_fixtures import make_procedures

# Queries per page view. Raise one only with a reason in the commit; none may depend on the data's size.
BUDGETS = {
    # Home pages +4 (issue #17, top tasks): the site's top-task settings, the view counts, the catalogue
    # page the entry points link to, the journeys (alerts come from the cache: 0; pins only when set).
    "portal home": 21,
    "agency home": 23,
    "standard page": 16,
    "organisation page": 14,
    "contact page": 13,
    "network catalogue, filtered": 18,
    "agency catalogue": 17,
    "procedure page": 16,  # +1 (issue #17): the journeys the procedure is a step of
    "online form page": 17,
    "news index": 22,
    "news article": 20,
    "news article, English fallback": 26,
    "legal documents library": 18,
    "legal document": 17,
    "Q&A": 15,
    "consultations": 15,
    "consultation": 16,
    "search": 26,
    "status lookup": 7,
}
# One search is one transaction (facets, window, rescore): on PostgreSQL the window's
# relevance is a separate statement, on SQLite FTS5 returns the window's folded text.
if connection.vendor == "sqlite":
    BUDGETS["search"] = 25

# The same pages with the fragment caches on and warm (FRAGMENT_CACHE_SECONDS as in production), the page
# cache still off: what a page costs once its fragments are built (issue #18). On every page the footer is a
# fragment and the menu, breadcrumbs and language links come from the cache (core/templatetags/portal_tags.py);
# on the page types caching/routecache.py lists, the route does too, with the site's settings and agency
# (one query for the page instead of the site, locale and tree walk); the procedure's body and JSON-LD are
# fragments per revision. All are dropped by the generations a publish renews (caching/signals.py).
WARM_BUDGETS = {
    # A page type with a shell (caching/templatetags/portal_cache.py, issue #18) makes no query warm: the
    # route brings the live page and its view restrictions from the cache, base.html's parts come from
    # the page's shell. At most 8 for the procedure page, the issue asks.
    "portal home": 0,
    "agency home": 0,
    "standard page": 0,
    "organisation page": 10,
    "contact page": 9,
    "network catalogue, filtered": 0,
    "agency catalogue": 0,
    "procedure page": 0,
    "online form page": 13,
    "news index": 18,
    "news article": 0,
    # Served in place of a missing translation (core/routing.py): routed by Wagtail, not from the cache.
    "news article, English fallback": 16,
    "legal documents library": 14,
    "legal document": 13,
    "Q&A": 11,
    "consultations": 11,
    "consultation": 12,
    "search": BUDGETS["search"] - 4,
    "status lookup": 3,
}

# The one budget that differs by network size, by plan and not by rows: at the larger network the search's
# words ("thu tuc thu nghiem") match more than half of the index, so PostgreSQL runs the common-word plan
# (search/engines/postgres.py, issue #18): sorts off, the bounded walk of titles with the exact phrase, sorts
# back on — three statements, whatever the number of hits. SQLite's common-word window is one statement.
LARGE_EXTRA = {"search": 3} if connection.vendor == "postgresql" else {}


def at_large(budgets: dict) -> dict:
    return {name: count + LARGE_EXTRA.get(name, 0) for name, count in budgets.items()}


def url(page) -> str:
    return page.get_url_parts()[2]


def build_small_network(network):
    yte_home = Page.objects.get(pk=network["so-y-te"].home_page_id)
    indexes = {slug: news_index_for(agency) for slug, agency in network.items()}
    article = publish_article(indexes["so-y-te"], "Tiêm chủng mở rộng", lead="Tin y tế.")
    standard = f.add_published(yte_home, StandardPage(title="Giới thiệu", slug="gioi-thieu", intro="Chức năng."))
    organisation = f.add_published(yte_home, OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))
    contact = f.add_published(yte_home, ContactPage(title="Liên hệ", slug="lien-he"))
    procedures = make_procedures(network["so-y-te"], 12, field_name="Hộ tịch")
    ProcedureIndexPage.ensure_for(network["ha-tinh"])  # the portal's network catalogue
    index_pages(procedures)
    service = make_service_page(make_procedure(network["so-gtvt"]))
    library = f.library(yte_home)
    kinds = [f.document_type(name) for name in ("Quyết định", "Chỉ thị")]
    issuers = [f.issuer(name) for name in ("UBND tỉnh Hà Tĩnh", "Sở Y tế")]
    document = add_documents(library, kinds, issuers, 0, 5)
    questions = f.question_page(yte_home)
    add_questions(questions, 0, 3)
    consultation = f.consultation(
        yte_home, title="Dự thảo quy định về y tế cơ sở", summary="Tóm tắt.", closes_in=timedelta(days=10)
    )
    consultations = consultation.get_parent()
    return {
        "portal home": (PORTAL, "/", ""),
        "agency home": (YTE, "/", ""),
        "standard page": (YTE, url(standard), ""),
        "organisation page": (YTE, url(organisation), ""),
        "contact page": (YTE, url(contact), ""),
        "network catalogue, filtered": (PORTAL, "/thu-tuc-hanh-chinh/", f"field={procedures[0].field.slug}&level=2"),
        "agency catalogue": (YTE, "/thu-tuc-hanh-chinh/", ""),
        "procedure page": (YTE, url(procedures[0]), ""),
        "online form page": (GTVT, url(service), ""),
        "news index": (YTE, url(indexes["so-y-te"]), ""),
        "news article": (YTE, url(article), ""),
        "news article, English fallback": (YTE, f"/en{url(article)}", ""),
        "legal documents library": (YTE, url(library), ""),
        "legal document": (YTE, url(document), ""),
        "Q&A": (YTE, url(questions), ""),
        "consultations": (YTE, url(consultations), ""),
        "consultation": (YTE, url(consultation), ""),
        "search": (PORTAL, "/search/", "q=thu+tuc+thu+nghiem"),
        "status lookup": (YTE, "/tra-cuu-ho-so/", ""),
    }, {"indexes": indexes, "library": library, "kinds": kinds, "issuers": issuers, "questions": questions}


def add_documents(library, kinds, issuers, start, count):
    page = None
    for i in range(start, start + count):
        page = f.legal_document(
            library,
            number=f"{i + 1}/2024/QĐ-UBND",
            doc_type=kinds[i % 2],
            doc_issuer=issuers[i % 2],
            issued=date(2020 + i % 5, 1 + i % 12, 1),
            summary=f"Văn bản thứ {i + 1}",
            revision=False,
        )
    return page


def add_questions(page, start, count):
    for i in range(start, start + count):
        f.question(
            page,
            title=f"Câu hỏi số {i + 1}",
            text="Thủ tục cấp lại thẻ bảo hiểm y tế?",
            answer="Trả lời: nộp hồ sơ tại Bộ phận Một cửa.",
            status=Question.Status.PUBLISHED,
        )


def grow(network, parts):
    add_agencies(63)
    bulk_articles(list(parts["indexes"].values()), 300)
    for slug in ("so-y-te", "so-gtvt", "ha-tinh"):
        index_pages(make_procedures(network[slug], 40, field_name="Hộ tịch", start=100))
    add_documents(parts["library"], parts["kinds"], parts["issuers"], 5, 40)
    add_questions(parts["questions"], 3, 40)


def measure(client, pages) -> dict[str, int]:
    counts = {}
    for name, (host, path, query) in pages.items():
        address = f"{path}?{query}" if query else path
        client.get(address, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(address, HTTP_HOST=host)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def measure_warm(client, pages, settings) -> dict[str, int]:
    """With the fragment caches on: the first request of each page builds them, the second is counted."""
    cache.clear()
    settings.FRAGMENT_CACHE_SECONDS = 3600
    try:
        return measure(client, pages)
    finally:
        settings.FRAGMENT_CACHE_SECONDS = 0
        cache.clear()


def test_every_public_page_type_stays_within_its_exact_budget_as_the_network_grows(client, network, settings):
    pages, parts = build_small_network(network)
    small = measure(client, pages)
    small_warm = measure_warm(client, pages, settings)
    grow(network, parts)
    large = measure(client, pages)
    large_warm = measure_warm(client, pages, settings)
    assert small == BUDGETS, small
    assert large == at_large(BUDGETS), large
    assert small_warm == WARM_BUDGETS, small_warm
    assert large_warm == at_large(WARM_BUDGETS), large_warm
