"""The import in the Wagtail admin: upload, read the dry-run report, confirm — superusers only."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model

from procedures.importing.admin import SESSION_KEY, staging_root
from procedures.models import ProcedureField, ProcedurePage
from tests.files import zip_bytes

from .catalogue_fixtures import DEMO_DATA, SAMPLE, catalogue_snapshot, sample_records

URL = "/admin/thu-tuc/nhap/"


def _zip(entries: dict[str, bytes]) -> SimpleUploadedFile:
    return SimpleUploadedFile("thu-tuc.zip", zip_bytes(entries), content_type="application/zip")


def _sample_zip() -> SimpleUploadedFile:
    entries = {"thu-tuc/procedures-sample.json": SAMPLE.read_bytes()}
    for form in (DEMO_DATA / "forms").iterdir():
        entries[f"thu-tuc/forms/{form.name}"] = form.read_bytes()
    return _zip(entries)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_superuser_uploads_reads_report_then_confirms(sample_network, admin_user):
    client = _client(admin_user)
    assert client.get(URL).status_code == 200
    before = catalogue_snapshot()

    response = client.post(URL, {"file": _sample_zip()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sẽ tạo mới (6)" in html and "Xác nhận nhập" in html
    assert catalogue_snapshot() == before, "the dry run wrote something"
    token = response.context["token"]

    response = client.post(reverse("procedures_import:confirm", args=[token]))
    assert response.status_code == 200
    assert "Đã tạo mới (6)" in response.content.decode()
    assert ProcedurePage.objects.filter(locale__language_code="vi").count() == 6
    assert get_document_model().objects.count() == 6
    assert not (staging_root() / token).exists()
    # The token is spent.
    assert client.post(reverse("procedures_import:confirm", args=[token])).status_code == 404

    # Uploading it again: nothing to import.
    response = client.post(URL, {"file": _sample_zip()})
    assert "Giữ nguyên (6)" in response.content.decode()
    assert "Xác nhận nhập" not in response.content.decode()


def test_report_names_bad_records_and_offers_valid_only(sample_network, admin_user):
    records = sample_records()
    records[2]["level"] = 7
    for record in records:  # a lone JSON file: no forms folder with it
        for item in record["dossier"]:
            item.pop("form", None)
    upload = SimpleUploadedFile("thu-tuc.json", json.dumps(records[2:4], ensure_ascii=False).encode())
    client = _client(admin_user)
    response = client.post(URL, {"file": upload})
    html = response.content.decode()
    assert "bản ghi số 1 (HT-LDTBXH-001), khóa “level”" in html
    assert "Chỉ nhập các bản ghi hợp lệ" in html
    response = client.post(reverse("procedures_import:confirm", args=[response.context["token"]]), {"valid_only": "1"})
    assert list(ProcedurePage.objects.filter(locale__language_code="vi").values_list("code", flat=True)) == [
        "HT-BH-001"
    ]


def test_unreadable_uploads_are_refused_clearly(sample_network, admin_user):
    client = _client(admin_user)
    bad_json = SimpleUploadedFile("x.json", b"[{")
    assert "JSON không hợp lệ" in client.post(URL, {"file": bad_json}).content.decode()
    not_utf8 = SimpleUploadedFile("x.csv", b"code,name\nX,\xd0\xe3ng k\xfd\n")
    assert "không được mã hóa UTF-8" in client.post(URL, {"file": not_utf8}).content.decode()
    exe = SimpleUploadedFile("x.exe", b"MZ")
    assert "Chỉ nhận tệp" in client.post(URL, {"file": exe}).content.decode()
    slip = _zip({"../../etc/passwd.json": b"[]"})
    assert "đường dẫn không an toàn" in client.post(URL, {"file": slip}).content.decode()
    two = _zip({"a.json": b"[]", "b.json": b"[]"})
    assert "nhiều hơn một tệp danh mục" in client.post(URL, {"file": two}).content.decode()
    assert not ProcedurePage.objects.exists() and not ProcedureField.objects.exists()


def test_only_superusers(sample_network, make_user, admin_user):
    agency = sample_network["so-gtvt"]
    for user in (make_user("bientap", agency.editors_group), make_user("kiemduyet", agency.moderators_group)):
        client = _client(user)
        # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
        for response in (
            client.get(URL),
            client.post(URL, {"file": _sample_zip()}),
            client.post(reverse("procedures_import:confirm", args=["a" * 32])),
        ):
            assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not ProcedurePage.objects.exists()
    # Another superuser cannot confirm an upload that is not theirs.
    first = _client(admin_user)
    token = first.post(URL, {"file": _sample_zip()}).context["token"]
    other = _client(make_user("admin2", superuser=True))
    assert other.post(reverse("procedures_import:confirm", args=[token])).status_code == 404
    assert token in first.session[SESSION_KEY]


def test_field_snippet_and_menu(sample_network, admin_user, make_user):
    client = _client(admin_user)
    response = client.get("/admin/snippets/procedures/procedurefield/")
    assert response.status_code == 200
    # The sidebar menu is rendered as JSON: look for the menu item's address.
    assert URL in client.get("/admin/").content.decode()
    editor = _client(make_user("bientap2", sample_network["so-gtvt"].editors_group))
    assert URL not in editor.get("/admin/").content.decode()
