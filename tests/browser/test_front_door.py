"""The front door, as a citizen on a phone meets it, and the editor who reads the answers.

1. From the portal home to the pharmacy online form in three taps.
2. The Decree 63 birth journey, step by step.
3. A network emergency alert published one second earlier, with the page cache on.
4. A “no” on a procedure page, read by the agency's editor in the admin.
Every new page passes axe (no serious or critical violation) at 360 and 1280 px.
"""

from __future__ import annotations

import datetime
import re
import time

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from alerts.models import Alert
from feedback.models import PageFeedback
from online_services.factories import make_procedure, make_service_page
from tests.front_door.conftest import build_birth_journey


@pytest.fixture
def front_door(live_network):
    cache.clear()
    network = live_network.by_slug
    pharmacy = make_procedure(network["so-y-te"], code="HT-YT-001", title="Cấp Chứng chỉ hành nghề dược", level=3)
    form = make_service_page(pharmacy)
    journey = build_birth_journey(network)
    return {**journey, "pharmacy": pharmacy, "form": form}  # the pharmacy's form, not the birth journey's


def path_of(page) -> str:
    return page.get_url_parts()[2]


def test_a_phone_reaches_the_pharmacy_online_form_in_three_taps(live_network, front_door, page, axe_check):
    page.goto(live_network.url + "/")
    axe_check(page, "portal home at 360 px")
    page.get_by_role("link", name=re.compile("Nộp hồ sơ trực tuyến")).first.click()  # tap 1
    page.get_by_role("link", name="Cấp Chứng chỉ hành nghề dược").first.click()  # tap 2
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").first.click()  # tap 3
    page.wait_for_url(re.compile(re.escape(path_of(front_door["form"])) + "$"))
    assert page.locator("form").count() >= 1


def test_a_citizen_follows_the_birth_journey_step_by_step(live_network, front_door, page, axe_check):
    page.goto(live_network.url + "/")
    page.get_by_role("link", name="Khai sinh cho trẻ dưới 6 tuổi").click()
    page.wait_for_load_state()
    axe_check(page, "journey at 360 px")
    steps = page.locator(".journey-step")
    assert steps.count() == 3
    assert "Bước 1" in steps.nth(0).inner_text() and "Đăng ký khai sinh" in steps.nth(0).inner_text()
    assert "Sở Y tế" in steps.nth(0).inner_text() and "Sở Giao thông vận tải" in steps.nth(1).inner_text()
    # Step 1 has an online form; the procedure page of step 2 says where it stands in the journey.
    assert steps.nth(0).get_by_role("link", name=re.compile("Nộp hồ sơ trực tuyến")).count() == 1
    steps.nth(1).get_by_role("link", name=re.compile("Xem thủ tục")).click()
    page.wait_for_load_state()
    assert "Bước 2 của:" in page.locator(".journey-membership").inner_text()
    page.get_by_role("link", name="Khai sinh cho trẻ dưới 6 tuổi").click()
    page.wait_for_load_state()
    page.locator("#buoc-3").get_by_role("link", name=re.compile("Xem thủ tục")).click()
    page.wait_for_load_state()
    assert "Bước 3 của:" in page.locator(".journey-membership").inner_text()
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page, "procedure with its journey at 1280 px")


def test_a_network_emergency_alert_published_a_second_ago_shows_through_the_page_cache(
    live_network, front_door, page, settings, axe_check
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    for _ in range(2):  # the second visit is a page-cache hit
        response = page.goto(live_network.site_url("so-gtvt") + "/")
    assert response.headers.get("x-page-cache") == "hit"
    Alert.objects.create(
        title="Bão số 3 đổ bộ vào Hà Tĩnh",
        message="Người dân không ra khỏi nhà từ 18 giờ hôm nay.",
        level=Alert.Level.EMERGENCY,
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=12),
    )
    time.sleep(1)
    for site in ("so-gtvt", "ha-tinh", "so-y-te"):
        page.goto(live_network.site_url(site) + "/")
        banner = page.locator(".alert-emergency")
        assert banner.is_visible(), site
        assert "Bão số 3 đổ bộ vào Hà Tĩnh" in banner.inner_text()
        assert banner.locator("[data-alert-dismiss]").count() == 0  # an emergency cannot be dismissed
    axe_check(page, "emergency alert at 360 px")
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page, "emergency alert at 1280 px")


def test_a_dismissed_warning_stays_hidden_without_a_cookie(live_network, front_door, page):
    Alert.objects.create(
        title="Lịch nghỉ lễ",
        message="Bộ phận Một cửa nghỉ ngày 2/9.",
        level=Alert.Level.WARNING,
        starts_at=timezone.now() - datetime.timedelta(minutes=1),
        ends_at=timezone.now() + datetime.timedelta(hours=2),
    )
    page.goto(live_network.url + "/")
    page.get_by_role("button", name=re.compile("Ẩn thông báo")).click()
    assert not page.locator(".alert-warning").is_visible()
    page.reload()
    assert not page.locator(".alert-warning").is_visible()
    assert not page.context.cookies()


def test_a_no_on_a_procedure_page_reaches_the_agency_editor(live_network, front_door, page, browser, axe_check):
    page.goto(live_network.site_url("so-y-te") + path_of(front_door["pharmacy"]))
    page.get_by_role("button", name="Không", exact=True).click()
    page.get_by_label("Nội dung khó hiểu").check()
    page.get_by_label("Góp ý thêm (không bắt buộc)").fill("Không rõ cần bản sao hay bản chính.")
    axe_check(page, "feedback form in place at 360 px")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_text("Cảm ơn bạn đã góp ý").wait_for()
    saved = PageFeedback.objects.get()
    assert saved.helpful is False and saved.page_id == front_door["pharmacy"].pk

    editor = get_user_model().objects.create_user(username="bientap.soyte", password="editor-pw-123")
    editor.groups.add(live_network.by_slug["so-y-te"].editors_group)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = context.new_page()
    admin.goto(live_network.url + "/admin/login/")
    admin.fill("input[name=username]", "bientap.soyte")
    admin.fill("input[name=password]", "editor-pw-123")
    admin.click("button[type=submit]")
    admin.wait_for_url(re.compile(r".*/admin/$"))
    admin.goto(live_network.url + "/admin/y-kien-ve-trang/")
    row = admin.locator("[data-feedback-report] tbody tr").first
    assert "Cấp Chứng chỉ hành nghề dược" in row.inner_text()
    assert row.locator("[data-no]").inner_text() == "1"
    row.get_by_role("link").first.click()
    assert "Không rõ cần bản sao hay bản chính." in admin.locator("[data-answer]").first.inner_text()
    context.close()


def test_the_feedback_form_works_without_javascript(live_network, front_door, browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_network.site_url("so-y-te") + path_of(front_door["pharmacy"]))
    page.get_by_role("button", name="Không", exact=True).click()
    page.get_by_label("Thông tin đã cũ hoặc sai").check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "Cảm ơn bạn đã góp ý" in page.locator("main").inner_text()
    assert PageFeedback.objects.get().reasons == "outdated"
    context.close()


def test_new_pages_pass_axe_at_1280_px(live_network, front_door, page, axe_check):
    page.set_viewport_size({"width": 1280, "height": 900})
    portal = live_network.url
    for name, url in {
        "portal home": portal + "/",
        "agency home": live_network.site_url("so-y-te") + "/",
        "journeys": portal + path_of(front_door["index"]),
        "journey": portal + path_of(front_door["journey"]),
        "feedback form": live_network.site_url("so-y-te")
        + f"/y-kien-ve-trang/?page={front_door['pharmacy'].pk}&helpful=no",
    }.items():
        page.goto(url)
        axe_check(page, f"{name} at 1280 px")
    page.set_viewport_size({"width": 360, "height": 780})
    for url in (live_network.site_url("so-y-te") + "/", portal + path_of(front_door["index"])):
        page.goto(url)
        axe_check(page, f"{url} at 360 px")
