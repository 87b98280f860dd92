"""Search as a citizen on a phone does it: from an agency site's header box, then widened to the network."""

import json

from sites.models import Agency
from tests.search.conftest import DATA, build_procedure


def load_sample(codes):
    records = {r["code"]: r for r in json.loads((DATA / "procedures-sample.json").read_text(encoding="utf-8"))}
    agencies = {a.slug: a for a in Agency.objects.select_related("home_page")}
    return {code: build_procedure(agencies[records[code]["agency"]], records[code]) for code in codes}


def result_titles(page):
    return [title.strip() for title in page.locator(".result-list h3 a").all_inner_texts()]


def test_search_from_an_agency_site_then_widen_to_the_network(live_network, page, axe_check):
    load_sample(["HT-GTVT-001", "HT-YT-001"])
    page.goto(live_network.site_url("so-gtvt") + "/")
    box = page.locator("header input[name=q]")
    box.fill("cap")
    box.press("Enter")
    page.wait_for_url("**/search/?q=cap")
    assert page.locator("h1").inner_text() == "Kết quả tìm kiếm"
    assert result_titles(page) == ["Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"]
    assert "Sở Giao thông vận tải" in page.locator(".search-summary").inner_text()
    axe_check(page, "agency search results")

    page.locator(".search-widen a").click()
    page.wait_for_load_state()
    titles = result_titles(page)
    assert "Cấp Chứng chỉ hành nghề dược" in titles
    assert "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp" in titles
    assert "toàn hệ thống" in page.locator(".search-summary").inner_text()
    axe_check(page, "network search results")

    # A facet link narrows to one agency; the result link leads to the procedure on its own site.
    page.locator(".search-facet a", has_text="Sở Y tế").click()
    page.wait_for_load_state()
    assert result_titles(page) == ["Cấp Chứng chỉ hành nghề dược"]
    page.locator(".result-list h3 a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(live_network.site_url("so-y-te"))
    assert page.locator("h1").first.inner_text() == "Cấp Chứng chỉ hành nghề dược"


def test_search_page_suggests_procedures_while_typing(live_network, page):
    load_sample(["HT-GTVT-001"])
    page.goto(live_network.url + "/search/")
    box = page.locator("#search-page-q")
    box.press_sequentially("doi giay ph", delay=30)
    option = page.get_by_role("option", name="Đổi giấy phép lái xe do ngành Giao thông vận tải cấp")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
