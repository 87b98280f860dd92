"""News pages: tree rules, listings, per-site and per-category RSS/Atom, sitemaps, canonical and Open Graph."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feeds

import pytest

from wagtail.test.utils.page_tests import WagtailPageTestCase

from home.models import AgencyHomePage, PortalHomePage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage
from tests.news.news_fixtures import publish_article

YTE = "soyte.hatinh.localhost"
GTVT = "sgtvt.hatinh.localhost"
PORTAL = "hatinh.localhost"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


class Rules(WagtailPageTestCase):
    pass


def test_page_tree_rules(db):
    rules = Rules()
    rules.assertAllowedParentPageTypes(NewsIndexPage, {PortalHomePage, AgencyHomePage})
    rules.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})
    rules.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
    rules.assertAllowedSubpageTypes(NewsArticlePage, set())
    rules.assertCanNotCreateAt(StandardPage, NewsArticlePage)


def test_index_lists_own_articles_newest_first_with_categories(client, news_indexes, categories):
    yte = news_indexes["so-y-te"]
    old = publish_article(yte, "Khám sàng lọc bệnh không lây nhiễm", date=datetime.date(2026, 1, 5))
    new = publish_article(
        yte, "Tăng cường phòng chống sốt xuất huyết", date=datetime.date(2026, 3, 1), categories=[categories["y-te"]]
    )
    other = publish_article(news_indexes["so-gtvt"], "Thông xe cầu Cửa Hội", date=datetime.date(2026, 3, 3))
    html = client.get("/tin-tuc/", HTTP_HOST=YTE).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert other.title not in html
    category = client.get("/tin-tuc/chuyen-muc/y-te/", HTTP_HOST=YTE)
    assert category.status_code == 200
    text = category.content.decode()
    assert new.title in text and old.title not in text
    assert client.get("/tin-tuc/chuyen-muc/khong-co/", HTTP_HOST=YTE).status_code == 404
    article = client.get(f"/tin-tuc/{new.slug}/", HTTP_HOST=YTE).content.decode()
    assert 'href="/tin-tuc/chuyen-muc/y-te/"' in article


def test_portal_news_index_lists_the_network(client, news_indexes):
    a = publish_article(news_indexes["so-y-te"], "Tin của Sở Y tế")
    b = publish_article(news_indexes["so-gtvt"], "Tin của Sở Giao thông vận tải")
    html = client.get("/tin-tuc/", HTTP_HOST=PORTAL).content.decode()
    assert a.title in html and b.title in html
    assert f"http://{YTE}/tin-tuc/{a.slug}/" in html


def rss_titles(response):
    root = ET.fromstring(response.content)  # noqa: S314
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(response):
    root = ET.fromstring(response.content)  # noqa: S314
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_feeds_per_site_and_per_category(client, news_indexes, categories):
    yte, gtvt = news_indexes["so-y-te"], news_indexes["so-gtvt"]
    dengue = publish_article(
        yte, "Phòng chống sốt xuất huyết", categories=[categories["y-te"]], date=datetime.date(2026, 3, 4)
    )
    screening = publish_article(yte, "Khám sàng lọc miễn phí", date=datetime.date(2026, 3, 1))
    bridge = publish_article(gtvt, "Thông xe cầu Cửa Hội", categories=[categories["giao-thong"]])

    rss = client.get("/tin-tuc/rss/", HTTP_HOST=YTE)
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(rss) == [dengue.title, screening.title]
    channel = ET.fromstring(rss.content).find("channel")  # noqa: S314
    assert channel.findtext("link") == f"http://{YTE}/tin-tuc/"
    item = ET.fromstring(rss.content).find("channel/item")  # noqa: S314
    assert item.findtext("link") == f"http://{YTE}/tin-tuc/{dengue.slug}/"
    assert item.findtext("description") == dengue.lead

    atom = client.get("/tin-tuc/atom/", HTTP_HOST=YTE)
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(atom) == [dengue.title, screening.title]

    assert rss_titles(client.get("/tin-tuc/chuyen-muc/y-te/rss/", HTTP_HOST=YTE)) == [dengue.title]
    assert atom_titles(client.get("/tin-tuc/chuyen-muc/y-te/atom/", HTTP_HOST=YTE)) == [dengue.title]
    assert rss_titles(client.get("/tin-tuc/chuyen-muc/giao-thong/rss/", HTTP_HOST=YTE)) == []
    assert rss_titles(client.get("/tin-tuc/rss/", HTTP_HOST=GTVT)) == [bridge.title]
    assert client.get("/tin-tuc/chuyen-muc/khong-co/rss/", HTTP_HOST=YTE).status_code == 404
    # The portal's feed is the network's.
    assert set(rss_titles(client.get("/tin-tuc/rss/", HTTP_HOST=PORTAL))) == {
        dengue.title,
        screening.title,
        bridge.title,
    }
    # The index advertises its feeds.
    html = client.get("/tin-tuc/", HTTP_HOST=YTE).content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/tin-tuc/rss/"' in html


def test_unpublished_articles_stay_out_of_feeds(client, news_indexes):
    article = publish_article(news_indexes["so-y-te"], "Tin sẽ bị gỡ")
    article.unpublish()
    assert rss_titles(client.get("/tin-tuc/rss/", HTTP_HOST=YTE)) == []


def sitemap_locations(response):
    root = ET.fromstring(response.content)  # noqa: S314
    return [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_sitemap_per_site_in_both_locales(client, news_indexes, locales):
    _vi, en = locales
    article = publish_article(news_indexes["so-y-te"], "Tin có bản tiếng Anh", slug="tin-song-ngu")
    index_en = news_indexes["so-y-te"].get_translation_or_none(en) or news_indexes["so-y-te"].copy_for_translation(en)
    index_en.title = "News"
    index_en.save_revision().publish()
    article_en = article.copy_for_translation(en)
    article_en.title = "A bilingual article"
    article_en.save_revision().publish()
    publish_article(news_indexes["so-gtvt"], "Tin giao thông", slug="tin-giao-thong")

    locations = sitemap_locations(client.get("/sitemap.xml", HTTP_HOST=YTE))
    assert f"http://{YTE}/" in locations
    assert f"http://{YTE}/en/" in locations
    assert f"http://{YTE}/tin-tuc/tin-song-ngu/" in locations
    assert f"http://{YTE}/en/tin-tuc/tin-song-ngu/" in locations
    assert all(loc.startswith(f"http://{YTE}/") for loc in locations)
    gtvt = sitemap_locations(client.get("/sitemap.xml", HTTP_HOST=GTVT))
    assert f"http://{GTVT}/tin-tuc/tin-giao-thong/" in gtvt
    assert not any("tin-song-ngu" in loc for loc in gtvt)


def test_canonical_hreflang_and_open_graph(client, news_indexes, locales):
    _vi, en = locales
    article = publish_article(news_indexes["so-y-te"], "Khai trương phòng khám đa khoa", slug="phong-kham")
    html = client.get("/tin-tuc/phong-kham/", HTTP_HOST=YTE).content.decode()
    assert f'<link rel="canonical" href="http://{YTE}/tin-tuc/phong-kham/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Khai trương phòng khám đa khoa">' in html
    assert f'<meta property="og:url" content="http://{YTE}/tin-tuc/phong-kham/">' in html
    assert f'<meta property="og:description" content="{article.lead}">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert f'<link rel="alternate" hreflang="vi" href="http://{YTE}/tin-tuc/phong-kham/">' in html
    assert '<link rel="alternate" hreflang="en"' not in html  # no English translation yet
    home = client.get("/", HTTP_HOST=YTE).content.decode()
    assert f'<link rel="canonical" href="http://{YTE}/">' in home
    assert f'<link rel="alternate" hreflang="en" href="http://{YTE}/en/">' in home
