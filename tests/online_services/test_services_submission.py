"""A citizen's post becomes a dossier with its files, or is refused with nothing stored."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from online_services import storage as storage_module
from online_services.models import Dossier, DossierFile
from online_services.workdays import add_working_days
from tests.files import exe_bytes, jpeg_bytes, pdf_bytes

from .services_fixtures import (
    GTVT_HOST,
    field_names,
    page_path,
    private_files,
    shared_service_fixtures,
    submission_data,
)

pytestmark = pytest.mark.django_db


# The network, the GTVT procedure and its form, built once for this module (services_fixtures.py).
network, procedure, service_page = shared_service_fixtures()


def test_valid_submission_creates_dossier_files_history_and_receipt(
    service_page, citizen, django_capture_on_commit_callbacks
):
    before = private_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(page_path(service_page), submission_data(service_page))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/tra-cuu-ho-so/giay-tiep-nhan/{dossier.receipt_code}/"
    assert dossier.status == Dossier.Status.RECEIVED
    assert dossier.agency.slug == "so-gtvt"
    assert dossier.procedure_code == "HT-GTVT-001"
    assert (dossier.applicant_name, dossier.applicant_phone, dossier.applicant_email) == (
        "Nguyễn Văn An",
        "0912345678",
        "an@example.vn",
    )
    assert dossier.due_date == add_working_days(dossier.submitted_at.astimezone().date(), 5)
    files = list(dossier.files.all())
    assert [f.original_name for f in files] == ["Đơn đề nghị.pdf", "ảnh chụp giấy khám.jpg"]
    assert [f.content_type for f in files] == ["application/pdf", "image/jpeg"]
    assert len(private_files() - before) == 2
    for f in files:
        path = Path(f.file.path)
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    history = list(dossier.history.all())
    assert [(h.from_status, h.to_status) for h in history] == [("", "received")]
    # The form data keeps file names, never file objects, and no honeypot.
    names = field_names(service_page)
    assert dossier.form_data[names["files"][0]] == "Đơn đề nghị.pdf"
    assert "homepage_url" not in dossier.form_data

    receipt = citizen.get(response["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert dossier.receipt_code in html
    assert "Đã tiếp nhận" in html

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["an@example.vn"]
    assert dossier.receipt_code in email.subject
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in email.subject
    assert "Ngày hẹn trả kết quả" in email.body
    assert "http://sgtvt.hatinh.localhost/tra-cuu-ho-so/" in email.body


def test_receipt_page_only_for_the_submitting_browser(service_page, citizen):
    response = citizen.post(page_path(service_page), submission_data(service_page))
    assert response.status_code == 302
    assert Client(HTTP_HOST=GTVT_HOST).get(response["Location"]).status_code == 404


def test_english_submission_gets_english_receipt_and_email(service_page, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(page_path(service_page), submission_data(service_page), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.language == "vi"  # the Vietnamese page is served in Vietnamese whatever the browser says
    # English: the same form reached under /en/ (the URL prefix decides the language).
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post("/en" + page_path(service_page), submission_data(service_page))
    if response.status_code == 404:
        pytest.skip("no English tree for the procedure in this fixture")
    english = Dossier.objects.exclude(pk=dossier.pk).get()
    assert english.language == "en"
    assert response["Location"].startswith("/en/tra-cuu-ho-so/giay-tiep-nhan/")
    assert "Receipt and appointment for the result" in mail.outbox[-1].subject
    assert "Due date" in mail.outbox[-1].body
    receipt = citizen.get(response["Location"])
    assert "Receipt and appointment for the result" in receipt.content.decode()


def _assert_refused(response, message: str, before: set):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Dossier.objects.count() == 0
    assert DossierFile.objects.count() == 0
    assert private_files() == before


def test_exe_renamed_pdf_is_refused_and_nothing_stored(service_page, citizen):
    name = field_names(service_page)["files"][0]
    before = private_files()
    data = submission_data(service_page, files={name: SimpleUploadedFile("don.pdf", exe_bytes(), "application/pdf")})
    _assert_refused(citizen.post(page_path(service_page), data), "không khớp với phần mở rộng .pdf", before)


def test_file_over_the_limit_is_refused(service_page, citizen):
    field = service_page.form_fields.filter(field_type="file").first()
    field.max_size_mb = 1
    field.save()
    big = pdf_bytes() + b"0" * (1024 * 1024)
    before = private_files()
    data = submission_data(
        service_page, files={field.clean_name: SimpleUploadedFile("lon.pdf", big, "application/pdf")}
    )
    _assert_refused(citizen.post(page_path(service_page), data), "vượt quá dung lượng cho phép", before)


def test_empty_file_is_refused(service_page, citizen):
    name = field_names(service_page)["files"][0]
    before = private_files()
    data = submission_data(service_page, files={name: SimpleUploadedFile("rong.pdf", b"", "application/pdf")})
    _assert_refused(citizen.post(page_path(service_page), data), "rỗng", before)


def test_wrong_extension_is_refused(service_page, citizen):
    name = field_names(service_page)["files"][0]
    before = private_files()
    data = submission_data(service_page, files={name: SimpleUploadedFile("script.html", b"<html></html>", "text/html")})
    _assert_refused(citizen.post(page_path(service_page), data), "không đúng định dạng", before)


def _multipart(fields: dict, files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A hand-made multipart body: the test client would strip directory parts itself."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, ctype) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("raw_name", ["../../etc/passwd.pdf", "..\\..\\win.pdf", "a/../../b.pdf", "x&#47;..&#47;y.pdf"])
def test_name_with_directory_parts_is_refused(service_page, citizen, raw_name):
    names = field_names(service_page)
    fields = {names["applicant_name"]: "Nguyễn Văn An", names["applicant_phone"]: "0912345678",
              names["applicant_email"]: "an@example.vn", names["consent"]: "on"}  # fmt: skip
    files = {names["files"][0]: (raw_name, pdf_bytes(), "application/pdf"),
             names["files"][1]: ("ok.jpg", jpeg_bytes(), "image/jpeg")}  # fmt: skip
    body, content_type = _multipart(fields, files)
    before = private_files()
    response = citizen.generic("POST", page_path(service_page), body, content_type=content_type)
    _assert_refused(response, "không được chứa đường dẫn thư mục", before)


def test_post_without_csrf_token_is_refused(service_page):
    client = Client(HTTP_HOST=GTVT_HOST, enforce_csrf_checks=True)
    assert client.get(page_path(service_page)).status_code == 200  # sets the CSRF cookie
    response = client.post(page_path(service_page), submission_data(service_page))
    assert response.status_code == 403
    assert Dossier.objects.count() == 0
    # With the token the same post goes through.
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(page_path(service_page), submission_data(service_page, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Dossier.objects.count() == 1


def test_honeypot_refuses_bots(service_page, citizen):
    before = private_files()
    data = submission_data(service_page, homepage_url="http://spam.example")
    _assert_refused(citizen.post(page_path(service_page), data), "Không thể tiếp nhận hồ sơ", before)


def test_missing_required_fields_are_reported_in_vietnamese(service_page, citizen):
    names = field_names(service_page)
    data = submission_data(service_page)
    del data[names["files"][0]]
    data[names["applicant_phone"]] = "12ab"
    response = citizen.post(page_path(service_page), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng đính kèm tệp này." in html
    assert "Số điện thoại không hợp lệ" in html
    assert Dossier.objects.count() == 0


def test_errors_are_translated_in_english(service_page, citizen):
    name = field_names(service_page)["files"][0]
    data = submission_data(service_page, files={name: SimpleUploadedFile("don.pdf", exe_bytes(), "application/pdf")})
    response = citizen.post("/en" + page_path(service_page), data)
    if response.status_code == 404:
        pytest.skip("no English tree for the procedure in this fixture")
    assert "does not match its extension .pdf" in response.content.decode()


def test_submissions_are_rate_limited_per_ip(service_page, citizen, settings):
    settings.ONLINE_SERVICE_SUBMIT_RATE = (2, 3600)
    for _ in range(2):
        assert citizen.post(page_path(service_page), submission_data(service_page)).status_code == 302
    response = citizen.post(page_path(service_page), submission_data(service_page))
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều hồ sơ" in response.content.decode()
    assert Dossier.objects.count() == 2
    other_ip = citizen.post(page_path(service_page), submission_data(service_page), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_failed_file_write_leaves_no_dossier_and_no_orphan_file(service_page, citizen, monkeypatch):
    """Fault injection: the second file cannot be written (disk full)."""
    storage = storage_module.private_storage()
    real_save = type(storage)._save
    calls = []

    def failing_save(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(type(storage), "_save", failing_save)
    before = private_files()
    response = citizen.post(page_path(service_page), submission_data(service_page))
    assert response.status_code == 503
    assert "chưa có hồ sơ nào được tạo" in response.content.decode()
    assert len(calls) == 2  # the first file was written, then removed
    assert Dossier.objects.count() == 0
    assert DossierFile.objects.count() == 0
    assert private_files() == before


def test_dossier_files_have_no_public_url(service_page, citizen):
    citizen.post(page_path(service_page), submission_data(service_page))
    item = DossierFile.objects.first()
    with pytest.raises(ValueError):
        item.file.url  # noqa: B018
    relative = item.file.name
    on_disk = Path(item.file.path)
    assert on_disk.exists()
    for host in (GTVT_HOST, "hatinh.localhost", "testserver"):
        client = Client(HTTP_HOST=host)
        for url in (
            f"/media/{relative}",
            f"/media/private_media/{relative}",
            f"/private_media/{relative}",
            f"/{relative}",
            f"/static/{relative}",
            f"/documents/{relative}",
            f"/en/{relative}",
        ):
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 404, url
            assert pdf_bytes() not in body
    # The private root is outside MEDIA_ROOT and the static folders, here and in every settings module.
    from config.settings import base, test

    for module in (settings, base, test):
        private_root = Path(module.PRIVATE_MEDIA_ROOT).resolve()
        assert not private_root.is_relative_to(Path(module.MEDIA_ROOT).resolve())
        for static_dir in base.STATICFILES_DIRS:
            assert not private_root.is_relative_to(Path(static_dir).resolve())
