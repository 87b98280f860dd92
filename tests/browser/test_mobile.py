"""A phone on a slow network: 360 px wide, few bytes, nothing from other hosts, images sized to the screen."""

from urllib.parse import urlsplit

import pytest

from tests.browser.key_pages import build_key_pages

BUDGET = 100 * 1024  # bytes of HTML + CSS + JS for a procedure page, images excluded


@pytest.fixture
def key_pages(live_network):
    return build_key_pages(live_network)


def test_no_horizontal_scrolling_at_360_px(key_pages, page):
    for name, url in key_pages.items():
        page.goto(url)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width} px wide at 360 px"
        # The header's controls stay on screen: brand, language switcher, search box and its button.
        for selector in (".brand", ".lang-switch a >> nth=1", "#site-search", ".search-box button"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{name}: {selector} off screen {box}"


def test_procedure_page_transfers_at_most_100_kb_without_images(key_pages, page):
    sizes = {}

    def record(response):
        if response.request.resource_type not in ("image", "media"):
            sizes[response.url] = (response.request.resource_type, len(response.body()))

    page.on("response", record)
    page.goto(key_pages["procedure"])
    page.wait_for_load_state("networkidle")
    total = sum(size for _kind, size in sizes.values())
    kinds = {kind for kind, _size in sizes.values()}
    assert {"document", "stylesheet", "script"} <= kinds, sizes
    assert total <= BUDGET, f"{total} bytes: {sizes}"
    print(f"\nprocedure page, uncompressed bytes without images: {total} in {len(sizes)} responses")  # noqa: T201


def test_nothing_is_requested_from_another_host(key_pages, page):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    for url in key_pages.values():
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert hosts and all(h == "localhost" or h.endswith(".localhost") for h in hosts), hosts


def test_article_images_are_renditions_with_srcset_and_lazy_loading(key_pages, page):
    page.goto(key_pages["news article"])
    body_images = page.locator("main .figure img")
    assert body_images.count() >= 1
    for i in range(body_images.count()):
        img = body_images.nth(i)
        assert "/images/" in img.get_attribute("src")  # a rendition, never the original upload
        srcset = img.get_attribute("srcset") or ""
        widths = [candidate.split()[-1] for candidate in srcset.split(",")]
        assert len(widths) >= 2 and all(w.endswith("w") for w in widths), srcset
        assert img.get_attribute("width") and img.get_attribute("height")  # no layout shift
    lazy = page.locator("main .rich-text ~ .figure img, main h2 ~ .figure img")
    assert lazy.count() >= 1 and all(lazy.nth(i).get_attribute("loading") == "lazy" for i in range(lazy.count()))
    # At 360 px the browser picks a small rendition, not the 1200 px one.
    chosen = page.evaluate("document.querySelector('main h2 ~ .figure img').currentSrc")
    assert "width-400" in chosen or "width-800" in chosen, chosen


def test_procedure_page_prints_content_only_with_link_addresses(key_pages, page):
    page.goto(key_pages["procedure"])
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    hidden = page.evaluate(
        """() => ['.site-header', '.breadcrumbs', '.site-footer .footer-links', '.skip-link']
             .map((s) => [s, getComputedStyle(document.querySelector(s)).display])"""
    )
    assert all(display == "none" for _s, display in hidden), hidden
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") != "none"
    after = page.evaluate(
        "getComputedStyle(document.querySelector('main a[href*=\"/documents/\"]'), '::after').content"
    )
    assert "http://" in after and "/documents/" in after, after
    rows = page.evaluate(
        "[...document.querySelectorAll('main tr, main li')].map((el) => getComputedStyle(el).breakInside)"
    )
    assert rows and set(rows) == {"avoid"}, set(rows)
