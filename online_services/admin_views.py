"""The one-stop desk's dossier page in the Wagtail admin: every step of the dossier's life, scoped to the agency.

The queue itself is a Wagtail ``ModelViewSet`` (``viewsets.py``). Officers of
the agency holding a dossier move it; the agency that transferred it keeps a
read-only view; any other agency gets a real 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import admin_forms, workflow
from .models import Appointment, Dossier, DossierFile, StaleDossier
from .signals import dossier_file_downloaded


class Forbidden(PermissionDenied):
    """Answered with a real 403 (Wagtail's admin would turn PermissionDenied into a redirect home)."""


def forbidden_as_403(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden:
            return TemplateResponse(request, "online_services/admin/forbidden.html", status=403)

    return wrapper


def _require_view(user):
    if not (user.is_superuser or user.has_perm("online_services.view_dossier")):
        raise Forbidden


def visible_dossier(user, pk: int) -> Dossier:
    """The dossier if the user's agency owns it; 403 for another agency's, 404 if none."""
    _require_view(user)
    dossier = get_object_or_404(Dossier.objects.select_related("agency", "procedure"), pk=pk)
    if not Dossier.objects.for_user(user).filter(pk=pk).exists():
        raise Forbidden
    return dossier


def _csv_safe(value):
    """Citizens type these: neutralise spreadsheet formulas (CSV/XLSX injection)."""
    return "'" + value if isinstance(value, str) and value and value[0] in "=+-@\t\r" else value


def _can_move(user, dossier) -> bool:
    return Dossier.objects.editable_by(user).filter(pk=dossier.pk).exists()


STEP_FORMS = {
    "status": "status_form",
    "supplement": "supplement_form",
    "result": "result_form",
    "transfer": "transfer_form",
    "appointment": "appointment_form",
    "assign": "assign_form",
}


def _forms(dossier, data=None, files=None, action=None):
    """Each step's form, bound only for the posted one."""
    components = list(
        dossier.files.filter(kind=DossierFile.Kind.SUBMISSION).order_by("pk").values_list("label", flat=True)
    )

    def bound(name):
        return (data, files) if action == name else (None, None)

    return {
        "status_form": admin_forms.StatusChangeForm(*bound("status"), dossier=dossier, prefix="status"),
        "supplement_form": admin_forms.SupplementRequestForm(
            *bound("supplement"), dossier=dossier, components=components, prefix="supplement"
        ),
        "result_form": admin_forms.ResultForm(*bound("result"), dossier=dossier, prefix="result"),
        "transfer_form": admin_forms.TransferForm(
            *bound("transfer"),
            dossier=dossier,
            targets=list(workflow.allowed_transfer_targets(dossier)),
            prefix="transfer",
        ),
        "appointment_form": admin_forms.AppointmentForm(*bound("appointment"), dossier=dossier, prefix="appointment"),
        "assign_form": admin_forms.AssignForm(
            *bound("assign"), dossier=dossier, officers=workflow.officers_of(dossier.agency), prefix="assign"
        ),
    }


def _run_step(request, dossier, action, form) -> str:
    """Make the posted step; returns the success message. Raises ValidationError subclasses on refusal."""
    data = form.cleaned_data
    version = data["version"]
    user = request.user
    if action == "status":
        workflow.officer_move(dossier, data["to_status"], user=user, comment=data["comment"], expected_version=version)
    elif action == "supplement":
        workflow.request_supplement(
            dossier, user=user, items=form.items(), message=data["message"], expected_version=version
        )
    elif action == "result":
        workflow.mark_result_ready(
            dossier, user=user, result_file=data["result_file"], note=data["note"], expected_version=version
        )
    elif action == "transfer":
        workflow.transfer(dossier, data["to_agency"], user=user, note=data["note"], expected_version=version)
        return _("Hồ sơ %(code)s đã được chuyển liên thông đến %(agency)s.") % {
            "code": dossier.receipt_code,
            "agency": data["to_agency"].name,
        }
    elif action == "appointment":
        workflow.reschedule(
            dossier, user=user, new_date=data["new_date"], reason=data["reason"], expected_version=version
        )
        return _("Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả %(date)s.") % {
            "date": data["new_date"].strftime("%d/%m/%Y")
        }
    elif action == "assign":
        if version != Dossier.objects.filter(pk=dossier.pk).values_list("version", flat=True).first():
            raise StaleDossier(_("Hồ sơ vừa được cán bộ khác cập nhật. Vui lòng xem lại hồ sơ."), code="stale")
        workflow.assign(dossier, data["officer"], by=user)
        return _("Đã giao hồ sơ %(code)s.") % {"code": dossier.receipt_code}
    return _("Hồ sơ %(code)s đã chuyển sang “%(status)s”.") % {
        "code": dossier.receipt_code,
        "status": dossier.get_status_display(),
    }


@forbidden_as_403
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    dossier = visible_dossier(request.user, pk)
    can_move = _can_move(request.user, dossier)
    status = 200
    if request.method == "POST":
        if not can_move:
            raise Forbidden
        action = request.POST.get("action", "")
        if action not in STEP_FORMS:
            return HttpResponse(status=400)
        forms_ = _forms(dossier, request.POST, request.FILES, action)
        form = forms_[STEP_FORMS[action]]
        if form.is_valid():
            try:
                message = _run_step(request, dossier, action, form)
            except StaleDossier as exc:
                messages.error(request, exc.messages[0])
                status = 409
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                messages.success(request, message)
                if Dossier.objects.for_user(request.user).filter(pk=dossier.pk).exists():
                    return redirect("online_services_admin:detail", pk=dossier.pk)
                return redirect("dossier_queue:index")
        else:
            status = 400
        if status == 409:
            dossier = visible_dossier(request.user, pk)  # show what the other officer did
            forms_ = _forms(dossier)
    else:
        forms_ = _forms(dossier)
    files = list(dossier.files.select_related("supplement_item"))
    context = {
        "dossier": dossier,
        "can_move": can_move,
        "files": [f for f in files if f.kind == DossierFile.Kind.SUBMISSION],
        "supplement_files": [f for f in files if f.kind == DossierFile.Kind.SUPPLEMENT],
        "result_files": [f for f in files if f.kind == DossierFile.Kind.RESULT],
        "history": list(dossier.history.select_related("changed_by", "from_agency", "to_agency")),
        "supplements": list(dossier.supplements.prefetch_related("items")),
        "appointments": list(dossier.appointments.all()),
        "notifications": list(dossier.notifications.order_by("pk")),
        "labels": _field_labels(dossier),
        "allowed": set(dossier.allowed_next),
        "S": Dossier.Status,
        **forms_,
    }
    return TemplateResponse(request, "online_services/admin/detail.html", context, status=status)


def _field_labels(dossier) -> list[tuple[str, object]]:
    labels = {}
    if dossier.service_page_id:
        labels = {f.clean_name: f.label for f in dossier.service_page.form_fields.all()}
    return [(labels.get(name, name), value) for name, value in dossier.form_data.items()]


@forbidden_as_403
def download(request, pk: int, file_pk: int):
    dossier = visible_dossier(request.user, pk)
    item = get_object_or_404(DossierFile, pk=file_pk, dossier=dossier)
    # The audit trail (security/audit.py) listens: a download it cannot record is not handed out.
    dossier_file_downloaded.send(sender=DossierFile, user=request.user, dossier_file=item)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@forbidden_as_403
def apology(request, pk: int, appointment_pk: int):
    """The printable apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) for the desk."""
    dossier = visible_dossier(request.user, pk)
    appointment = get_object_or_404(Appointment, pk=appointment_pk, dossier=dossier)
    return TemplateResponse(
        request,
        "online_services/apology.html",
        {"dossier": dossier, "appointment": appointment, "agency": dossier.agency},
    )
