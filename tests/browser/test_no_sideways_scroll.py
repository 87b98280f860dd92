"""No public page scrolls sideways on a 360 px phone: the whole document's width, every page type.

Measured as ``document.documentElement.scrollWidth`` in Chromium, which counts
anything that sticks out (a wide table, a long unbroken word, a fixed-width
box), not only what the eye notices.
"""

from __future__ import annotations

import datetime

import pytest

from sections import factories as f
from sections.models import Leader, OrganisationPage
from tests.front_door.conftest import build_birth_journey
from tests.performance.test_query_budgets import build_small_network

WIDTH = 360


@pytest.fixture
def every_page_type(live_network):
    pages, parts = build_small_network(live_network.by_slug)
    # What made pages too wide before: a leader's long e-mail address (the organisation page), and a
    # document's download link whose visually-hidden text sat outside the table's scroller (the library).
    organisation = OrganisationPage.objects.get(slug="co-cau-to-chuc", agency=live_network.by_slug["so-y-te"])
    Leader.objects.create(
        page=organisation,
        name="Trần Văn Long",
        position="Giám đốc",
        phone="0239 3855 009",
        email="long.soyte@hatinh.gov.vn",
    )
    f.legal_document(
        parts["library"],
        number="08/2024/NQ-HĐND",
        doc_type=parts["kinds"][0],
        doc_issuer=parts["issuers"][0],
        issued=datetime.date(2024, 7, 17),
        summary="Nghị quyết quy định mức thu phí, lệ phí trên địa bàn tỉnh Hà Tĩnh",
        file=f.text_document("Nghị quyết 08/2024/NQ-HĐND", "Nội dung nghị quyết."),
    )
    journey = build_birth_journey(live_network.by_slug)
    port = live_network.url.rsplit(":", 1)[1]
    addresses = {
        name: f"http://{host}:{port}{path}" + (f"?{query}" if query else "")
        for name, (host, path, query) in pages.items()
    }
    portal = live_network.site_url("ha-tinh")
    addresses["journeys"] = portal + journey["index"].get_url_parts()[2]
    addresses["journey"] = portal + journey["journey"].get_url_parts()[2]
    addresses["feedback form"] = (
        live_network.site_url("so-y-te") + f"/y-kien-ve-trang/?page={journey['birth'].pk}&helpful=no"
    )
    addresses["404"] = live_network.site_url("so-y-te") + "/khong-co-trang-nay/"
    addresses["portal home, English"] = portal + "/en/"
    return addresses


def test_no_public_page_type_is_wider_than_a_360_px_phone(every_page_type, page):
    page.set_viewport_size({"width": WIDTH, "height": 780})
    wide = {}
    for name, url in every_page_type.items():
        page.goto(url)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide[name] = width
    assert not wide, f"pages wider than {WIDTH} px: {wide}"
