"""Acceptance of #19 in a browser: the Sở Y tế editor's admin counts their own pages, and a news
article goes through moderation to publication with only Vietnamese on every screen, the
JavaScript-rendered parts (sidebar, action menus, dialogs) included."""

from __future__ import annotations

import contextlib
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from django.contrib.auth import get_user_model

from wagtail.models import Page

from news.models import NewsArticlePage
from tests.admin.visible_text import untranslated
from tests.news.news_fixtures import news_index_for

TITLE = "Sở Y tế phát động chiến dịch tiêm chủng mùa hè"


def staff(agency, role: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="mat-khau-2026", first_name="Lan")
    user.groups.add(getattr(agency, f"{role}_group"))
    return user


def log_in(page, base: str, username: str):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def only_vietnamese(page, seen: list[str]):
    page.wait_for_load_state("networkidle")
    english = untranslated(page.content())
    assert not english, f"English on {page.url}: {english}"
    seen.append(page.url)


def test_editor_publishes_news_through_moderation_in_vietnamese(live_network, page):
    agency = live_network.by_slug["so-y-te"]
    index = news_index_for(agency)
    staff(agency, "editors", "bientap.soyte")
    staff(agency, "moderators", "kiemduyet.soyte")
    home = Page.objects.get(pk=agency.home_page_id)
    own = Page.objects.descendant_of(home, inclusive=True).count()
    network_total = Page.objects.filter(depth__gt=1).count()
    assert own < network_total
    base = live_network.url
    page.set_viewport_size({"width": 1280, "height": 900})
    seen: list[str] = []

    # The editor's dashboard counts their site's pages, not the network's.
    log_in(page, base, "bientap.soyte")
    summary = page.locator(".w-summary__list").inner_text()
    assert f"{own} trang" in summary and f"{network_total} trang" not in summary
    only_vietnamese(page, seen)

    # The explorer opens on the agency's home, not on "Root".
    page.goto(f"{base}/admin/pages/")
    assert page.url.endswith(f"/admin/pages/{home.pk}/")
    only_vietnamese(page, seen)

    # A news article, written and sent to moderation.
    page.goto(f"{base}/admin/pages/add/news/newsarticlepage/{index.pk}/")
    only_vietnamese(page, seen)
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Chiến dịch kéo dài đến hết tháng 8 tại 13 huyện, thị xã.")
    page.get_by_role("button", name="Chèn khối").first.click()
    only_vietnamese(page, seen)  # the block chooser, rendered by JavaScript
    page.get_by_role("option", name="Đoạn văn").first.click()
    editor = page.locator("[contenteditable='true']").first
    editor.click()
    editor.type("Trẻ em dưới 5 tuổi được tiêm miễn phí tại trạm y tế xã, phường.")
    # Wagtail 8 autosaves the new page as a draft and moves to its edit view: wait for it, so that
    # the submission below does not race the autosave.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_url(re.compile(r"/edit/$"), timeout=10000)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Thao tác khác").first.click()
    submit = page.get_by_role("button", name=re.compile(r"^Gửi kiểm duyệt"))
    only_vietnamese(page, seen)  # the opened action menu
    submit.click()
    page.wait_for_load_state("networkidle")
    article = NewsArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.workflow_in_progress, page.locator(".messages").inner_text()
    only_vietnamese(page, seen)
    page.context.clear_cookies()  # log out (Django logs out on POST only)

    # The moderator approves it from the dashboard's "Chờ bạn duyệt".
    log_in(page, base, "kiemduyet.soyte")
    panel = page.locator("#workflow-objects-to-moderate, section:has-text('Chờ bạn duyệt')").first
    assert TITLE in panel.inner_text()
    only_vietnamese(page, seen)
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    only_vietnamese(page, seen)
    page.get_by_role("button", name="Thao tác khác").first.click()
    page.get_by_role("button", name="Duyệt và xuất bản", exact=True).click()
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.live, "the moderator's approval publishes the article"
    only_vietnamese(page, seen)
    assert len(seen) >= 7
