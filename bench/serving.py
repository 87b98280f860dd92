"""`make bench`: gunicorn in production settings on 127.0.0.1, and plain HTTP requests to it."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.prepare import REDIS_URL

ROOT = Path(__file__).resolve().parent.parent

# Server ----------------------------------------------------------------------


def server_env(db_url: str, port: int, page_cache: bool, media: Path, fragments: bool = True) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": db_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": ".bench.localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SITE_PORT": str(port),
        "STATIC_ROOT": str(media / "static"),
        "MEDIA_ROOT": str(media / "media"),
        "PRIVATE_MEDIA_ROOT": str(media / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "ONLINE_SERVICE_SUBMIT_RATE": "100000000/3600",  # one client address sends everything
        "ONLINE_SERVICE_LOOKUP_RATE": "100000000/3600",
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "FRAGMENT_CACHE_SECONDS": "3600" if fragments else "0",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


class Server:
    def __init__(self, env: dict, port: int, workers: int, threads: int, app: str = "config.wsgi", cwd: Path = ROOT):
        self.port = port
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, app, "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads),
             "--worker-class", "gthread", "--timeout", "60", "--keep-alive", "5", "--log-level", "warning"],
            cwd=cwd, env=env,
        )  # fmt: skip

    def wait_ready(self, host: str) -> None:
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited at start")
            try:
                status, _headers, _body = http_get(self.port, host, "/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("gunicorn did not answer in 60 s")

    def workers(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def peak_rss_mb(self) -> float:
        """The largest VmHWM (peak resident set) among the workers, in MiB."""
        peaks = []
        for pid in self.workers():
            try:
                for row in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if row.startswith("VmHWM:"):
                        peaks.append(int(row.split()[1]) / 1024)
            except OSError:
                pass
        return max(peaks, default=0.0)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def http_get(port: int, host: str, path: str, cookie: str = "") -> tuple[int, list, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Host": host}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def csrf_pair(port: int, host: str, path: str) -> tuple[str, str]:
    """A csrftoken cookie and a form token that goes with it (Django accepts the pair for any form)."""
    _status, headers, html = http_get(port, host, path)
    cookie = next(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def warm(port: int, lines: list[str], threads: int = 4) -> None:
    def one(line):
        host, path = line.split()[:2]
        with contextlib.suppress(OSError):
            http_get(port, host, path)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, lines))
