"""The portal home's weight: under 150 KB without images, under 400 KB with the first screen's images.

Four featured articles with photos from a camera (1600 × 900 JPEG), approved
for the portal, and the Decree 63 journey: the home as the demo shows it.
Bytes are the responses' bodies as Chromium received them (no compression
on the test server, so the real transfer is smaller).
"""

from __future__ import annotations

import pytest

from news.models import PortalFeature
from tests.browser.key_pages import build_news_article
from tests.front_door.conftest import build_birth_journey

WITHOUT_IMAGES = 150 * 1024
WITH_FIRST_SCREEN_IMAGES = 400 * 1024


@pytest.fixture
def portal_home(live_network):
    network = live_network.by_slug
    build_birth_journey(network)
    for n in range(4):
        article = build_news_article(network["so-y-te"])
        article.slug = f"{article.slug}-{n}"
        article.title = f"{article.title} ({n + 1})"
        article.save_revision().publish()
        PortalFeature.objects.create(article=article, status=PortalFeature.Status.APPROVED)
    return live_network.url + "/"


@pytest.mark.parametrize("width", [360, 1280])
def test_portal_home_weight(portal_home, page, width):
    page.set_viewport_size({"width": width, "height": 780 if width == 360 else 900})
    sizes: dict[str, tuple[str, int]] = {}

    def record(response):
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a lazy image whose request the browser dropped has no body
            return
        sizes[response.url] = (response.request.resource_type, len(body))

    page.on("response", record)
    page.goto(portal_home)
    page.wait_for_load_state("networkidle")
    images = page.locator(".featured-item img")
    assert images.count() == 4
    first = images.first
    assert first.get_attribute("loading") == "lazy" and first.get_attribute("width") and first.get_attribute("height")
    sources = page.locator(".featured-item picture source")
    assert {sources.nth(i).get_attribute("type") for i in range(sources.count())} >= {"image/avif", "image/webp"}
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.featured-item img').currentSrc !== ''")
    assert "avif" in page.evaluate("document.querySelector('.featured-item img').currentSrc")
    without = sum(size for kind, size in sizes.values() if kind not in ("image", "media"))
    total = sum(size for _kind, size in sizes.values())
    print(f"\nportal home at {width} px: {without} bytes without images, {total} with the images loaded")  # noqa: T201
    assert without < WITHOUT_IMAGES, sizes
    assert total < WITH_FIRST_SCREEN_IMAGES, sizes
