"""Helpers for the upgrade test: build a database with an old commit's code, snapshot it, migrate it.

Two halves, two files:

* the pytest side, here (``LegacyRun``, ``upgrade_database_url`` …), exports the old tree with
  ``git archive``, creates a throwaway database, and drives every step in a subprocess;
* the Django side, ``inspect_db.py`` (``python inspect_db.py seed | snapshot OUT.json | render …``), runs *inside* one of those
  subprocesses, against the old code or the new code, and only uses Django and Wagtail APIs —
  never the portal's app labels, which the restructuring moves (news pages from ``home`` to
  ``news``, dossiers from ``procedures`` to ``online_services`` …). Models are found by their
  model name, tables by ``db_table`` (kept by the restructuring).

Old and new code never share one interpreter: the snapshot of the old code and the check of
the new code are the same function run in two processes, and the test compares the two JSON files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# The Django side: run as a script inside each subprocess, with the old or the new code on sys.path.
INSPECT_SCRIPT = Path(__file__).resolve().with_name("inspect_db.py")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_test"


RENDER_SHARDS = max(1, min(4, os.cpu_count() or 1))

SETTINGS_SHIM = '''\
"""Settings of the upgrade test: the test settings, with media folders shared by the old and new code."""

import os
from pathlib import Path

from config.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["PORTAL_UPGRADE_MEDIA_ROOT"])
PRIVATE_MEDIA_ROOT = Path(os.environ["PORTAL_UPGRADE_PRIVATE_MEDIA_ROOT"])
'''


# --------------------------------------------------------------------------------------------
# pytest side
# --------------------------------------------------------------------------------------------


def commit_available(commit: str, repo: Path = REPO_ROOT) -> str | None:
    """None when ``commit`` can be exported from ``repo``, else the reason it cannot."""
    try:
        result = subprocess.run(  # noqa: S603
            ["git", "-C", str(repo), "cat-file", "-e", f"{commit}^{{commit}}"],  # noqa: S607
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        return "git is not installed"
    if result.returncode:
        return f"commit {commit} is not in {repo} (a shallow clone?): {result.stderr.strip()}"
    return None


def export_tree(commit: str, dest: Path, repo: Path = REPO_ROOT) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.Popen(["git", "-C", str(repo), "archive", commit], stdout=subprocess.PIPE)  # noqa: S603, S607
    subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, check=True)  # noqa: S603, S607
    archive.stdout.close()
    if archive.wait():
        raise RuntimeError(f"git archive {commit} failed")
    return dest


def _postgres_params(url: str) -> dict:
    import dj_database_url

    db = dj_database_url.parse(url)
    return {
        "name": db["NAME"],
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or "",
    }


def upgrade_database_url(base_url: str, sqlite_path: Path) -> tuple[str, str]:
    """(engine, url) of the upgrade database: never the pytest test database itself."""
    if base_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        from urllib.parse import quote

        p = _postgres_params(base_url)
        # The test database of DATABASE_URL is test_<name>; this one is test_<name>_upgrade.
        name = f"test_{p['name']}_upgrade"
        auth = quote(p["user"]) + (f":{quote(p['password'])}" if p["password"] else "")
        return "postgresql", f"postgres://{auth}@{p['host']}:{p['port']}/{name}"
    if base_url.startswith("sqlite:"):
        return "sqlite", f"sqlite:///{sqlite_path}"
    raise ValueError(f"unsupported DATABASE_URL for the upgrade test: {base_url}")


def recreate_postgres_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg2
    from psycopg2 import sql

    p = _postgres_params(url)
    conn = psycopg2.connect(dbname="postgres", host=p["host"], port=p["port"], user=p["user"], password=p["password"])
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(p["name"])))
            if not drop_only:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(p["name"])))
                # A throwaway database: commits need not wait for the disk (the demo loader commits
                # page by page). Set on this database only; the cluster's other databases are untouched.
                cursor.execute(
                    sql.SQL("ALTER DATABASE {} SET synchronous_commit = off").format(sql.Identifier(p["name"]))
                )
    finally:
        conn.close()


class StepFailed(AssertionError):
    pass


class LegacyRun:
    """Runs manage.py and this file's commands for one code tree against the upgrade database."""

    def __init__(self, workdir: Path, database_url: str):
        self.workdir = workdir
        self.database_url = database_url
        self.shim_dir = workdir / "settings_shim"
        self.media = workdir / "media"
        self.private_media = workdir / "private_media"
        self.logs = workdir / "logs"
        self.timings: dict[str, float] = {}  # wall seconds per step
        self.cpu: dict[str, float] = {}  # CPU seconds of the step's process (not PostgreSQL's)
        for folder in (self.shim_dir, self.media, self.private_media, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        (self.shim_dir / "portal_upgrade_settings.py").write_text(SETTINGS_SHIM)

    def env(self, tree: Path) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            # Only the database and the file system: no Redis, Elasticsearch or S3 from the caller's shell.
            if not k.startswith(("REDIS_", "ELASTICSEARCH_", "AWS_", "PYTEST_", "DJANGO_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal_upgrade_settings",
            DATABASE_URL=self.database_url,
            PORTAL_UPGRADE_MEDIA_ROOT=str(self.media),
            PORTAL_UPGRADE_PRIVATE_MEDIA_ROOT=str(self.private_media),
            PYTHONPATH=os.pathsep.join([str(self.shim_dir), str(tree)]),
            PYTHONDONTWRITEBYTECODE="1",
            LOG_LEVEL="ERROR",
        )
        return env

    def start(self, step: str, tree: Path, *args: str) -> tuple:
        log = self.logs / f"{step}.log"
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603
                [sys.executable, *args], cwd=tree, env=self.env(tree), stdout=out, stderr=subprocess.STDOUT
            )
        return step, tree, args, process, log, time.monotonic()

    def finish(self, handle: tuple, timeout: int = 900) -> str:
        step, tree, args, process, log, started = handle
        # wait4: the step's own CPU time, a figure a busy machine does not inflate like wall time.
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = returncode = os.waitstatus_to_exitcode(status)
        if timed_out.is_set():
            raise StepFailed(f"step {step!r} ({' '.join(args)}) in {tree} took more than {timeout} s; log: {log}")
        self.timings[step] = round(time.monotonic() - started, 1)
        self.cpu[step] = round(usage.ru_utime + usage.ru_stime, 1)
        text = log.read_text(errors="replace")
        if returncode:
            tail = "\n".join(text.splitlines()[-60:])
            raise StepFailed(f"step {step!r} ({' '.join(args)}) in {tree} failed, exit {returncode}:\n{tail}")
        return text

    def run(self, step: str, tree: Path, *args: str) -> str:
        return self.finish(self.start(step, tree, *args))

    def manage(self, step: str, tree: Path, *args: str) -> str:
        return self.run(step, tree, "manage.py", *args)

    def command(self, step: str, tree: Path, *args: str) -> str:
        return self.run(step, tree, str(INSPECT_SCRIPT), *args)

    def snapshot(self, step: str, tree: Path) -> dict:
        """The baseline: what the database holds, without rendering anything."""
        out = self.workdir / f"{step}.json"
        self.command(step, tree, "snapshot", str(out), "--baseline")
        return json.loads(out.read_text())

    def check(self, step: str, tree: Path, shards: int = RENDER_SHARDS) -> dict:
        """The full snapshot, with every live page rendered by ``shards`` processes alongside."""
        script = str(INSPECT_SCRIPT)
        out = self.workdir / f"{step}.json"
        handles = [self.start(step, tree, script, "snapshot", str(out))]
        for shard in range(shards):
            shard_out = self.workdir / f"{step}-render-{shard}.json"
            handles.append(
                self.start(f"{step}-render-{shard}", tree, script, "render", str(shard_out), str(shard), str(shards))
            )
        try:
            for handle in handles:
                self.finish(handle)
        except BaseException:
            for handle in handles:
                if handle[3].poll() is None:
                    handle[3].kill()
                    handle[3].wait()
            raise
        snap = json.loads(out.read_text())
        snap["page_status"] = {}
        for shard in range(shards):
            snap["page_status"].update(json.loads((self.workdir / f"{step}-render-{shard}.json").read_text()))
        out.write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True))
        return snap
