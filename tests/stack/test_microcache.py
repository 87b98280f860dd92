"""nginx's microcache in the deployed shape (issue #18): deploy/nginx/portal-cache.conf, portal-site.conf's
proxy_cache, and the purge listener portal-purge.conf that Wagtail's PURGE reaches on publish.

Every anonymous request here is a fresh client (no cookie jar carried over), as a first visit is.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from scripts.stack import ROOT

from .conftest import ADMIN
from .test_stack import HOST, Browser

SOYTE = "soyte.hatinh.localhost"
# As tests/browser/conftest.py launches Debian's Chromium.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def anonymous(stack, path: str, host: str = HOST, source: str = "127.0.0.1"):
    return Browser(stack, source, host=host).get(path)


# Answered by nginx from its cache: fresh, or expired while one request refreshes it in the background.
FROM_CACHE = ("HIT", "STALE", "UPDATING")


def cached(stack, path: str, host: str = HOST):
    """The page, asked until nginx answers it from the microcache (the first asks fill it)."""
    statuses = []
    for _ in range(10):
        status, headers, content = anonymous(stack, path, host)
        assert status == 200, (path, status)
        statuses.append(headers.get("x-cache-status"))
        if statuses[-1] in FROM_CACHE:
            return headers, content
        time.sleep(0.2)
    raise AssertionError(f"{host}{path} never came from the cache: {statuses}")


def logged_in_editor(stack) -> Browser:
    editor = Browser(stack, "127.0.0.30")
    editor.log_in(*ADMIN)
    return editor


def test_an_anonymous_page_view_is_served_by_nginx_from_its_cache(stack):
    first = anonymous(stack, "/")
    assert first[0] == 200 and first[1].get("x-cache-status") in ("MISS", "EXPIRED", "STALE", "UPDATING", "HIT")
    assert "set-cookie" not in first[1], "an anonymous page view sets no cookie: it may be shared"
    headers, content = cached(stack, "/")
    assert headers["x-cache-status"] == "HIT"  # within seconds of the first view: fresh
    assert b"</html>" in content
    assert "x-accel-expires" not in headers  # read by nginx, never passed on
    print(f"\nX-Cache-Status of the first then the next anonymous view of /: {first[1].get('x-cache-status')}, HIT")


def test_a_logged_in_editor_never_gets_the_cached_page(stack):
    cached(stack, "/")
    editor = logged_in_editor(stack)
    status, headers, content = editor.get("/")
    assert status == 200
    assert headers.get("x-cache-status") == "BYPASS"
    assert b"wagtail-userbar" in content  # the editor's own page, with the userbar
    # and what the editor got never went into the cache: visitors still get the anonymous page.
    assert b"wagtail-userbar" not in cached(stack, "/")[1]
    # The admin is never cached, whoever asks.
    status, headers, _content = editor.get("/admin/")
    assert status == 200 and headers.get("x-cache-status") in (None, "BYPASS")


def test_a_form_pages_csrf_token_is_each_visitors_own(stack):
    answers = [anonymous(stack, "/tra-cuu-ho-so/", source=f"127.0.0.{n}") for n in (40, 41, 42)]
    cookies, tokens = set(), set()
    for status, headers, content in answers:
        assert status == 200
        assert headers.get("x-cache-status") != "HIT"
        assert "private" in headers.get("cache-control", "")
        cookies.add(re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1))
        tokens.add(re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1))
    assert len(cookies) == 3 and len(tokens) == 3
    # A visitor holding a CSRF cookie never reads the cache either.
    status, headers, _content = Browser(stack, "127.0.0.43").get("/", Cookie="csrftoken=abc")
    assert status == 200 and headers.get("x-cache-status") == "BYPASS"


def publish_new_title(stack, host: str, marker: str) -> None:
    """An editor's publish, through Wagtail's own publish action in a process of the stack's settings."""
    code = (
        "import django; django.setup()\n"
        "from wagtail.models import Site\n"
        f"site = Site.objects.get(hostname={host!r})\n"
        "page = site.root_page.specific\n"
        f"page.title = page.title.split(' · ')[0] + ' · ' + {marker!r}\n"
        "page.save_revision().publish()\n"
    )
    python = str(ROOT / ".venv" / "bin" / "python")
    env = {**stack.env, **stack.purge_env}
    result = subprocess.run([python, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr[-2000:]


def test_publishing_shows_through_nginx_at_once(stack):
    cached(stack, "/", SOYTE)
    marker = f"xuat-ban-{int(time.time())}"
    publish_new_title(stack, SOYTE, marker)
    status, headers, content = anonymous(stack, "/", SOYTE)
    assert status == 200
    assert marker.encode() in content, "the purge did not reach nginx: the old page was served"
    assert headers.get("x-cache-status") == "MISS"
    assert cached(stack, "/", SOYTE)[1].count(marker.encode()) >= 1
    purges = (stack.work / "nginx-access.log").read_text()
    assert re.search(r'"PURGE / HTTP/1\.1" 200', purges), "no PURGE of the page reached nginx's purge listener"


def test_a_cached_page_has_no_nonce_and_chromium_reports_no_csp_violation(stack):
    headers, content = cached(stack, "/")
    policy = headers["content-security-policy"]
    assert "nonce" not in policy and b"nonce" not in content
    assert "unsafe-inline" not in policy
    assert "'sha256-" in policy  # the accent colour's inline style, allowed by its hash
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "ensure-browser.sh")], check=True)  # noqa: S603, S607
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context(locale="vi-VN")
            page = context.new_page()
            violations, errors = [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.add_init_script(
                "document.addEventListener('securitypolicyviolation', e =>"
                " (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI));"
            )
            for path in ("/", "/"):  # the second view is nginx's cached copy
                response = page.goto(f"http://{HOST}:{stack.port}{path}", wait_until="load")
                assert response.status == 200
                cache_status = response.headers.get("x-cache-status")
                page.wait_for_timeout(300)
                violations += page.evaluate("window.__violations || []")
                accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent')")
                assert re.fullmatch(r"\s*#[0-9a-f]{6}\s*", accent), f"the accent style did not apply: {accent!r}"
            assert cache_status in FROM_CACHE, cache_status
            assert violations == [], violations
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_purge_listener_answers_purge_only(stack, method):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", stack.purge_port, timeout=10)
    try:
        conn.request(method, "/", headers={"Host": HOST})
        assert conn.getresponse().status == 405
    finally:
        conn.close()
