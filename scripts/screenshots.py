"""``make screenshots``: the key pages of the demo network at 360 px and 1280 px, into docs/screenshots/,
and the admin screens of the editor's guide into docs/huong-dan/anh/ (scripts/guide_screenshots.py).

Starts from nothing: a throw-away SQLite database and media folder, ``migrate``
and ``load_demo``, then ``runserver`` on a free port, then Debian's Chromium
through Playwright. A page type that does not exist (yet) in the demo is
skipped and named at the end; the script fails only if no page could be shot.
``SCREENSHOTS_ONLY=portal-home,agency-home`` shoots only those pages (the others keep their files).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORTS = {360: {"width": 360, "height": 780}, 1280: {"width": 1280, "height": 900}}
MAX_HEIGHT = {360: 2400, 1280: 1800}  # long pages are cut: the top is what the README needs
KEY_PAGES = [
    ("portal-home", "Trang chủ cổng tỉnh (portal home)"),
    ("agency-home", "Trang chủ Sở Y tế (agency home)"),
    ("catalogue", "Danh mục thủ tục hành chính (catalogue)"),
    ("procedure", "Thủ tục hành chính (procedure page)"),
    ("online-form", "Nộp hồ sơ trực tuyến (level-3 form)"),
    ("search", "Kết quả tìm kiếm (search results)"),
    ("news-article", "Tin tức (news article)"),
    ("statistics-portal", "Tình hình giải quyết hồ sơ – toàn tỉnh (dossier statistics, portal)"),
    ("statistics-agency", "Tình hình giải quyết hồ sơ – Sở Y tế (dossier statistics, agency)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_environment(tmp: Path, port: int) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private_media"),
        "SITE_PORT": str(port),
        "PORT": str(port),
    }
    os.environ.update(env)
    return {**os.environ, **env}


def find_pages(port: int) -> tuple[dict[str, str], list[str]]:
    """Addresses of the key pages in the demo data; the names of those that do not exist."""
    from django.urls import NoReverseMatch, reverse

    from wagtail.models import Locale

    from sites.models import Agency

    vi = Locale.objects.get(language_code="vi")
    urls: dict[str, str] = {}
    portal = Agency.objects.filter(kind=Agency.Kind.PROVINCE, site__isnull=False).first()
    health = Agency.objects.filter(slug="so-y-te", site__isnull=False).first() or (
        Agency.objects.filter(kind=Agency.Kind.DEPARTMENT, site__isnull=False).order_by("name").first()
    )

    def url_of(page):
        site_id, _root, path = page.get_url_parts()
        from wagtail.models import Site

        return f"http://{Site.objects.get(pk=site_id).hostname}:{port}{path}"

    if portal:
        urls["portal-home"] = f"http://{portal.hostname}:{port}/"
    if health:
        urls["agency-home"] = f"http://{health.hostname}:{port}/"

    try:
        from procedures.models import ProcedureIndexPage, ProcedurePage
    except ImportError:
        ProcedureIndexPage = ProcedurePage = None  # noqa: N806
    if ProcedureIndexPage is not None and portal:
        catalogue = ProcedureIndexPage.objects.live().filter(locale=vi, agency=portal).first()
        if catalogue:
            urls["catalogue"] = url_of(catalogue)

    try:
        from online_services.models import OnlineServicePage
    except ImportError:
        OnlineServicePage = None  # noqa: N806
    form = None
    if OnlineServicePage is not None:
        forms = OnlineServicePage.objects.live().filter(locale=vi).order_by("path")
        form = forms.filter(title__icontains="lái xe").first() or forms.first()
        form = form or next((f for f in forms if "lai-xe" in f.url_path), None)
        if form:
            urls["online-form"] = url_of(form)
    if ProcedurePage is not None:
        procedure = form.get_parent().specific if form else None
        procedure = procedure or ProcedurePage.objects.live().filter(locale=vi).order_by("path").first()
        if procedure:
            urls["procedure"] = url_of(procedure)

    try:
        search_path = reverse("portal_search:search")
    except NoReverseMatch:
        search_path = None
    if search_path and portal:
        urls["search"] = f"http://{portal.hostname}:{port}{search_path}?q=doi+giay+phep+lai+xe"

    try:
        from news.models import NewsArticlePage
    except ImportError:
        NewsArticlePage = None  # noqa: N806
    if NewsArticlePage is not None:
        article = (
            NewsArticlePage.objects.live().filter(locale=vi).exclude(featured_image=None).order_by("-date").first()
        )
        article = article or NewsArticlePage.objects.live().filter(locale=vi).order_by("-date").first()
        if article:
            urls["news-article"] = url_of(article)

    try:
        statistics_path = reverse("accountability:statistics") + "?period=year"
    except NoReverseMatch:
        statistics_path = None
    if statistics_path and portal:
        urls["statistics-portal"] = f"http://{portal.hostname}:{port}{statistics_path}"
    if statistics_path and health:
        urls["statistics-agency"] = f"http://{health.hostname}:{port}{statistics_path}"

    missing = [slug for slug, _label in KEY_PAGES if slug not in urls]
    return urls, missing


def wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"runserver stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"runserver did not answer on {url} within {timeout} s")


def shoot(urls: dict[str, str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    written, failed = [], []
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, locale="vi-VN", device_scale_factor=1)
            page = context.new_page()
            only = {s for s in os.environ.get("SCREENSHOTS_ONLY", "").split(",") if s}
            for slug, _label in KEY_PAGES:
                if slug not in urls or (only and slug not in only):
                    continue
                response = page.goto(urls[slug], wait_until="networkidle")
                if response is None or response.status != 200:
                    failed.append(f"{slug} ({urls[slug]} answered {response.status if response else 'nothing'})")
                    continue
                height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT[width])
                path = OUT / f"{slug}-{width}.png"
                page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
                written.append(str(path.relative_to(ROOT)))
            context.close()
        browser.close()
    for message in failed:
        print(f"  failed: {message}")
    return written


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: run scripts/ensure-browser.sh", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="portal-screenshots-"))
    env = prepare_environment(tmp, port)
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        print(f"Demo network in {tmp} (migrate + load_demo)…")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        urls, missing = find_pages(port)

        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{port}/", server)
        written = shoot(urls)
        # The editor's guide (docs/huong-dan/): the demo's admin, as its staff see it.
        from guide_screenshots import shoot as shoot_guide

        written += shoot_guide(f"http://127.0.0.1:{port}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"Wrote {len(written)} screenshots into {OUT.relative_to(ROOT)}/:")
    for path in written:
        print(f"  {path}")
    if missing:
        labels = dict(KEY_PAGES)
        print("Skipped, not in the demo data yet: " + "; ".join(f"{labels[slug]}" for slug in missing))
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
