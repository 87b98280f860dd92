"""PostgreSQL restarted during a load of submissions: no acknowledged dossier lost, the app recovers by itself.

Citizens keep submitting from several threads against a real gunicorn while
the cluster restarts (``pg_ctlcluster --skip-systemctl-redirect 15 main
restart``). Every submission that got its receipt code (a 302 to the
receipt) must be in the database, whole, with its files on disk; during
the outage a citizen gets an error, never a receipt; after it the same
server process, not restarted, accepts submissions again.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from django.db import connection

from bench.submissions import form_spec, jpeg, submit_once
from online_services.models import Dossier
from tests.online_services.services_fixtures import GTVT_HOST

from .server import Server

THREADS = 6
BEFORE, AFTER = 3.0, 8.0  # seconds of load before the restart and after it


def cluster() -> tuple[str, str]:
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").is_dir() else []
    return (versions[-1] if versions else "15"), "main"


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0  # noqa: S607


def ensure_cluster_up() -> None:
    version, name = cluster()
    if not pg_ready():
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"], check=False)  # noqa: S603, S607
    for _ in range(60):
        if pg_ready():
            return
        time.sleep(1)
    raise RuntimeError("PostgreSQL did not come back")


@pytest.fixture
def restartable():
    if shutil.which("pg_ctlcluster") is None:
        pytest.skip("pg_ctlcluster is not available")
    yield
    ensure_cluster_up()
    connection.close()


def test_postgres_restart_during_submissions_loses_no_acknowledged_dossier(service_page, restartable):
    spec = {**form_spec(service_page), "jpeg": jpeg()}
    path = service_page.get_url_parts()[2]
    server = Server(workers=2, threads=8)
    results: list[dict] = []
    lock = threading.Lock()
    stop = threading.Event()
    counter = iter(range(1_000_000))

    def citizen():
        while not stop.is_set():
            with lock:
                index = next(counter)
            outcome = submit_once(server.url, GTVT_HOST, path, spec, index)
            outcome["at"] = time.monotonic()
            with lock:
                results.append(outcome)

    try:
        server.wait_ready(path, GTVT_HOST)
        threads = [threading.Thread(target=citizen) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        time.sleep(BEFORE)
        version, name = cluster()
        restart_started = time.monotonic()
        restart = subprocess.run(  # noqa: S603
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],  # noqa: S607
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        restart_done = time.monotonic()
        assert restart.returncode == 0, restart.stderr
        time.sleep(AFTER)
        stop.set()
        for thread in threads:
            thread.join(timeout=180)

        # The same server process takes submissions again (no restart of the app).
        after = [submit_once(server.url, GTVT_HOST, path, spec, 900_000 + i) for i in range(3)]
    finally:
        stop.set()
        server.stop()
        ensure_cluster_up()
        connection.close()

    acknowledged = {r["code"] for r in results + after if r["status"] == 302}
    statuses = sorted({r["status"] for r in results})
    during = [r for r in results if restart_started <= r["at"] <= restart_done + 1]
    print(
        f"\nsubmissions: {len(results)}, acknowledged {len(acknowledged)}, statuses {statuses}, "
        f"restart took {restart_done - restart_started:.1f} s, {len(during)} finished during it, "
        f"failed: {sum(1 for r in results if r['status'] != 302)}"
    )
    assert [r["status"] for r in after] == [302, 302, 302], after
    assert any(r["status"] == 302 and r["at"] > restart_done for r in results), (
        "no submission accepted after the restart"
    )
    assert all(r["code"] for r in results if r["status"] == 302)

    stored = {d.receipt_code: d for d in Dossier.objects.prefetch_related("files")}
    lost = acknowledged - set(stored)
    assert not lost, f"acknowledged but lost: {sorted(lost)}"
    for code in acknowledged:
        files = list(stored[code].files.all())
        assert len(files) == len(spec["files"]), code
        assert all(Path(f.file.path).is_file() for f in files), code
    # No half dossier either: every stored dossier is whole.
    assert all(len(d.files.all()) == len(spec["files"]) for d in stored.values())
