"""The public search page, as a citizen's browser gets it (Django test client, real database)."""

import re

import pytest

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import LoggedQuery, QueryDay, ResultClick

from .conftest import build_procedure

PORTAL = "hatinh.localhost"
TRANSPORT = "sgtvt.hatinh.localhost"
DRIVING_LICENCE = "HT-GTVT-001"

RESULT_LINK_RE = re.compile(r'<li class="search-result[^"]*">\s*<h3><a href="([^"]+)">(.*?)</a></h3>', re.S)


def result_titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", title) for _url, title in RESULT_LINK_RE.findall(html)]


def test_driving_licence_is_first_in_the_html(client, sample_procedures):
    response = client.get("/search/", {"q": "doi giay phep lai xe"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    titles = result_titles(html)
    assert titles[0] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    # The words typed without diacritics are highlighted in the accented title.
    assert "<mark>Đổi</mark> <mark>giấy</mark> <mark>phép</mark> <mark>lái</mark> <mark>xe</mark>" in html
    assert "Sở Giao thông vận tải" in html


def test_agency_site_searches_its_agency_first_and_widens_in_one_click(client, sample_procedures):
    # "cấp" appears in procedures of several agencies.
    response = client.get("/search/", {"q": "cap"}, HTTP_HOST=TRANSPORT)
    html = response.content.decode()
    local = result_titles(html)
    assert local and all("Giao thông" in t or "lái xe" in t for t in local)
    widen = re.search(r'<p class="search-widen">\s*<a href="([^"]+)">', html)
    assert widen, "the widen link is missing"
    wide_html = client.get(widen.group(1).replace("&amp;", "&"), HTTP_HOST=TRANSPORT).content.decode()
    wide = result_titles(wide_html)
    assert len(wide) > len(local)
    assert "Cấp Chứng chỉ hành nghề dược" in wide


def test_page_shows_facets_with_counts_and_paginates(client, network, sample_procedures):
    gtvt = network["so-gtvt"]
    record = {
        "field": "Đường bộ",
        "level": 2,
        "methods": ["in_person"],
        "processing_time": "05 ngày làm việc",
        "fees": "Không",
        "steps": ["Nộp hồ sơ xin phép"],
        "result": "Giấy phép",
    }
    for n in range(12):
        build_procedure(gtvt, {**record, "code": f"T-{n:02d}", "name": f"Cấp phép khai thác mỏ đá số {n}"})
    first = client.get("/search/", {"q": "khai thac mo da"}, HTTP_HOST=PORTAL).content.decode()
    assert len(result_titles(first)) == 10
    assert 'Thủ tục hành chính <span class="facet-count">(12)</span>' in first
    assert 'rel="next"' in first
    second = client.get("/search/", {"q": "khai thac mo da", "page": 2}, HTTP_HOST=PORTAL).content.decode()
    assert len(result_titles(second)) == 2


def test_user_text_is_escaped_everywhere(client, network, sample_procedures):
    gtvt = network["so-gtvt"]
    build_procedure(
        gtvt,
        {
            "code": "X-1",
            "name": "Thủ tục <script>alert(1)</script> thử",
            "field": "Đường bộ",
            "level": 2,
            "methods": ["in_person"],
            "processing_time": "1 ngày",
            "fees": "Không",
            "steps": ['Bước <img src=x onerror="alert(2)"> một'],
            "result": "Kết quả",
        },
    )
    html = client.get("/search/", {"q": "thu tuc thu"}, HTTP_HOST=PORTAL).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    echoed = client.get("/search/", {"q": '"><script>alert(3)</script>'}, HTTP_HOST=PORTAL).content.decode()
    assert "<script>alert(3)" not in echoed
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in echoed


def test_promotions_show_above_results_for_any_spelling(client, sample_procedures):
    query = Query.get("đổi giấy phép lái xe")
    SearchPromotion.objects.create(
        query=query,
        page=sample_procedures["HT-YT-001"],
        description="Một trang được quản trị viên đề xuất",
        sort_order=0,
    )
    html = client.get("/search/", {"q": "DOI GIAY PHEP LAI XE"}, HTTP_HOST=PORTAL).content.decode()
    promo_at = html.index('class="search-promotions"')
    assert "Một trang được quản trị viên đề xuất" in html
    assert promo_at < html.index('class="result-list"')


def test_english_search_returns_english_pages_only(client, sample_procedures):
    # The importer publishes each procedure's English translation (name_en) too.
    html = client.get("/en/search/", {"q": "driving licence"}, HTTP_HOST=PORTAL).content.decode()
    assert result_titles(html) == ["Renewal of a driving licence issued by the transport sector"]
    assert "1 result for “driving licence” across the network." in html
    vietnamese = client.get("/search/", {"q": "driving licence"}, HTTP_HOST=PORTAL).content.decode()
    assert result_titles(vietnamese) == []
    english_vi_words = client.get("/en/search/", {"q": "doi giay phep lai xe"}, HTTP_HOST=PORTAL).content.decode()
    assert result_titles(english_vi_words) == []


def test_autocomplete_returns_procedure_names_as_json(client, sample_procedures):
    response = client.get("/search/autocomplete/", {"q": "doi giay ph"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["title"] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert data["results"][0]["url"].endswith(sample_procedures[DRIVING_LICENCE].url_path.split("/", 2)[2])
    assert client.get("/search/autocomplete/", {"q": "d"}, HTTP_HOST=PORTAL).json()["results"] == []


def test_searches_and_clicks_are_logged(client, sample_procedures):
    html = client.get("/search/", {"q": "Đổi GIẤY phép lái xe"}, HTTP_HOST=PORTAL).content.decode()
    client.get("/search/", {"q": "khong co gi 123456789"}, HTTP_HOST=PORTAL)
    logged = LoggedQuery.objects.get(normalized="doi giay phep lai xe")
    assert logged.text == "đổi giấy phép lái xe"
    assert logged.last_hits >= 1
    empty = LoggedQuery.objects.get(normalized="khong co gi #")
    assert QueryDay.objects.get(query=empty).zero_results == 1

    click_url = RESULT_LINK_RE.findall(html)[0][0].replace("&amp;", "&")
    response = client.get(click_url, HTTP_HOST=PORTAL)
    assert response.status_code == 302
    assert response["Location"].endswith(sample_procedures[DRIVING_LICENCE].url_path.split("/", 2)[2])
    assert QueryDay.objects.get(query=logged).clicks == 1
    assert ResultClick.objects.get(query=logged).page_id == sample_procedures[DRIVING_LICENCE].pk


@pytest.mark.parametrize(
    "params",
    [
        {"id": "999999", "q": "x"},
        {"id": "javascript:alert(1)"},
        {"id": "1", "next": "https://evil.example/"},
        {"url": "https://evil.example/"},
    ],
)
def test_click_endpoint_never_redirects_off_the_network(client, sample_procedures, params):
    response = client.get("/search/click/", params, HTTP_HOST=PORTAL)
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert response["Location"] in ("/search/",) or response["Location"].startswith(("/", "http://hatinh.localhost"))


def test_click_on_an_unpublished_page_goes_back_to_search(client, sample_procedures):
    page = sample_procedures[DRIVING_LICENCE]
    page.unpublish()
    response = client.get("/search/click/", {"id": page.pk, "q": "x"}, HTTP_HOST=PORTAL)
    assert response["Location"] == "/search/"


def test_search_page_query_budget(client, sample_procedures, django_assert_max_num_queries):
    client.get("/search/", {"q": "giay phep"}, HTTP_HOST=PORTAL)  # warm caches (site root paths)
    with django_assert_max_num_queries(30):
        response = client.get("/search/", {"q": "giay phep", "type": "procedure"}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
