"""Demo online services (demo/data/services.json): the seed's priority procedures get online forms, plus dossiers.

Runs after ``demo.procedures`` (which imports the sample procedures); idempotent.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import translation

from online_services import workflow
from online_services.factories import make_service_page, translate_service_page
from online_services.models import Dossier, OnlineServicePage
from online_services.submission import create_dossier
from procedures.models import ProcedurePage

DATA = Path(settings.BASE_DIR) / "demo" / "data"


def _demo_data() -> dict:
    """demo/data/services.json: the procedures that get an online form, and the demo dossiers."""
    return json.loads((DATA / "services.json").read_text(encoding="utf-8"))


def _upload(name: str, filename: str, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / "files" / filename).read_bytes(), content_type)


def _submit(page: OnlineServicePage, name: str, phone: str, email: str) -> Dossier:
    data, files = {}, {}
    for index, field in enumerate(page.form_fields.all()):
        if field.field_type == "file":
            if index % 2:
                files[field.clean_name] = _upload("ảnh chụp.jpg", "anh-chup.jpg", "image/jpeg")
            else:
                files[field.clean_name] = _upload("tài liệu.pdf", "tai-lieu.pdf", "application/pdf")
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
    data = _demo_data()
    pages = {}
    for code in data["procedures"]:
        procedure = ProcedurePage.objects.filter(code=code, locale__language_code="vi").first()
        if procedure is None:
            continue
        pages[code] = make_service_page(procedure)
        translate_service_page(pages[code])
    officers = {u.username: u for u in get_user_model().objects.filter(username__startswith="motcua.")}
    created = 0
    # Receipts go to example.vn addresses: keep them out of the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), translation.override("vi"):
        for record in data["dossiers"]:
            page = pages.get(record["procedure"])
            if page is None or Dossier.objects.filter(applicant_email=record["email"]).exists():
                continue
            dossier = _submit(page, record["name"], record["phone"], record["email"])
            officer = next(
                (u for u in officers.values() if u.groups.filter(pk=dossier.agency.officers_group_id).exists()), None
            )
            for status, comment in zip(record["statuses"], record["comments"], strict=True):
                if status == Dossier.Status.SUPPLEMENT_REQUESTED:
                    workflow.request_supplement(dossier, user=officer, items=[(comment, "")])
                elif status == Dossier.Status.RESULT_READY:
                    workflow.mark_result_ready(dossier, user=officer, note=comment)
                else:
                    workflow.officer_move(dossier, status, user=officer, comment=comment)
            created += 1
    return f"Dịch vụ công trực tuyến – biểu mẫu: {len(pages)}, hồ sơ mẫu mới: {created}"
