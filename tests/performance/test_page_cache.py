"""The full-page cache (caching/): hits cost no query, publishing shows at once, private things stay private."""

import re

import pytest

from django.core.cache import cache

from wagtail.models import Page

from core.models import SiteSettings
from online_services.factories import make_procedure, make_service_page
from security import csp
from security.csp import public_directives
from tests.performance.conftest import GTVT, PORTAL, YTE


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def get(client, path, host, **extra):
    response = client.get(path, HTTP_HOST=host, **extra)
    return response, response.content.decode()


def url_of(page):
    return page.get_url_parts()[2]


def test_a_warm_hit_serves_the_same_page_without_queries(client, caches_on, news, django_assert_num_queries):
    path = url_of(news["article"])
    first, html = get(client, path, YTE)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second, cached = get(client, path, YTE)
    assert second["X-Page-Cache"] == "hit"
    assert cached == html and "Tiêm chủng mở rộng đợt một" in cached
    assert second["Content-Length"] == str(len(second.content))


def test_publishing_shows_on_the_next_request_of_the_page_its_listings_and_the_portal(client, caches_on, news):
    article = news["article"]
    pages = [(url_of(article), YTE), ("/", YTE), (url_of(news["indexes"]["so-y-te"]), YTE), ("/", PORTAL)]
    for path, host in pages:
        get(client, path, host)
        response, html = get(client, path, host)
        assert response["X-Page-Cache"] == "hit" and "Tiêm chủng mở rộng đợt một" in html, (path, host)

    article.title = "Tiêm chủng mở rộng đợt hai"
    article.save_revision().publish()

    for path, host in pages:
        response, html = get(client, path, host)
        assert response["X-Page-Cache"] == "miss", (path, host)
        assert "Tiêm chủng mở rộng đợt hai" in html and "đợt một" not in html, (path, host)


def test_an_unpublished_page_is_gone_on_the_next_request(client, caches_on, news):
    path = url_of(news["article"])
    get(client, path, YTE)
    assert get(client, path, YTE)[0]["X-Page-Cache"] == "hit"
    news["article"].unpublish()
    assert client.get(path, HTTP_HOST=YTE).status_code == 404


def test_a_publish_purges_its_own_site_and_the_portal_only(client, caches_on, news):
    get(client, "/", GTVT)
    get(client, "/en/", YTE)
    get(client, "/", PORTAL)
    publish_article = news["article"]
    publish_article.save_revision().publish()
    assert get(client, "/", GTVT)[0]["X-Page-Cache"] == "hit"  # another agency's site is untouched
    # Untranslated English pages fall back to the Vietnamese ones: a Vietnamese publish purges English too.
    assert get(client, "/en/", YTE)[0]["X-Page-Cache"] == "miss"
    assert get(client, "/", PORTAL)[0]["X-Page-Cache"] == "miss"  # the portal lists agency news


def test_an_english_publish_keeps_the_vietnamese_pages_cached(client, caches_on, network):
    english_home = Page.objects.get(pk=network["so-y-te"].home_page_id).get_translations().get().specific
    get(client, "/", YTE)
    get(client, "/en/", YTE)
    english_home.title = "Department of Health – new title"
    english_home.save_revision().publish()
    assert get(client, "/", YTE)[0]["X-Page-Cache"] == "hit"
    response, html = get(client, "/en/", YTE)
    assert response["X-Page-Cache"] == "miss" and "Department of Health – new title" in html


def test_sites_and_languages_never_share_an_entry(client, caches_on, network):
    for host in (YTE, GTVT):
        for path in ("/", "/en/"):
            get(client, path, host)
    yte, yte_html = get(client, "/", YTE)
    gtvt, gtvt_html = get(client, "/", GTVT)
    yte_en, yte_en_html = get(client, "/en/", YTE)
    assert {yte["X-Page-Cache"], gtvt["X-Page-Cache"], yte_en["X-Page-Cache"]} == {"hit"}
    assert "Sở Y tế" in yte_html and "Sở Y tế" not in gtvt_html
    assert '<html lang="vi">' in yte_html and '<html lang="en">' in yte_en_html


def test_logged_in_editors_always_get_a_fresh_page_and_never_fill_the_cache(client, caches_on, news, editor):
    path = url_of(news["article"])
    client.force_login(editor)
    response, html = get(client, path, YTE)
    assert "X-Page-Cache" not in response and "wagtail-userbar" in html
    client.logout()
    response, html = get(client, path, YTE)
    assert response["X-Page-Cache"] == "miss" and "wagtail-userbar" not in html


def test_a_session_cookie_bypasses_the_cache(client, caches_on, news, django_assert_max_num_queries):
    path = url_of(news["article"])
    get(client, path, YTE)
    client.cookies["sessionid"] = "not-a-session"
    response, _html = get(client, path, YTE)
    assert "X-Page-Cache" not in response


def test_form_pages_posts_search_and_lookup_are_never_cached(client, caches_on, network):
    service = make_service_page(make_procedure(network["so-gtvt"]))
    path = url_of(service)
    for _ in range(2):
        response, html = get(client, path, GTVT)
        assert response["X-Page-Cache"] == "bypass"  # it sets the CSRF cookie its token belongs to
        assert "csrftoken" in response.cookies and "csrfmiddlewaretoken" in html
        # nor does nginx's microcache keep it (issue #18)
        assert "X-Accel-Expires" not in response and "private" in response["Cache-Control"]
    assert client.post(path, {}, HTTP_HOST=GTVT).get("X-Page-Cache") is None
    for other in ("/search/?q=giay+phep", "/tra-cuu-ho-so/"):
        response = client.get(other, HTTP_HOST=GTVT)
        assert "X-Page-Cache" not in response and "X-Accel-Expires" not in response
    assert not [k for k in cache._cache if "pagecache:p:" in k and "csrf" in str(cache.get(k.split(":", 2)[-1]))]


def test_a_hit_carries_the_hash_of_the_pages_inline_style_and_no_nonce(client, caches_on, network):
    """Public pages have no CSP nonce (issue #18): the stored page is the same for every visitor, and the
    policy of a hit allows the accent style by the hash recorded when the page was rendered."""
    caches_on.MIDDLEWARE = [*caches_on.MIDDLEWARE]
    caches_on.MIDDLEWARE.insert(1, "security.csp.PortalCSPMiddleware")
    caches_on.CONTENT_SECURITY_POLICY = {"DIRECTIVES": public_directives()}
    bodies, policies = [], []
    for expected in ("miss", "hit", "hit"):
        response, html = get(client, "/", YTE)
        assert response["X-Page-Cache"] == expected
        assert response["X-Accel-Expires"] == "10"  # nginx may keep it too (PROXY_CACHE_SECONDS)
        style = re.search(r"<style>(:root\{--accent:#[0-9a-f]{6}\})</style>", html).group(1)
        assert csp.source_hash(style) in response["Content-Security-Policy"]
        assert "nonce" not in response["Content-Security-Policy"] and "nonce" not in html
        bodies.append(html)
        policies.append(response["Content-Security-Policy"])
    assert len(set(bodies)) == 1 and len(set(policies)) == 1


def test_site_settings_change_purges_pages_and_the_footer(client, caches_on, network):
    get(client, "/", YTE)
    settings_row = SiteSettings.for_site(network["so-y-te"].site)
    settings_row.hotline = "0239 3 888 999"
    settings_row.save()
    response, html = get(client, "/", YTE)
    assert response["X-Page-Cache"] == "miss" and "0239 3 888 999" in html


@pytest.mark.parametrize("page_cache", [600, 0])
def test_directory_fragment_follows_agency_changes(client, caches_on, network, page_cache):
    caches_on.PAGE_CACHE_SECONDS = page_cache
    html = get(client, "/", PORTAL)[1]
    assert "Sở Giao thông vận tải" in html
    agency = network["so-gtvt"]
    agency.name = "Sở Xây dựng và Giao thông"
    agency.save()
    html = get(client, "/", PORTAL)[1]
    assert "Sở Xây dựng và Giao thông" in html and "Sở Giao thông vận tải" not in html


def test_cached_fragments_save_the_directory_and_footer_queries(client, caches_on, network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches_on.PAGE_CACHE_SECONDS = 0

    def count():
        with CaptureQueriesContext(connection) as ctx:
            html = get(client, "/", PORTAL)[1]
        return len(ctx.captured_queries), html

    get(client, "/", PORTAL)  # Wagtail's site root paths, then the fragments are stored
    caches_on.FRAGMENT_CACHE_SECONDS = 0
    without, html_without = count()
    caches_on.FRAGMENT_CACHE_SECONDS = 3600
    get(client, "/", PORTAL)
    with_fragments, html_with = count()
    assert html_with == html_without
    # Warm, the route (site, locale, the live home and its view restrictions) with the site's settings
    # and agency comes from the route cache, and base.html's parts from the home's shell, which holds
    # the directory, the news, the footer, the menu and the language links (issue #18): no query left.
    assert without == 20
    assert with_fragments == 0


def test_a_sites_first_view_creating_its_default_settings_purges_nothing(client, caches_on, network):
    SiteSettings.objects.all().delete()
    get(client, "/", YTE)
    assert not SiteSettings.objects.filter(site=network["so-gtvt"].site).exists()
    get(client, "/", GTVT)  # Wagtail creates the settings row with its defaults
    assert SiteSettings.objects.filter(site=network["so-gtvt"].site).exists()
    assert get(client, "/", YTE)[0]["X-Page-Cache"] == "hit"
