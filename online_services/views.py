"""Public pages of the online services: the receipt, the lookup and what the citizen does after it.

The lookup (receipt code plus phone or email) remembers the dossier in the
session; only that session may then answer a supplement request, withdraw
the dossier, download the result or read the apology letter. Any other
request for those pages is a 404, the same as an unknown code.
"""

from __future__ import annotations

import hmac
import logging

from django.contrib import messages
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from . import workflow
from .codes import normalise_receipt_code
from .forms import LookupForm, SupplementReplyForm, WithdrawForm, normalise_phone
from .models import Appointment, Dossier, DossierFile, InvalidTransition, StaleDossier
from .notifications import lookup_url
from .ratelimit import allow
from .signals import dossier_file_downloaded
from .submission import SESSION_KEY, STORE_FAILED

logger = logging.getLogger("portal.services")

NOT_FOUND = _(
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin liên hệ đã nhập. "
    "Vui lòng kiểm tra lại Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
)
SUPPLEMENT_SENT = _("Đã gửi hồ sơ bổ sung. Cơ quan giải quyết sẽ tiếp tục xử lý hồ sơ của bạn.")
WITHDRAWN = _("Bạn đã rút hồ sơ. Cơ quan giải quyết dừng xử lý hồ sơ này.")
TOO_MANY = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")


def _contact_matches(dossier: Dossier, contact: str) -> bool:
    contact = contact.strip()
    if "@" in contact:
        given, stored = contact.lower(), (dossier.applicant_email or "").lower()
    else:
        given, stored = normalise_phone(contact), normalise_phone(dossier.applicant_phone)
    return bool(stored) and hmac.compare_digest(given.encode(), stored.encode())


LOOKUP_SESSION_KEY = "online_service_lookups"
NOT_LOOKED_UP = _("Vui lòng tra cứu hồ sơ bằng mã hồ sơ và số điện thoại hoặc thư điện tử trước.")


def _remember(request, dossier: Dossier) -> None:
    """The session may act on a dossier it looked up with the right code and contact (the last 10)."""
    seen = [code for code in request.session.get(LOOKUP_SESSION_KEY, []) if code != dossier.receipt_code][-9:]
    request.session[LOOKUP_SESSION_KEY] = [*seen, dossier.receipt_code]


def _looked_up(request, code: str) -> Dossier:
    """The dossier this session looked up (or submitted); 404 otherwise, like an unknown code."""
    codes = set(request.session.get(LOOKUP_SESSION_KEY, [])) | set(request.session.get(SESSION_KEY, []))
    if code not in codes:
        raise Http404(NOT_LOOKED_UP)
    dossier = Dossier.objects.select_related("agency", "service_page").filter(receipt_code=code).first()
    if dossier is None:
        raise Http404(NOT_LOOKED_UP)
    return dossier


def dossier_context(dossier: Dossier, *, reply_form=None, withdraw_form=None) -> dict:
    """What the citizen sees: status, timeline, the open request with its form, the appointment or the result.

    A fixed number of queries, whatever the number of dossiers (tests/online_services/test_services_budgets.py).
    """
    history = list(dossier.history.select_related("to_agency"))
    request_obj = None
    items = []
    supplements = list(dossier.supplements.prefetch_related("items"))
    if dossier.status == Dossier.Status.SUPPLEMENT_REQUESTED:
        request_obj = next((r for r in reversed(supplements) if r.answered_at is None), None)
        items = list(request_obj.items.all()) if request_obj else []
    if request_obj is not None and reply_form is None:
        reply_form = SupplementReplyForm(request_obj=request_obj, items=items, service_page=dossier.service_page)
    results = []
    if dossier.status in (Dossier.Status.RESULT_READY, Dossier.Status.RESULT_RETURNED) and dossier.results_online:
        results = list(dossier.files.filter(kind=DossierFile.Kind.RESULT))
    can_withdraw = Dossier.Status.WITHDRAWN in dossier.allowed_next
    return {
        "dossier": dossier,
        "history": history,
        "supplement_request": request_obj,
        "supplement_items": items,
        "reply_form": reply_form,
        "results": results,
        "appointments": list(dossier.appointments.all()),
        "can_withdraw": can_withdraw,
        "withdraw_form": (withdraw_form or WithdrawForm()) if can_withdraw else None,
    }


@never_cache
@csrf_protect
def lookup(request):
    """Receipt code plus phone or email → status and history; a wrong pair reads like an unknown code."""
    dossier = None
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if not allow(request, "lookup"):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            code = normalise_receipt_code(form.cleaned_data["code"])
            candidate = (
                Dossier.objects.select_related("agency", "service_page").filter(receipt_code=code).first()
                if code
                else None
            )
            if candidate is not None and _contact_matches(candidate, form.cleaned_data["contact"]):
                dossier = candidate
                _remember(request, dossier)
            else:
                form.add_error(None, NOT_FOUND)
                status = 404
        else:
            status = 400
    else:
        form = LookupForm(initial={"code": request.GET.get("code", "")[:30]})
    context = {"form": form, **(dossier_context(dossier) if dossier else {"dossier": None})}
    return TemplateResponse(request, "online_services/lookup.html", context, status=status)


@never_cache
@csrf_protect
def dossier_page(request, code: str):
    """The looked-up dossier again (after an answer or a withdrawal), for this session only."""
    dossier = _looked_up(request, code)
    context = {"form": LookupForm(initial={"code": code}), **dossier_context(dossier)}
    return TemplateResponse(request, "online_services/lookup.html", context)


@never_cache
@csrf_protect
@require_POST
def supplement(request, code: str):
    """The citizen sends the missing documents; the same checks as the first submission."""
    dossier = _looked_up(request, code)
    request_obj = workflow.open_supplement(dossier)
    if request_obj is None:
        messages.error(request, workflow.NOT_WAITING)
        return TemplateResponse(
            request,
            "online_services/lookup.html",
            {"form": LookupForm(initial={"code": code}), **dossier_context(dossier)},
            status=409,
        )
    items = list(request_obj.items.all())
    form = SupplementReplyForm(
        request.POST, request.FILES, request_obj=request_obj, items=items, service_page=dossier.service_page
    )
    if form.is_valid():
        try:
            workflow.submit_supplement(dossier, uploads=form.uploads(), reply=form.cleaned_data["reply"])
        except (InvalidTransition, StaleDossier):
            messages.error(request, workflow.NOT_WAITING)
        except (OSError, DatabaseError):
            logger.exception("Could not store a supplement for %s", dossier.receipt_code)
            form.add_error(None, STORE_FAILED)
        else:
            messages.success(request, SUPPLEMENT_SENT)
            return redirect("online_services:dossier", code=code)
    context = {"form": LookupForm(initial={"code": code}), **dossier_context(dossier, reply_form=form)}
    return TemplateResponse(request, "online_services/lookup.html", context, status=400)


@never_cache
@csrf_protect
@require_POST
def withdraw(request, code: str):
    dossier = _looked_up(request, code)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            workflow.withdraw(dossier, reason=form.cleaned_data["reason"])
        except InvalidTransition as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, WITHDRAWN)
    return redirect("online_services:dossier", code=code)


@never_cache
def result_file(request, code: str, file_pk: int):
    """The result (PDF, private storage) for a procedure whose results are delivered online; logged."""
    dossier = _looked_up(request, code)
    if not dossier.results_online or dossier.status not in (
        Dossier.Status.RESULT_READY,
        Dossier.Status.RESULT_RETURNED,
    ):
        raise Http404
    item = get_object_or_404(DossierFile, pk=file_pk, dossier=dossier, kind=DossierFile.Kind.RESULT)
    # The audit trail records the citizen's download as it records the officers'.
    dossier_file_downloaded.send(sender=DossierFile, user=None, dossier_file=item)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def apology(request, code: str, appointment_pk: int):
    """The apology letter with the new appointment: a printable page, or ``?format=pdf``."""
    dossier = _looked_up(request, code)
    appointment = get_object_or_404(Appointment, pk=appointment_pk, dossier=dossier)
    if request.GET.get("format") == "pdf":
        from .letters import apology_pdf

        response = HttpResponse(apology_pdf(dossier, appointment), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="phieu-xin-loi-{dossier.receipt_code}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
    context = {"dossier": dossier, "appointment": appointment, "agency": dossier.agency, "public": True}
    return TemplateResponse(request, "online_services/apology.html", context)


@never_cache
def receipt(request, code: str):
    """The receipt, shown only in the browser session that submitted the dossier."""
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404
    dossier = Dossier.objects.select_related("agency", "procedure").filter(receipt_code=code).first()
    if dossier is None:
        raise Http404
    context = {
        "dossier": dossier,
        "files": list(dossier.files.all()),
        "lookup_url": lookup_url(dossier),
    }
    return TemplateResponse(request, "online_services/receipt.html", context)
