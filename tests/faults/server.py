"""A real app server (gunicorn) on a free port, against this test's committed database."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class Server:
    def __init__(self, *, env: dict | None = None, workers: int = 2, threads: int = 8):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
        full_env.pop("ELASTICSEARCH_URL", None)
        full_env.update(
            DJANGO_SETTINGS_MODULE="tests.security.subprocess_settings",
            DATABASE_URL=database_url(),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
            PYTHONPATH=str(settings.BASE_DIR),
            ONLINE_SERVICE_SUBMIT_RATE="1000000/3600",
            ONLINE_SERVICE_LOOKUP_RATE="1000000/3600",
        )
        full_env.update(env or {})
        self.log = Path(settings.BASE_DIR) / "test-results" / f"faults-server-{self.port}.log"
        self.log.parent.mkdir(exist_ok=True)
        self._log = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{self.port}",
             "-w", str(workers), "--threads", str(threads), "--timeout", "120", "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=full_env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def get(self, path: str, host: str, timeout: float = 30) -> tuple[int, str, float]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Host": host})
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), time.perf_counter() - started
        finally:
            conn.close()

    def wait_ready(self, path: str, host: str, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                status, _body, _t = self.get(path, host, timeout=5)
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server not ready: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()
