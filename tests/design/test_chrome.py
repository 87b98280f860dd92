"""The shared chrome (templates/base.html) on every site: identity, landmarks, footer, errors."""

import re

import pytest

from django.db import connection
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from core.colors import DEFAULT_ACCENT
from core.models import FooterLink, SiteSettings
from home.models import StandardPage

PORTAL = "hatinh.localhost"
HEALTH = "soyte.hatinh.localhost"


def get(client, host, path="/"):
    return client.get(path, HTTP_HOST=host)


def count_queries(fn):
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        result = fn()
    return count, result


def settings_for(agency):
    return SiteSettings.for_site(agency.site)


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.mark.django_db
def test_agency_home_has_landmarks_identity_and_footer(client, network):
    s = settings_for(network["so-y-te"])
    s.accent_color = "#0b5e3a"
    s.address = "71 Hải Thượng Lãn Ông, TP Hà Tĩnh"
    s.hotline = "0239 3855 123"
    s.email = "soyte@hatinh.gov.vn"
    s.save()
    FooterLink.objects.create(setting=s, title="Bộ Y tế", title_en="Ministry of Health", url="https://moh.gov.vn/")

    html = get(client, HEALTH).content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert html.count("<header") == 1 and html.count("<footer") == 1
    assert 'role="search"' in html and '<label for="site-search"' in html
    assert '<span class="brand-name">Sở Y tế</span>' in html
    assert ":root{--accent:#0b5e3a}" in html
    assert "71 Hải Thượng Lãn Ông, TP Hà Tĩnh" in html
    assert 'href="tel:02393855123"' in html
    assert 'href="mailto:soyte@hatinh.gov.vn"' in html
    assert 'href="https://dichvucong.gov.vn/"' in html
    assert 'href="https://moh.gov.vn/">Bộ Y tế</a>' in html
    # The network directory: the portal home's directory section, on the portal's host.
    assert 'href="http://hatinh.localhost/#directory-heading"' in html
    assert 'hreflang="en"' in html


@pytest.mark.django_db
def test_directory_anchor_of_the_footer_exists_on_the_portal_home(client, network):
    html = get(client, PORTAL).content.decode()
    assert 'href="/#directory-heading"' in html
    assert 'id="directory-heading"' in html


@pytest.mark.django_db
def test_english_chrome_is_translated(client, network):
    html = get(client, HEALTH, "/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert '<span class="brand-name">Department of Health</span>' in html
    assert "National Public Service Portal" in html
    assert 'href="http://hatinh.localhost/en/#directory-heading"' in html
    assert 'action="/en/search/"' in html


@pytest.mark.django_db
def test_an_unreadable_accent_stored_without_validation_never_reaches_the_page(client, network):
    """Values are validated on save in the admin; the template still refuses anything else."""
    s = settings_for(network["so-y-te"])
    SiteSettings.objects.filter(pk=s.pk).update(accent_color="#ffe600")  # white text: 1.2:1
    assert f":root{{--accent:{DEFAULT_ACCENT}}}" in get(client, HEALTH).content.decode()
    SiteSettings.objects.filter(pk=s.pk).update(accent_color="red}*{}")  # CSS injection attempt
    html = get(client, HEALTH).content.decode()
    assert "red}*{}" not in html and f":root{{--accent:{DEFAULT_ACCENT}}}" in html


@pytest.mark.django_db
def test_breadcrumbs_and_menu_on_a_nested_page(client, network):
    home = network["so-y-te"].home_page.specific
    about = home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True))
    org = about.add_child(instance=StandardPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))

    html = get(client, HEALTH, org.url_path[len(home.url_path) - 1 :]).content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r"<li>(.*?)</li>", crumbs) == [
        '<a href="/">Trang chủ</a>',
        '<a href="/gioi-thieu/">Giới thiệu</a>',
        '<span aria-current="page">Cơ cấu tổ chức</span>',
    ]
    menu = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/gioi-thieu/" aria-current="page">Giới thiệu</a>' in menu


@pytest.mark.django_db
def test_chrome_query_count_does_not_grow_with_menu_and_footer(client, network):
    """Menu items, footer links and breadcrumbs cost one query each, whatever their number."""
    home = network["so-y-te"].home_page.specific
    section = home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True))
    leaf = section.add_child(instance=StandardPage(title="Lãnh đạo", slug="lanh-dao"))
    s = settings_for(network["so-y-te"])
    FooterLink.objects.create(setting=s, title="Bộ Y tế", url="https://moh.gov.vn/")
    get(client, HEALTH, "/gioi-thieu/lanh-dao/")  # warm Wagtail's site-root cache like a running server
    small, _ = count_queries(lambda: get(client, HEALTH, "/gioi-thieu/lanh-dao/"))

    for i in range(12):
        home.add_child(instance=StandardPage(title=f"Chuyên mục {i}", slug=f"chuyen-muc-{i}", show_in_menus=True))
        FooterLink.objects.create(setting=s, title=f"Liên kết {i}", url=f"https://example.gov.vn/{i}")
    get(client, HEALTH, "/gioi-thieu/lanh-dao/")
    large, response = count_queries(lambda: get(client, HEALTH, "/gioi-thieu/lanh-dao/"))
    assert large == small
    html = response.content.decode()
    assert html.count('href="https://example.gov.vn/') == 12
    assert "Chuyên mục 11" in html and leaf.title in html


@pytest.mark.django_db
def test_404_is_rendered_in_the_sites_chrome_and_the_requests_language(client, network):
    response = get(client, HEALTH, "/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert '<span class="brand-name">Sở Y tế</span>' in html

    response = get(client, HEALTH, "/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert '<span class="brand-name">Department of Health</span>' in html
    assert '<a href="/en/">go to the home page</a>' in html


@pytest.mark.django_db
def test_500_page_needs_no_database_and_follows_the_language(django_assert_num_queries):
    request = RequestFactory().get("/en/")
    with django_assert_num_queries(0), translation.override("en"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in html and "<h1>Something went wrong</h1>" in html
    assert 'href="https://dichvucong.gov.vn/"' in html and 'href="/en/"' in html
    with translation.override("vi"):
        assert "<h1>Hệ thống đang gặp sự cố</h1>" in server_error(RequestFactory().get("/")).content.decode()
