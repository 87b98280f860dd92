"""The network as a citizen on a phone meets it."""


def test_portal_home_lists_agency_sites_and_passes_axe(live_network, page, axe_check):
    page.goto(live_network.url + "/")
    assert page.locator("h1").first.inner_text() == "Cổng thông tin điện tử tỉnh Hà Tĩnh"
    link = page.get_by_role("link", name="Sở Y tế")
    assert link.get_attribute("href") == live_network.site_url("so-y-te") + "/"
    axe_check(page, "portal home")
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Trang thông tin điện tử Sở Y tế"
    axe_check(page, "agency home")


def test_language_switcher_reaches_english_home(live_network, page):
    page.goto(live_network.site_url("so-y-te") + "/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Department of Health" in page.locator("h1").inner_text()
