"""Issue #6 acceptance: the portal home costs the same queries with 13 or 250 agencies, 10 or 1,000 articles."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from home.models import AgencyHomePage
from news.models import NewsArticlePage, NewsIndexPage, PortalFeature
from sites.models import Agency
from tests.news.news_fixtures import bulk_articles, bulk_pages, news_index_for, publish_article

PORTAL = "hatinh.localhost"


def add_agencies(total: int) -> None:
    """Cheap agencies (a row, a home page, a site, a news index): enough for the portal's listings."""
    root = Page.get_first_root_node()
    start = Agency.objects.count()
    slugs = [f"xa-thu-{n}" for n in range(start, total)]
    homes = bulk_pages(root, [AgencyHomePage(title=f"Trang thông tin điện tử xã Thử {s[7:]}", slug=s) for s in slugs])
    sites = Site.objects.bulk_create(
        [
            Site(hostname=f"{slug}.hatinh.localhost", port=80, root_page_id=home.pk, site_name=home.title)
            for slug, home in zip(slugs, homes, strict=True)
        ]
    )
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                slug=slug,
                name=f"Ủy ban nhân dân xã Thử {slug[7:]}",
                kind=Agency.Kind.COMMUNE,
                hostname=site.hostname,
                site_id=site.pk,
                home_page_id=home.pk,
            )
            for slug, home, site in zip(slugs, homes, sites, strict=True)
        ]
    )
    for home, agency in zip(homes, agencies, strict=True):
        AgencyHomePage.objects.filter(pk=home.pk).update(agency=agency)
        bulk_pages(home, [NewsIndexPage(title="Tin tức", slug="tin-tuc", agency_id=agency.pk)])
    Site.clear_site_root_paths_cache()


def add_articles(total: int) -> None:
    bulk_articles(list(NewsIndexPage.objects.filter(depth=3, locale__language_code="vi").order_by("path")), total)


def portal_home(client, budget):
    """The portal home in steady state, within an exact query budget (``budget`` is a context manager)."""
    # Adding sites invalidates Wagtail's cached site root paths; rebuilding them costs one query
    # per site, once, on the first request after the change (cached in Redis in production).
    client.get("/", HTTP_HOST=PORTAL)
    with budget:
        response = client.get("/", HTTP_HOST=PORTAL)
    assert response.status_code == 200
    return response.content.decode()


def test_portal_home_query_count_is_independent_of_network_size(client, network, make_user, django_assert_num_queries):
    for agency in network.values():
        news_index_for(agency)
    moderator = make_user("kiemduyet-tinh", network["ha-tinh"].moderators_group)
    yte = NewsIndexPage.objects.get(agency=network["so-y-te"], locale__language_code="vi")
    for n in range(3):
        article = publish_article(yte, f"Tin nổi bật {n}", propose_for_portal=True, date=datetime.date(2026, 4, 1 + n))
        PortalFeature.objects.get(article=article).decide(moderator, approve=True)
    add_agencies(13)
    add_articles(10)
    assert Agency.objects.count() == 13 and NewsArticlePage.objects.count() == 10

    client.get("/", HTTP_HOST=PORTAL)
    with CaptureQueriesContext(connection) as steady:
        html = client.get("/", HTTP_HOST=PORTAL).content.decode()
    budget = len(steady.captured_queries)
    assert budget <= 25
    assert html.count('class="news-item"') == 10  # ten network news; the three featured are in the featured grid
    assert "Tin nổi bật 2" in html

    add_agencies(250)
    assert Agency.objects.count() == 250
    html = portal_home(client, django_assert_num_queries(budget))
    assert html.count("xa-thu-249.hatinh.localhost") == 1  # the directory lists every agency

    add_articles(1000)
    assert NewsArticlePage.objects.count() == 1000
    html = portal_home(client, django_assert_num_queries(budget))
    assert html.count('class="news-item"') == 10  # ten network news; the featured are in their grid


def test_agency_home_and_news_index_queries_do_not_grow_with_articles(client, network):
    for agency in network.values():
        news_index_for(agency)
    add_articles(10)

    def count(path, host):
        client.get(path, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path, HTTP_HOST=host).status_code == 200
        return len(ctx.captured_queries)

    before = {p: count(p, "soyte.hatinh.localhost") for p in ("/", "/tin-tuc/", "/tin-tuc/rss/")}
    before_portal_index = count("/tin-tuc/", PORTAL)
    add_articles(300)
    after = {p: count(p, "soyte.hatinh.localhost") for p in ("/", "/tin-tuc/", "/tin-tuc/rss/")}
    assert after == before
    assert count("/tin-tuc/", PORTAL) == before_portal_index
