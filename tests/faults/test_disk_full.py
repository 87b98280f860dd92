"""The disk fills up during an upload: a clean error for the citizen, no half dossier, no partial file.

PRIVATE_MEDIA_ROOT is put on a real tmpfs of 512 KiB, filled until a few
KiB are left, so the kernel itself answers ENOSPC in the middle of writing
the dossier's files.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from online_services.models import Dossier, DossierFile
from tests.files import pdf_bytes
from tests.online_services.services_fixtures import GTVT_HOST, field_names, submission_data


@pytest.fixture
def tiny_disk(tmp_path, settings):
    mount = tmp_path / "tiny-disk"
    mount.mkdir()
    result = subprocess.run(  # noqa: S603
        ["/usr/bin/mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")
    try:
        settings.PRIVATE_MEDIA_ROOT = mount
        yield mount
    finally:
        subprocess.run(["/usr/bin/umount", "-l", str(mount)], check=False)  # noqa: S603


def free_bytes(path: Path) -> int:
    import os

    stat = os.statvfs(path)
    return stat.f_bavail * stat.f_frsize


def fill(mount: Path, leave: int) -> None:
    filler = mount / "filler.bin"
    with filler.open("wb") as handle:
        while free_bytes(mount) > leave + 4096:
            handle.write(b"\0" * 4096)
            handle.flush()


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() and p.name != "filler.bin"}


def test_disk_full_during_upload_gives_a_clean_error_and_stores_nothing(service_page, tiny_disk):
    names = field_names(service_page)
    big_pdf = pdf_bytes() + b"%" + b"0" * (60 * 1024)  # valid by its magic bytes, 60 KiB
    (tiny_disk / "dossiers").mkdir()
    fill(tiny_disk, leave=40 * 1024)  # the first file does not fit

    citizen = Client(HTTP_HOST=GTVT_HOST)
    files = {
        name: SimpleUploadedFile(f"tệp {i}.pdf", big_pdf, "application/pdf") for i, name in enumerate(names["files"])
    }
    response = citizen.post(service_page.get_url_parts()[2], submission_data(service_page, files=files))

    assert response.status_code == 503
    html = response.content.decode()
    assert "Không lưu được hồ sơ do lỗi hệ thống; chưa có hồ sơ nào được tạo." in html
    assert Dossier.objects.count() == 0
    assert DossierFile.objects.count() == 0
    assert files_under(tiny_disk) == set(), "a partial file was left on the full disk"

    # Space comes back: the same citizen's next try succeeds.
    (tiny_disk / "filler.bin").unlink()
    files = {
        name: SimpleUploadedFile(f"tệp {i}.pdf", big_pdf, "application/pdf") for i, name in enumerate(names["files"])
    }
    response = citizen.post(service_page.get_url_parts()[2], submission_data(service_page, files=files))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.files.count() == len(names["files"])
    assert all(Path(f.file.path).read_bytes() == big_pdf for f in dossier.files.all())
