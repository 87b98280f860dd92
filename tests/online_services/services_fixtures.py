"""Fixtures of the online-service tests: a procedure of Sở GTVT with its published form, real tiny files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings
from django.core.cache import cache
from django.test import Client

from online_services.factories import make_procedure, make_service_page

GTVT_HOST = "sgtvt.hatinh.localhost"
YTE_HOST = "soyte.hatinh.localhost"


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def page_path(page) -> str:
    return page.get_url_parts()[2]


def private_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture(autouse=True)
def _clear_cache(settings, tmp_path):
    """A clean rate-limit cache and a private folder of the test's own (runs in parallel must not see each other's files)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def procedure(network):
    return make_procedure(network["so-gtvt"])


@pytest.fixture
def service_page(procedure):
    return make_service_page(procedure)


@pytest.fixture
def citizen():
    return Client(HTTP_HOST=GTVT_HOST)


def field_names(page) -> dict:
    """clean names by role, and the upload fields in order."""
    fields = list(page.form_fields.all())
    names = {f.role: f.clean_name for f in fields if f.role}
    names["files"] = [f.clean_name for f in fields if f.field_type == "file"]
    return names


def submission_data(page, *, files=None, **overrides) -> dict:
    """A valid post for ``page``: every upload gets a real file unless ``files`` says otherwise."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    names = field_names(page)
    data = {
        names["applicant_name"]: "Nguyễn Văn An",
        names["applicant_phone"]: "0912 345 678",
        names["applicant_email"]: "an@example.vn",
        names["consent"]: "on",
    }
    uploads = files or {}
    for index, name in enumerate(names["files"]):
        if name in uploads:
            data[name] = uploads[name]
        elif index % 2:
            data[name] = SimpleUploadedFile("ảnh chụp giấy khám.jpg", jpeg_bytes(), "image/jpeg")
        else:
            data[name] = SimpleUploadedFile("Đơn đề nghị.pdf", pdf_bytes(), "application/pdf")
    data.update(overrides)
    return data
