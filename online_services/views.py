"""Public pages of the online services: the receipt after submitting and the status lookup."""

from __future__ import annotations

import hmac

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from .codes import normalise_receipt_code
from .emails import lookup_url
from .forms import LookupForm, normalise_phone
from .models import Dossier
from .ratelimit import allow
from .submission import SESSION_KEY

NOT_FOUND = _(
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin liên hệ đã nhập. "
    "Vui lòng kiểm tra lại Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
)
TOO_MANY = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")


def _contact_matches(dossier: Dossier, contact: str) -> bool:
    contact = contact.strip()
    if "@" in contact:
        given, stored = contact.lower(), (dossier.applicant_email or "").lower()
    else:
        given, stored = normalise_phone(contact), normalise_phone(dossier.applicant_phone)
    return bool(stored) and hmac.compare_digest(given.encode(), stored.encode())


def _history(dossier: Dossier):
    return list(dossier.history.all())


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
            candidate = Dossier.objects.select_related("agency").filter(receipt_code=code).first() if code else None
            if candidate is not None and _contact_matches(candidate, form.cleaned_data["contact"]):
                dossier = candidate
            else:
                form.add_error(None, NOT_FOUND)
                status = 404
        else:
            status = 400
    else:
        form = LookupForm(initial={"code": request.GET.get("code", "")[:30]})
    context = {"form": form, "dossier": dossier, "history": _history(dossier) if dossier else []}
    return TemplateResponse(request, "online_services/lookup.html", context, status=status)


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
