"""The screenshots of the editor's guide (docs/huong-dan/anh/), taken in the demo's admin.

``make screenshots`` calls :func:`shoot` once the demo is loaded and served
(scripts/screenshots.py). Standalone, against a demo already served on a
port, with the same database settings in the environment::

    DJANGO_SETTINGS_MODULE=config.settings.dev DATABASE_URL=… \\
        .venv/bin/python scripts/guide_screenshots.py http://127.0.0.1:8000

The editor (``bientap.soyte``) writes a news article and sends it to
moderation on the way, so the moderator's dashboard has something waiting.
A screen that cannot be reached in the demo is named and skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "huong-dan" / "anh"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 860}
ARTICLE = "Sở Y tế hướng dẫn phòng chống sốt xuất huyết mùa mưa"


def demo_targets() -> dict:
    """Ids of what the guide shows, from the demo data."""
    from django.apps import apps

    from wagtail.models import Page

    from sites.models import Agency

    health = Agency.objects.get(slug="so-y-te")
    home = Page.objects.get(pk=health.home_page_id)
    targets = {"home": home.pk}
    news_index = apps.get_model("news", "NewsIndexPage").objects.filter(agency=health, locale=home.locale).first()
    if news_index:
        targets["news_index"] = news_index.pk
    procedure = apps.get_model("procedures", "ProcedurePage").objects.filter(agency=health, locale=home.locale)
    procedure = procedure.order_by("path").first()
    if procedure:
        targets["procedure"] = procedure.pk
    article = apps.get_model("news", "NewsArticlePage").objects.filter(agency=health, locale=home.locale).first()
    if article:
        targets["article"] = article.pk
    question = apps.get_model("sections", "Question").objects.filter(agency=health).order_by("pk").first()
    if question:
        targets["question"] = question.pk
    with contextlib.suppress(LookupError):
        dossier = apps.get_model("online_services", "Dossier").objects.filter(agency=health).order_by("pk").first()
        if dossier:
            targets["dossier"] = dossier.pk
    return targets


def shoot(base: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    from django.urls import reverse

    from demo.network import DEMO_PASSWORD

    targets = demo_targets()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM, between Playwright's calls
    written, skipped = [], []
    OUT.mkdir(parents=True, exist_ok=True)

    def save(page, name: str):
        page.wait_for_load_state("networkidle")
        path = OUT / f"{name}.png"
        page.screenshot(path=str(path))
        written.append(str(path.relative_to(ROOT)))

    def attempt(name: str, steps):
        try:
            steps()
        except Exception as exc:  # noqa: BLE001 - a screen missing from the demo is reported, not fatal
            skipped.append(f"{name}: {str(exc).splitlines()[0][:120]}")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])

        def session(username: str | None):
            context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(20000)
            if username:
                page.goto(f"{base}/admin/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", DEMO_PASSWORD)
                page.get_by_role("button", name="Đăng nhập").click()
                page.wait_for_url(re.compile(r"/admin/$"))
            return context, page

        context, page = session(None)
        attempt("dang-nhap", lambda: (page.goto(f"{base}/admin/login/"), save(page, "dang-nhap")))
        context.close()

        context, page = session("bientap.soyte")
        attempt("bang-dieu-khien", lambda: save(page, "bang-dieu-khien"))
        attempt("cay-trang", lambda: (page.goto(f"{base}/admin/pages/{targets['home']}/"), save(page, "cay-trang")))

        def write_article():
            page.goto(f"{base}/admin/pages/add/news/newsarticlepage/{targets['news_index']}/")
            page.fill("#id_title", ARTICLE)
            page.fill("#id_lead", "Người dân cần loại bỏ nơi muỗi đẻ trứng quanh nhà, ít nhất mỗi tuần một lần.")
            page.get_by_role("button", name="Chèn khối").first.click()
            page.get_by_role("option", name="Đoạn văn").first.click()
            editor = page.locator("[contenteditable='true']").first
            editor.click()
            editor.type("Trạm y tế xã, phường phát miễn phí thuốc diệt lăng quăng cho các hộ gia đình.")
            with contextlib.suppress(Exception):
                page.wait_for_url(re.compile(r"/edit/$"), timeout=10000)
            save(page, "tin-soan-thao")
            page.get_by_role("button", name="Thao tác khác").first.click()
            page.get_by_role("button", name=re.compile(r"^Gửi kiểm duyệt")).wait_for()
            save(page, "tin-gui-kiem-duyet")
            page.get_by_role("button", name=re.compile(r"^Gửi kiểm duyệt")).click()
            page.wait_for_load_state("networkidle")
            save(page, "tin-da-gui")

        attempt("tin-soan-thao", write_article)
        attempt(
            "thu-tuc",
            lambda: (page.goto(f"{base}/admin/pages/{targets['procedure']}/edit/"), save(page, "thu-tuc")),
        )
        attempt("tai-lieu", lambda: (page.goto(f"{base}/admin/documents/multiple/add/"), save(page, "tai-lieu")))

        def translate():
            from django.apps import apps

            # The article just written has no English yet, so the form offers English.
            written = apps.get_model("news", "NewsArticlePage").objects.filter(title=ARTICLE).first()
            page_id = written.pk if written else targets["article"]
            page.goto(base + reverse("wagtail_localize:submit_page_translation", args=[page_id]))
            save(page, "dich-trang")

        attempt("dich-trang", translate)
        attempt("hoi-dap", lambda: (page.goto(f"{base}/admin/questions/"), save(page, "hoi-dap")))
        attempt(
            "hoi-dap-tra-loi",
            lambda: (page.goto(f"{base}/admin/questions/edit/{targets['question']}/"), save(page, "hoi-dap-tra-loi")),
        )
        attempt("tro-giup", lambda: (page.goto(f"{base}/admin/huong-dan/"), save(page, "tro-giup")))
        context.close()

        context, page = session("kiemduyet.soyte")

        def awaiting_review():
            page.get_by_text("Chờ bạn duyệt").first.scroll_into_view_if_needed()
            save(page, "kiem-duyet")

        attempt("kiem-duyet", awaiting_review)
        context.close()

        context, page = session("motcua.soyte")
        attempt("ho-so", lambda: (page.goto(f"{base}/admin/ho-so/"), save(page, "ho-so")))
        attempt(
            "ho-so-chi-tiet",
            lambda: (page.goto(f"{base}/admin/ho-so/{targets['dossier']}/"), save(page, "ho-so-chi-tiet")),
        )
        context.close()
        browser.close()
    for message in skipped:
        print(f"  guide screenshot skipped: {message}")
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    for path in shoot(sys.argv[1].rstrip("/")):
        print(path)
