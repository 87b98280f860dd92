"""Backup and restore of a whole install: the database, public media and private dossier files.

A backup is a folder::

    manifest.json         what is inside, with the SHA-256 and size of every file
    manifest.sha256       the SHA-256 of manifest.json itself
    database.dump         pg_dump's custom format (PostgreSQL), or
    database.sqlite3      a consistent copy made with SQLite's backup API
    media/...             MEDIA_ROOT: images, renditions, documents
    private_media/...     PRIVATE_MEDIA_ROOT: dossier files

``restore`` checks every checksum before it writes anything, and restores
only into an empty install (a database without tables, empty media folders),
so a corrupted or mismatched backup never half-overwrites a working portal.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made, or a backup that must not be restored."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(_("Chỉ sao lưu được PostgreSQL hoặc SQLite, không phải %(vendor)s.") % {"vendor": vendor})
    return vendor


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(_("Không tìm thấy chương trình %(name)s (gói postgresql-client).") % {"name": name})
    return path


def _media_roots() -> dict[str, Path | None]:
    """The folders to copy; public media only when it is on the local file system (not object storage)."""
    public = storages["default"]
    return {
        "media": Path(settings.MEDIA_ROOT) if isinstance(public, FileSystemStorage) else None,
        "private_media": Path(settings.PRIVATE_MEDIA_ROOT),
    }


def _counts() -> dict[str, int]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from online_services.models import Dossier, DossierFile

    return {
        "pages": Page.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "dossiers": Dossier.objects.count(),
        "dossier_files": DossierFile.objects.count(),
    }


@dataclass
class Manifest:
    engine: str
    created: str
    counts: dict[str, int]
    media_included: bool
    files: dict[str, dict] = field(default_factory=dict)
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True)


def _copy_tree(source: Path, target: Path) -> list[Path]:
    copied = []
    if not source.is_dir():
        return copied
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied.append(destination)
    return copied


def make_backup(dest: Path | str) -> Manifest:
    """Write a backup of this install into ``dest`` (a new or empty folder)."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(_("Thư mục đích “%(path)s” không trống.") % {"path": dest})
    engine = _engine()
    dest.mkdir(parents=True, exist_ok=True)
    dest.chmod(0o700)  # dossiers hold personal data

    counts = _counts()
    if engine == "postgresql":
        args, env = _pg_env()
        result = subprocess.run(  # noqa: S603
            [_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(dest / PG_DUMP),
             connection.settings_dict["NAME"]],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(_("pg_dump thất bại: %(error)s") % {"error": result.stderr.strip()})
    else:
        connection.ensure_connection()
        target = sqlite3.connect(dest / SQLITE_COPY)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    roots = _media_roots()
    for name, root in roots.items():
        if root is not None:
            _copy_tree(root, dest / name)

    manifest = Manifest(
        engine=engine,
        created=timezone.now().isoformat(),
        counts=counts,
        media_included=roots["media"] is not None,
    )
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        manifest.files[path.relative_to(dest).as_posix()] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    (dest / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    (dest / MANIFEST_SUM).write_text(sha256_of(dest / MANIFEST) + "\n", encoding="utf-8")
    return manifest


def verify_backup(src: Path | str) -> dict:
    """Every file listed, present, of its size and checksum; nothing unlisted. Returns the manifest."""
    src = Path(src)
    manifest_path, sum_path = src / MANIFEST, src / MANIFEST_SUM
    if not manifest_path.is_file() or not sum_path.is_file():
        raise BackupError(_("Không phải bản sao lưu: thiếu %(name)s.") % {"name": f"{MANIFEST} / {MANIFEST_SUM}"})
    if sha256_of(manifest_path) != sum_path.read_text(encoding="utf-8").strip():
        raise BackupError(_("Bản sao lưu bị hỏng: tệp kê khai %(name)s đã bị thay đổi.") % {"name": MANIFEST})
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(_("Bản sao lưu bị hỏng: không đọc được tệp kê khai.")) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Định dạng bản sao lưu không được hỗ trợ: %(format)s.") % {"format": manifest.get("format")}
        )

    problems = []
    listed = manifest.get("files", {})
    for name, expected in sorted(listed.items()):
        path = src / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            problems.append(_("đường dẫn không hợp lệ: %(name)s") % {"name": name})
        elif not path.is_file():
            problems.append(_("thiếu tệp %(name)s") % {"name": name})
        elif path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            problems.append(_("sai mã kiểm tra: %(name)s") % {"name": name})
    present = {p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()} - {MANIFEST, MANIFEST_SUM}
    problems += [
        _("tệp lạ không có trong kê khai: %(name)s") % {"name": name} for name in sorted(present - set(listed))
    ]
    database = PG_DUMP if manifest.get("engine") == "postgresql" else SQLITE_COPY
    if database not in listed:
        problems.append(_("thiếu bản sao cơ sở dữ liệu"))
    if problems:
        shown = "; ".join(problems[:10]) + ("; …" if len(problems) > 10 else "")
        raise BackupError(
            _("Bản sao lưu bị hỏng, không khôi phục gì (%(count)s lỗi): %(problems)s")
            % {"count": len(problems), "problems": shown}
        )
    return manifest


def _is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def _check_empty_install(manifest: dict) -> None:
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            _("Bản sao lưu của %(backup)s không khôi phục được vào %(engine)s.")
            % {"backup": manifest["engine"], "engine": engine}
        )
    if engine == "postgresql":
        if connection.introspection.table_names():
            raise BackupError(_("Cơ sở dữ liệu đích không trống: chỉ khôi phục vào một cơ sở dữ liệu mới tạo."))
    else:
        name = Path(connection.settings_dict["NAME"])
        if name.exists() and name.stat().st_size > 0:
            raise BackupError(_("Cơ sở dữ liệu đích không trống: tệp “%(path)s” đã có dữ liệu.") % {"path": name})
    for root in _media_roots().values():
        if root is not None and not _is_empty_dir(root):
            raise BackupError(_("Thư mục đích “%(path)s” không trống.") % {"path": root})


def restore_backup(src: Path | str) -> dict:
    """Verify ``src``, then restore it into this (empty) install. Returns the manifest."""
    src = Path(src)
    manifest = verify_backup(src)
    _check_empty_install(manifest)

    if manifest["engine"] == "postgresql":
        args, env = _pg_env()
        connection.close()
        result = subprocess.run(  # noqa: S603
            [_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
             "--dbname", connection.settings_dict["NAME"], str(src / PG_DUMP)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(_("pg_restore thất bại: %(error)s") % {"error": result.stderr.strip()})
    else:
        connection.close()
        name = Path(connection.settings_dict["NAME"])
        name.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(src / SQLITE_COPY)
        target = sqlite3.connect(name)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()

    for name, root in _media_roots().items():
        if root is not None:
            _copy_tree(src / name, root)
    return manifest
