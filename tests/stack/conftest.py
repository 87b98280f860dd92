"""The production-like stack (scripts/stack.py), started once for tests/stack: run by `make test-stack`.

nginx from Debian's package in front of two gunicorn processes, on PostgreSQL and on a Redis
server of the test's own (its own port, so that stopping it never touches the machine's Redis).
The stack is prepared with the commands of docs/deploy.md: deploy/release.sh, then
provision_agencies and createsuperuser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from scripts.stack import ROOT, Stack

HERE = Path(__file__).resolve().parent
DATABASE = os.environ.get("STACK_TEST_DATABASE", "portal_stack_test")
ADMIN = ("stack-admin", "stack-admin-password-1")


def pytest_collection_modifyitems(config, items):
    enabled = os.environ.get("PORTAL_STACK_TESTS") == "1"
    for item in items:
        if "tests/stack/" in str(item.fspath).replace(os.sep, "/") and not enabled:
            item.add_marker(pytest.mark.skip(reason="stack tests run with `make test-stack`"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, that the test may stop and start again."""

    def __init__(self, work: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.work = work
        self.process = None

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.work), "--logfile", str(self.work / "redis.log")],
        )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def stack():
    subprocess.run(["bash", str(ROOT / "scripts" / "ensure-nginx.sh")], check=True)  # noqa: S603, S607
    work = ROOT / "test-results" / "stack-test"
    # Logs and files of the last run go; the collected static files stay (collectstatic then only
    # re-checks them), as on a server between releases.
    for old in [*work.glob("*.log"), work / "private", work / "public" / "media"]:
        shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    redis = RedisServer(work)
    redis.start()
    subprocess.run(  # noqa: S603
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE],  # noqa: S607
        capture_output=True, check=False,
    )  # fmt: skip
    running = Stack(
        port=free_port(),
        app_ports=(free_port(), free_port()),
        purge_port=free_port(),
        database_url=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        redis_url=redis.url,
        work=work,
        extra_env={"ONLINE_SERVICE_LOOKUP_RATE": "3/600", "PAGE_CACHE_SECONDS": "600"},
    )
    running.redis = redis
    python = str(ROOT / ".venv" / "bin" / "python")
    started = time.monotonic()
    # docs/deploy.md: the release, the agencies, the first administrator.
    running.prepare(demo=False, update_index=True)
    running.run(python, "manage.py", "provision_agencies", str(HERE / "agencies.json"))
    running.run(
        python, "manage.py", "createsuperuser", "--no-input", "--username", ADMIN[0], "--email", "admin@example.vn",
        DJANGO_SUPERUSER_PASSWORD=ADMIN[1],
    ) if not _user_exists(running, python) else None  # fmt: skip
    running.start()
    running.prepare_seconds = time.monotonic() - started
    yield running
    running.stop()
    redis.stop()


def _user_exists(stack: Stack, python: str) -> bool:
    code = (
        "from django.contrib.auth import get_user_model;"
        f"raise SystemExit(0 if get_user_model().objects.filter(username='{ADMIN[0]}').exists() else 1)"
    )
    env = {**stack.env}
    return subprocess.run([python, "-c", f"import django;django.setup();{code}"], cwd=ROOT, env=env).returncode == 0  # noqa: S603
