"""Property-based: random and hostile posts to an online-service form never give a 500 and never half-store.

A post is either accepted whole (a dossier, its history and one file per
upload) or refused with nothing stored: no dossier row, no file on disk.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from online_services.models import Dossier, DossierFile
from tests.files import EXE, jpeg_bytes, pdf_bytes, png_bytes
from tests.online_services.services_fixtures import GTVT_HOST, field_names, page_path, private_files

TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "Nguyễn Văn An",
            "a\x00b",
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "'; DROP TABLE procedures_dossier; --",
            "x" * 3000,
            "\u202e\ufeff",
        ]
    ),
)
PHONE = st.one_of(st.sampled_from(["0912 345 678", "+84 912 345 678", "0912345678", "12", ""]), st.text(max_size=20))
EMAIL = st.one_of(st.sampled_from(["an@example.vn", "", "không-phải-email", "a@b"]), st.text(max_size=30))
NAMES = st.one_of(
    st.sampled_from(
        [
            "Đơn đề nghị.pdf",
            "../../etc/passwd.pdf",
            "..\\..\\win.ini.pdf",
            "a\x00.pdf",
            "<img src=x onerror=alert(1)>.pdf",
            "ảnh.jpg",
            "ảnh.png",
            "noext",
            ".pdf",
            "x" * 400 + ".pdf",
            "virus.exe",
            "đơn.PDF",
        ]
    ),
    st.text(max_size=30).map(lambda s: s + ".pdf"),
)
CONTENT = st.one_of(
    st.sampled_from([pdf_bytes(), jpeg_bytes(), png_bytes(), b"", EXE, b"%PDF"]),
    st.binary(max_size=200),
)
UPLOAD = st.one_of(st.none(), st.tuples(NAMES, CONTENT))


@pytest.fixture
def service(network, settings, tmp_path):
    # Its own private folder: other runs (the import screen's staging) write to the shared one.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    from online_services.factories import make_procedure, make_service_page

    return make_service_page(make_procedure(network["so-gtvt"]))


VALID_FILES = {"pdf": ("Đơn đề nghị.pdf", pdf_bytes()), "jpg": ("ảnh chụp.jpg", jpeg_bytes())}


@st.composite
def posts(draw, names):
    """Two posts in three start valid and get one field or file replaced; the rest are random throughout."""
    if draw(st.integers(0, 2)):
        data = {
            names["applicant_name"]: "Nguyễn Văn An",
            names["applicant_phone"]: "0912 345 678",
            names["applicant_email"]: "an@example.vn",
            names["consent"]: "on",
        }
        uploads = {name: VALID_FILES["pdf" if i % 2 == 0 else "jpg"] for i, name in enumerate(names["files"])}
        target = draw(st.sampled_from([*data, *uploads, "extra", None]))
        if target in uploads:
            upload = draw(UPLOAD)
            if upload is None:
                uploads.pop(target)
            else:
                uploads[target] = upload
        elif target == "extra":
            data[draw(st.text(max_size=10))] = draw(TEXT)
        elif target is not None:
            data[target] = draw(TEXT)
        return data, uploads
    data = {
        names["applicant_name"]: draw(TEXT),
        names["applicant_phone"]: draw(PHONE),
        names["applicant_email"]: draw(EMAIL),
    }
    consent = draw(st.sampled_from(["on", "", None, "off", "\x00"]))
    if consent is not None:
        data[names["consent"]] = consent
    if draw(st.integers(0, 5)) == 0:
        data["homepage_url"] = draw(TEXT)  # the honeypot
    for key, value in draw(st.dictionaries(st.text(max_size=10), TEXT, max_size=2)).items():
        data.setdefault(key, value)
    uploads = {}
    for name in names["files"]:
        upload = draw(UPLOAD)
        if upload is not None:
            uploads[name] = upload
    return data, uploads


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.django_db
@SETTINGS
@given(data=st.data())
def test_submission_is_whole_or_nothing_and_never_500(service, data):
    names = field_names(service)
    fields, uploads = data.draw(posts(names))
    cache.clear()  # the per-address rate limit is not under test here
    post = dict(fields)
    for field, (filename, content) in uploads.items():
        post[field] = SimpleUploadedFile(filename, content, "application/octet-stream")
    dossiers, files, on_disk = Dossier.objects.count(), DossierFile.objects.count(), private_files()

    client = Client(HTTP_HOST=GTVT_HOST, raise_request_exception=True)
    response = client.post(page_path(service), post)

    assert response.status_code in (302, 400), response.status_code
    event(f"status {response.status_code}")
    if response.status_code == 302:
        dossier = Dossier.objects.latest("pk")
        assert Dossier.objects.count() == dossiers + 1
        assert response["Location"].endswith(f"/{dossier.receipt_code}/")
        assert dossier.files.count() == len(uploads)
        assert len(private_files() - on_disk) == len(uploads)
        assert dossier.history.count() == 1
        assert "\x00" not in dossier.applicant_name
    else:
        assert Dossier.objects.count() == dossiers
        assert DossierFile.objects.count() == files
        assert private_files() == on_disk
        assert "Traceback" not in response.content.decode()
