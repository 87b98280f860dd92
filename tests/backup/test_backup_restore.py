"""Backup, then restore into an empty install: every page, document, dossier and dossier file, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.files import PDF
from tests.security.world import add_page, build_agency_world

from .fingerprint import fingerprint

pytestmark = pytest.mark.django_db(transaction=True)

FINGERPRINT = (
    "import json, django; django.setup(); from tests.backup.fingerprint import fingerprint; "
    "print('FP=' + json.dumps(fingerprint(), default=str, sort_keys=True))"
)


def as_json(data) -> dict:
    return json.loads(json.dumps(data, default=str, sort_keys=True))


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return tmp_path


class EmptyInstall:
    """A new database (PostgreSQL or an SQLite file) and empty media folders, for a process to restore into."""

    def __init__(self, base: Path, name: str):
        self.media = base / f"{name}-media"
        self.private = base / f"{name}-private"
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            self.db_name = f"{db['NAME']}_{name}"[:63]
            self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}"', f'CREATE DATABASE "{self.db_name}"')
            host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
            self.url = f"postgres://{db['USER']}@{host}:{port}/{self.db_name}"
        else:
            self.db_name = None
            self.url = f"sqlite:///{base / f'{name}.sqlite3'}"

    def _admin(self, *statements):
        import psycopg2

        db = connection.settings_dict
        conn = psycopg2.connect(
            host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432, user=db["USER"], dbname="postgres"
        )
        conn.autocommit = True
        with conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
        conn.close()

    def drop(self):
        if self.db_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def run(self, code_or_args, *, python=False):
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.security.subprocess_settings",
            DATABASE_URL=self.url,
            MEDIA_ROOT=str(self.media),
            PRIVATE_MEDIA_ROOT=str(self.private),
            PYTHONPATH=str(settings.BASE_DIR),
        )
        args = ["-c", code_or_args] if python else ["manage.py", *code_or_args]
        return subprocess.run(  # noqa: S603
            [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )

    def fingerprint(self) -> dict:
        result = self.run(FINGERPRINT, python=True)
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.split("FP=", 1)[1])

    def has_tables(self) -> bool:
        if self.db_name is None:
            path = Path(self.url.removeprefix("sqlite:///"))
            return path.exists() and path.stat().st_size > 0
        import psycopg2

        db = connection.settings_dict
        conn = psycopg2.connect(
            host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432, user=db["USER"], dbname=self.db_name
        )
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            count = cur.fetchone()[0]
        conn.close()
        return count > 0

    def files(self) -> list[Path]:
        return [p for root in (self.media, self.private) if root.exists() for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def portal(network, roots):
    worlds = [
        build_agency_world(network["so-y-te"], "yte", "HT-YTE-701"),
        build_agency_world(network["so-gtvt"], "gtvt", "HT-GTVT-701"),
    ]
    draft = add_page(network["so-y-te"].home_page, "Bản nháp chưa đăng", "ban-nhap", publish=False)
    draft.title = "Bản nháp đã sửa"
    draft.save_revision()
    worlds[0]["image"].get_rendition("fill-8x8")  # renditions are files too
    worlds[0]["dossier"].transition("processing")
    return worlds


@pytest.fixture
def backup_dir(portal, roots):
    dest = roots / "backup"
    call_command("backup", str(dest), stdout=open(os.devnull, "w"))  # noqa: SIM115
    return dest


def test_restore_reproduces_everything_byte_for_byte(portal, backup_dir, roots):
    before = as_json(fingerprint())
    assert len(before["dossier_files"]) == 4 and len(before["documents"]) == 2
    assert before["private_media"] and before["media"]

    install = EmptyInstall(roots, "restored")
    try:
        result = install.run(["restore", str(backup_dir)])
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Đã khôi phục" in result.stdout
        after = install.fingerprint()
        for key in before:
            assert after[key] == before[key], key

        # A second restore into the now non-empty install is refused.
        again = install.run(["restore", str(backup_dir)])
        assert again.returncode != 0
        assert "không trống" in again.stderr
    finally:
        install.drop()


def test_manifest_lists_every_file_with_its_checksum(backup_dir):
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    database = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert database in manifest["files"]
    assert manifest["counts"]["dossier_files"] == 4
    assert sum(1 for name in manifest["files"] if name.startswith("private_media/dossiers/")) == 4
    assert (backup_dir.stat().st_mode & 0o777) == 0o700


DAMAGES = ["flip_byte", "remove_file", "add_file", "edit_manifest"]


def damaged_copy(backup_dir: Path, target: Path, damage: str) -> Path:
    shutil.copytree(backup_dir, target)
    victim = next(p for p in sorted((target / "private_media").rglob("*")) if p.is_file())
    if damage == "flip_byte":
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0x01
        victim.write_bytes(bytes(data))
    elif damage == "remove_file":
        victim.unlink()
    elif damage == "add_file":
        (target / "private_media" / "cai-them.pdf").write_bytes(PDF)
    else:
        manifest = target / "manifest.json"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace('"dossiers": 4', '"dossiers": 5'))
    return target


def test_a_corrupted_backup_is_refused_and_nothing_is_written(backup_dir, roots):
    install = EmptyInstall(roots, "refused")
    try:
        for damage in DAMAGES:
            broken = damaged_copy(backup_dir, roots / f"broken-{damage}", damage)
            result = install.run(["restore", str(broken)])
            assert result.returncode != 0, damage
            assert "Bản sao lưu bị hỏng" in result.stderr, (damage, result.stderr[-2000:])
            assert install.files() == [], damage
        assert not install.has_tables()
    finally:
        install.drop()


def test_backup_refuses_a_folder_that_is_not_empty(roots, network):
    dest = roots / "occupied"
    dest.mkdir()
    (dest / "x.txt").write_text("x")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", str(dest))
