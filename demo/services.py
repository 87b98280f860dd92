"""Demo online services: the seed's three priority procedures get online forms, plus a few dossiers.

Runs after ``procedures.demo`` (which imports the sample procedures); idempotent.
"""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import translation

from online_services.factories import make_service_page, translate_service_page
from online_services.models import Dossier, OnlineServicePage
from online_services.submission import create_dossier
from procedures.models import ProcedurePage

# Driving-licence renewal, pharmacy practice certificate, unemployment benefit (demo/data/procedures-sample.json).
PRIORITY_CODES = ["HT-GTVT-001", "HT-YT-001", "HT-LDTBXH-001"]

DEMO_DOSSIERS = [
    # (procedure code, applicant, phone, email, path of statuses, officer's comments)
    ("HT-GTVT-001", "Nguyễn Văn An", "0912345601", "demo.an@example.vn", [], []),
    ("HT-GTVT-001", "Trần Thị Bình", "0912345602", "demo.binh@example.vn", ["processing"], ["Hồ sơ hợp lệ, đang xét duyệt."]),
    ("HT-GTVT-001", "Lê Văn Cường", "0912345603", "demo.cuong@example.vn", ["processing", "completed"],
     ["Hồ sơ hợp lệ.", "Đã in giấy phép lái xe; mời nhận tại Bộ phận Một cửa."]),
    ("HT-YT-001", "Phạm Thị Dung", "0912345604", "demo.dung@example.vn", ["supplement_requested"],
     ["Đề nghị bổ sung bản sao văn bằng chuyên môn có chứng thực."]),
    ("HT-LDTBXH-001", "Hoàng Văn Em", "0912345605", "demo.em@example.vn", ["rejected"],
     ["Người lao động đã có việc làm mới trước khi nộp hồ sơ."]),
]  # fmt: skip


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def _submit(page: OnlineServicePage, name: str, phone: str, email: str) -> Dossier:
    data, files = {}, {}
    for index, field in enumerate(page.form_fields.all()):
        if field.field_type == "file":
            if index % 2:
                files[field.clean_name] = SimpleUploadedFile("ảnh chụp.jpg", _jpeg(), "image/jpeg")
            else:
                files[field.clean_name] = SimpleUploadedFile("tài liệu.pdf", _pdf(), "application/pdf")
        elif field.role == "applicant_name":
            data[field.clean_name] = name
        elif field.role == "applicant_phone":
            data[field.clean_name] = phone
        elif field.role == "applicant_email":
            data[field.clean_name] = email
        elif field.field_type == "checkbox":
            data[field.clean_name] = "on"
        elif field.required:
            data[field.clean_name] = "—"
    form = page.get_form(data, files, page=page)
    if not form.is_valid():
        raise RuntimeError(f"Demo dossier for {page.procedure.code} is invalid: {form.errors.as_text()}")
    return create_dossier(page, form)


def load(stdout=None) -> str:
    pages = {}
    for code in PRIORITY_CODES:
        procedure = ProcedurePage.objects.filter(code=code, locale__language_code="vi").first()
        if procedure is None:
            continue
        pages[code] = make_service_page(procedure)
        translate_service_page(pages[code])
    officers = {u.username: u for u in get_user_model().objects.filter(username__startswith="motcua.")}
    created = 0
    # Receipts go to example.vn addresses: keep them out of the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), translation.override("vi"):
        for code, name, phone, email, path, comments in DEMO_DOSSIERS:
            page = pages.get(code)
            if page is None or Dossier.objects.filter(applicant_email=email).exists():
                continue
            dossier = _submit(page, name, phone, email)
            officer = next(
                (u for u in officers.values() if u.groups.filter(pk=dossier.agency.officers_group_id).exists()), None
            )
            for status, comment in zip(path, comments, strict=True):
                dossier.transition(status, user=officer, comment=comment)
            created += 1
    return f"Dịch vụ công trực tuyến – biểu mẫu: {len(pages)}, hồ sơ mẫu mới: {created}"
