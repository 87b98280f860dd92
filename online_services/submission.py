"""A post to an online-service form becomes a dossier, with its files, as one unit."""

from __future__ import annotations

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .codes import generate_receipt_code
from .forms import HONEYPOT_FIELD
from .notifications import notify
from .ratelimit import allow
from .storage import dossier_file_path, private_storage
from .workdays import add_working_days

logger = logging.getLogger("portal.services")

SESSION_KEY = "online_service_receipts"
RATE_LIMITED = _("Bạn đã gửi quá nhiều hồ sơ trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
STORE_FAILED = _("Không lưu được hồ sơ do lỗi hệ thống; chưa có hồ sơ nào được tạo. Vui lòng thử lại.")


def serve_service_page(page, request):
    """GET shows the form; a valid POST stores the dossier and redirects to its receipt."""
    status = 200
    if request.method == "POST":
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if not allow(request, "submit"):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            try:
                dossier = create_dossier(page, form)
            except (OSError, DatabaseError):
                logger.exception("Could not store a dossier for page %s", page.pk)
                form.add_error(None, STORE_FAILED)
                status = 503
            else:
                receipts = request.session.get(SESSION_KEY, [])[-19:]
                request.session[SESSION_KEY] = [*receipts, dossier.receipt_code]
                return redirect(reverse("online_services:receipt", args=[dossier.receipt_code]))
        else:
            status = 400
    else:
        form = page.get_form(page=page, user=request.user)
    context = page.get_context(request)
    context["form"] = form
    context["procedure"] = page.procedure
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _role_values(page, cleaned: dict) -> dict:
    values = {}
    for field in page.get_form_fields():
        if field.role:
            values[field.role] = cleaned.get(field.clean_name)
    return values


def create_dossier(page, form):
    """Write the dossier, its history and its files in one transaction.

    Files are written to private storage inside the transaction; if anything
    fails, the transaction rolls back and every file already written is
    deleted, so no half dossier and no orphan file remain.
    """
    from .models import Dossier, DossierFile, DossierStatusChange

    procedure = page.procedure
    cleaned = form.cleaned_data
    roles = _role_values(page, cleaned)
    file_fields = set(form.file_field_names())
    labels = {f.clean_name: f.label for f in page.get_form_fields()}
    data = {}
    for name, value in cleaned.items():
        if name == HONEYPOT_FIELD:
            continue
        data[name] = value.safe_name if name in file_fields and value else value
    submitted_at = timezone.now()
    days = procedure.working_days
    received_on = timezone.localdate(submitted_at)
    due = add_working_days(received_on, days) if days is not None else None
    storage = private_storage()
    written: list[str] = []
    try:
        with transaction.atomic():
            dossier = Dossier(
                procedure=procedure,
                service_page=page,
                procedure_code=procedure.code,
                procedure_title=procedure.title[:255],
                agency_id=procedure.agency_id,
                applicant_name=roles.get("applicant_name") or "",
                applicant_phone=roles.get("applicant_phone") or "",
                applicant_email=roles.get("applicant_email") or "",
                language=(get_language() or "vi")[:10],
                form_data=data,
                submitted_at=submitted_at,
                working_days=days,
                complete_on=received_on,
                due_date=due,
            )
            _save_with_unique_code(dossier)
            DossierStatusChange.objects.create(
                dossier=dossier,
                from_status="",
                to_status=Dossier.Status.RECEIVED,
                changed_at=submitted_at,
                comment="",
            )
            for name in form.file_field_names():
                uploaded = cleaned.get(name)
                if not uploaded:
                    continue
                path = storage.save(dossier_file_path(None, uploaded.safe_name), uploaded)
                written.append(path)
                DossierFile.objects.create(
                    dossier=dossier,
                    field_name=name,
                    label=labels.get(name, name)[:255],
                    file=path,
                    original_name=uploaded.safe_name,
                    content_type=uploaded.detected_type,
                    size=uploaded.size,
                )
            # The receipt by email and SMS, sent once the dossier is committed (a mail failure never loses it).
            notify(dossier, Dossier.Status.RECEIVED, context={"files": list(dossier.files.all())})
    except BaseException:
        for path in written:
            try:
                storage.delete(path)
            except OSError:
                logger.exception("Could not remove %s after a failed submission", path)
        raise
    return dossier


def _save_with_unique_code(dossier, attempts: int = 8) -> None:
    for _attempt in range(attempts):
        dossier.receipt_code = generate_receipt_code()
        try:
            with transaction.atomic():
                dossier.save()
            return
        except IntegrityError:
            if not dossier.__class__.objects.filter(receipt_code=dossier.receipt_code).exists():
                raise
            dossier.pk = None
    raise IntegrityError("Could not draw a free receipt code")
