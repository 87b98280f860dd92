"""The deployed shape, driven over real sockets: nginx (deploy/nginx/portal-site.conf) → two gunicorn
(deploy/gunicorn.conf.py) → PostgreSQL and Redis. Run by `make test-stack`.

Clients come from distinct loopback addresses (127.0.0.x), so nginx sees them as distinct
clients and writes each one's own address into X-Forwarded-For.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import time
from urllib.parse import urlencode

import pytest

from .conftest import ADMIN

HOST = "hatinh.localhost"
SIXTY_MB = 60 * 1024 * 1024


class Browser:
    """One client: a source address, and its cookies (kept by hand: the stack's cookies are Secure)."""

    def __init__(self, stack, source: str = "127.0.0.1", port: int | None = None, host: str = HOST):
        self.stack, self.source, self.port, self.host = stack, source, port or stack.port, host
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))
        try:
            all_headers = {"Host": f"{self.host}:{self.stack.port}", **(headers or {})}
            if self.cookies and "Cookie" not in all_headers:
                all_headers["Cookie"] = self.cookie_header()
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            content = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, content
        finally:
            conn.close()

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def get(self, path: str, **headers):
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, data: dict, **headers):
        token = self.csrf(path)
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", **headers})

    def log_in(self, username: str, password: str) -> None:
        """Wagtail's admin login form, as a person fills it in."""
        token = self.csrf("/admin/login/")
        status, _h, _c = self.request(
            "POST", "/admin/login/",
            urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        assert status == 302, "admin login failed"

    def csrf(self, path: str) -> str:
        status, _headers, content = self.get(path)
        assert status == 200, (path, status)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        assert found, f"no CSRF token on {path}"
        return found.group(1).decode()


def lookup(browser, **headers):
    return browser.post_form("/tra-cuu-ho-so/", {"code": "HT-2222-3333", "contact": "0912345678"}, **headers)[0]


def test_healthz_is_green_through_nginx(stack):
    status, headers, content = Browser(stack).get("/healthz")
    assert status == 200, content
    body = json.loads(content)
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    print(f"\nstack prepared (release, agencies, admin) and started in {stack.prepare_seconds:.0f} s")


def test_robots_txt_names_the_sites_own_sitemap(stack):
    status, _headers, content = Browser(stack, host="soyte.hatinh.localhost").get("/robots.txt")
    assert status == 200
    assert f"Sitemap: http://soyte.hatinh.localhost:{stack.port}/sitemap.xml" in content.decode()


def test_rate_limits_count_each_client_behind_the_proxy(stack):
    """3 lookups per client in the stack (ONLINE_SERVICE_LOOKUP_RATE=3/600), shared by both app servers."""
    first = Browser(stack, "127.0.0.2")
    assert [lookup(first) for _ in range(3)] == [404, 404, 404]
    status, _headers, content = first.post_form("/tra-cuu-ho-so/", {"code": "HT-2222-3333", "contact": "0912345678"})
    assert status == 429
    assert "Bạn đã tra cứu quá nhiều lần" in content.decode()
    # Other clients behind the same nginx keep their own budgets.
    for source in ("127.0.0.3", "127.0.0.4", "127.0.0.5"):
        assert lookup(Browser(stack, source)) == 404


def test_a_forged_x_forwarded_for_is_ignored(stack):
    forger = Browser(stack, "127.0.0.6")
    statuses = [lookup(forger, **{"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    # Straight to an app server, from an address that is not the proxy's: the header is not believed.
    direct = Browser(stack, "127.0.0.7", port=stack.app_ports[0])
    statuses = [lookup(direct, **{"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(4)]
    assert statuses == [404, 404, 404, 429]


def send_large_post(stack, port: int, length: int, path: str = "/tra-cuu-ho-so/"):
    """Send the head of a ``length``-byte multipart POST, then as much body as the server takes."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {HOST}:{stack.port}\r\n"
            "Content-Type: multipart/form-data; boundary=xxx\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
        )
        sock.sendall(head.encode())
        sent, chunk = 0, b"\0" * (1024 * 1024)
        try:
            while sent < length:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # refused mid-body: the point
        data = b""
        try:
            while True:
                part = sock.recv(65536)
                if not part:
                    break
                data += part
        except OSError:
            pass
    finally:
        sock.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else None
    return status, data.decode("utf-8", "replace"), sent


def stored_files(stack) -> set:
    return {p for p in (stack.work / "private").rglob("*") if p.is_file()}


@pytest.mark.parametrize("layer", ["proxy", "app"])
def test_a_60_mb_post_is_refused_with_the_translated_page(stack, layer):
    before = stored_files(stack)
    port = stack.port if layer == "proxy" else stack.app_ports[1]
    started = time.monotonic()
    status, text, sent = send_large_post(stack, port, SIXTY_MB)
    assert status == 413, text[:500]
    assert "Dữ liệu gửi lên quá lớn" in text
    assert sent < SIXTY_MB or layer == "proxy"
    assert stored_files(stack) == before
    print(f"\n60 MB POST at the {layer}: 413 after {time.monotonic() - started:.2f} s, {sent // 2**20} MB sent")


def test_static_files_are_served_by_nginx_with_a_long_cache(stack):
    manifest = json.loads((stack.work / "public" / "static" / "staticfiles.json").read_text())
    name = next(hashed for original, hashed in manifest["paths"].items() if original.endswith(".css"))
    status, headers, _content = Browser(stack).get(f"/static/{name}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert "max-age=31536000" in headers["cache-control"] and "immutable" in headers["cache-control"]
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("content-encoding") == "gzip"  # the .gz collectstatic wrote, by gzip_static
    for app_port in stack.app_ports:  # no app server saw the request
        assert f"/static/{name}" not in (stack.work / f"gunicorn-{app_port}.log").read_text()


def test_a_purge_on_one_app_server_is_seen_through_the_other(stack):
    app_a, app_b = stack.app_ports
    reader = Browser(stack, port=app_b)
    # The first answer sets the CSRF cookie (not stored); with the cookie, the page is stored, then served.
    caching = [reader.get("/")[1].get("x-page-cache") for _ in range(3)]
    assert caching[-1] == "hit", caching
    assert Browser(stack, port=app_a).get("/", Cookie=reader.cookie_header())[1].get("x-page-cache") == "hit"
    # An editor publishes the portal's home page again, through the other app server.
    editor = Browser(stack, port=app_a)
    editor.log_in(*ADMIN)
    status, _h, content = editor.get("/admin/pages/")
    pages = sorted(set(re.findall(rb'href="/admin/pages/(\d+)/edit/"', content)))
    assert pages, "no page in the explorer"
    ids = "&".join(f"id={page.decode()}" for page in pages)  # the agencies' home pages, the portal's among them
    path = f"/admin/bulk/wagtailcore/page/publish/?{ids}&next=/admin/"
    token = editor.csrf(path)
    status, _h, _c = editor.request(
        "POST", path, urlencode({"csrfmiddlewaretoken": token}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert status == 302
    status, headers, _content = reader.get("/")
    assert status == 200
    assert headers.get("x-page-cache") == "miss"


def test_healthz_turns_red_when_redis_stops_and_green_again(stack):
    browser = Browser(stack)
    assert browser.get("/healthz")[0] == 200
    stack.redis.stop()
    try:
        status, _headers, content = browser.get("/healthz")
        assert status == 503, content
        assert json.loads(content)["checks"]["cache"].startswith("fail")
        # The pages still answer, uncached (a Redis outage degrades, never errors).
        assert browser.get("/")[0] == 200
    finally:
        stack.redis.start()
    deadline = time.monotonic() + 10
    while browser.get("/healthz")[0] != 200:
        assert time.monotonic() < deadline, "healthz did not turn green after Redis came back"
        time.sleep(0.5)


def _django(stack, code: str) -> str:
    """Run Django code in a process of its own, on the stack's database and Redis (as a third server would)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=root, env={**stack.env}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def test_an_editor_taken_out_of_the_agency_on_one_server_is_refused_by_the_other(stack):
    """The admin's kept permissions (core/admin_cache.py) live in the shared Redis with their generation."""
    _django(
        stack,
        "from django.contrib.auth import get_user_model;from sites.models import Agency;"
        "User=get_user_model();User.objects.filter(username='stack-editor').delete();"
        "u=User.objects.create_user('stack-editor', password='Bien-tap-2026!');"
        "u.groups.add(Agency.objects.get(slug='so-y-te').editors_group)",
    )
    home = _django(stack, "from sites.models import Agency;print(Agency.objects.get(slug='so-y-te').home_page_id)")
    edit = f"/admin/pages/{home}/edit/"
    app_a, app_b = stack.app_ports
    editor = Browser(stack, port=app_a)
    editor.log_in("stack-editor", "Bien-tap-2026!")
    for port in (app_a, app_b, app_a, app_b):  # both servers' answers are kept, warm
        editor.port = port
        assert editor.get(edit)[0] == 200
    _django(
        stack,
        "from django.contrib.auth import get_user_model;from sites.models import Agency;"
        "get_user_model().objects.get(username='stack-editor').groups.clear()",
    )
    for port in (app_a, app_b):
        editor.port = port
        assert editor.get(edit)[0] in (302, 403), port
