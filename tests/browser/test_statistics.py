"""The statistics page (“Tình hình giải quyết hồ sơ”) and the rating form in a real browser, checked with axe.

On the portal (whole network, ranking) and on an agency site (its own), at
360 px and 1280 px: no serious or critical axe violation, no sideways scroll,
both charts drawn as SVG with a text alternative, and the CSP (strict on
public pages) reports nothing.
"""

from __future__ import annotations

import pytest

from django.core.cache import cache

from tests.accountability.conftest import build_dossiers

FEB = "/tinh-hinh-giai-quyet-ho-so/?from=2026-02-01&to=2026-02-28"


@pytest.fixture
def dossiers(live_network):
    cache.clear()
    return build_dossiers()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(("slug", "received", "charts"), [("ha-tinh", "11", 2), ("so-y-te", "9", 1)])
def test_statistics_page(live_network, dossiers, page, axe_check, width, slug, received, charts):
    page.set_viewport_size({"width": width, "height": 900})
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_network.site_url(slug) + FEB)
    assert page.locator('[data-figure="received"]').inner_text() == received
    svgs = page.locator("svg[role=img]")
    assert svgs.count() == charts
    for i in range(charts):
        label = svgs.nth(i).get_attribute("aria-labelledby").split()
        assert all(page.locator(f"#{part}").count() == 1 for part in label)
        assert svgs.nth(i).bounding_box()["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page, f"statistics on {slug} at {width} px")
    assert not csp_errors, csp_errors


def test_period_links_and_english(live_network, dossiers, page, axe_check):
    page.goto(live_network.site_url("ha-tinh") + "/tinh-hinh-giai-quyet-ho-so/")
    page.get_by_role("link", name="Năm nay").click()
    page.wait_for_load_state()
    assert "period=year" in page.url
    page.goto(live_network.site_url("ha-tinh") + "/en" + FEB)
    assert page.get_by_role("heading", name="Dossier processing results").count() == 1
    axe_check(page, "statistics in English at 360 px")


def test_rating_form_on_a_phone(live_network, dossiers, page, axe_check):
    page.goto(live_network.site_url("so-gtvt") + "/danh-gia-ho-so/")
    axe_check(page, "rating form at 360 px")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    axe_check(page, "rating form with errors at 360 px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
